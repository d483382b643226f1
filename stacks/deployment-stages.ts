import { Stack, Stage, Token } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import type { LandingZoneConfig } from '../lib/config/schema';
import {
  orderStages,
  StagePlanError,
  stageOrderProblems,
  type DeploymentPhase,
  type DeploymentStage,
  type PlacedStack,
} from '../lib/delivery/stages';
import { AccountBaselineStack } from './account-baseline-stack';
import { AlertingStack, NetworkAlertingStack } from './alerting-stack';
import { BackupAccountStack } from './backup-account-stack';
import { ConnectivityStack } from './connectivity-stack';
import { DataProtectionStack } from './data-protection-stack';
import { DatabaseMigrationStack } from './database-migration-stack';
import { DnsFirewallStack } from './dns-firewall-stack';
import { HybridDnsStack } from './hybrid-dns-stack';
import { LogArchiveStack } from './log-archive-stack';
import { MigrationServicesStack } from './migration-services-stack';
import { MigrationWavesStack } from './migration-waves-stack';
import { NetworkHubStack } from './network-hub-stack';
import { OperationsStack } from './operations-stack';
import { OrganisationManagementStack } from './organisation-management-stack';
import { SecurityOrganisationStack } from './security-organisation-stack';
import { SecurityToolingStack } from './security-tooling-stack';
import { ServiceMonitoringStack } from './service-monitoring-stack';
import { VpcStack } from './vpc-stack';
import { WorkloadsStack } from './workloads-stack';

type StackClass = abstract new (...args: never[]) => Stack;

/**
 * The phase of every kind of landing-zone stack. A new stack class must be added here: an
 * unclassified stack is an error, so nothing is silently left out of the deployment.
 */
export const STACK_PHASES: ReadonlyArray<readonly [StackClass, DeploymentPhase]> = [
  [LogArchiveStack, 'baseline'],
  [SecurityToolingStack, 'baseline'],
  [OrganisationManagementStack, 'baseline'],
  [AccountBaselineStack, 'baseline'],
  [SecurityOrganisationStack, 'detection'],
  [NetworkHubStack, 'network'],
  [DnsFirewallStack, 'network'],
  [VpcStack, 'network'],
  [ConnectivityStack, 'network'],
  [HybridDnsStack, 'network'],
  // The network's alarms notify the network account's topics, so those ship with the network; a
  // workload account's topics and backup alarms ship with its data; service alarms with the waves.
  // NetworkAlertingStack extends AlertingStack, so it comes first: the first match wins.
  [NetworkAlertingStack, 'network'],
  [AlertingStack, 'data'],
  [BackupAccountStack, 'data'],
  [DataProtectionStack, 'data'],
  // The operations roles read backups and restore them in drills: they ship with data and backup.
  [OperationsStack, 'data'],
  [MigrationWavesStack, 'waves'],
  [MigrationServicesStack, 'waves'],
  [WorkloadsStack, 'waves'],
  [ServiceMonitoringStack, 'waves'],
  [DatabaseMigrationStack, 'waves'],
];

/** The stacks that belong to `scope` itself (an App or a Stage), not to a nested stage. */
export function stacksOf(scope: Stage): Stack[] {
  return scope.node
    .findAll()
    .filter((c: IConstruct): c is Stack => Stack.isStack(c) && !c.nested && Stage.of(c) === scope);
}

/** Places every stack of the scope in its phase; throws listing every unclassified stack. */
export function placeStacks(scope: Stage): PlacedStack[] {
  const problems: string[] = [];
  const placed: PlacedStack[] = [];
  for (const stack of stacksOf(scope)) {
    const phase = STACK_PHASES.find(([kind]) => stack instanceof kind)?.[1];
    if (phase === undefined) {
      problems.push(
        `${stack.artifactId} is of a stack class that has no deployment phase: add the class to STACK_PHASES in stacks/deployment-stages.ts`,
      );
      continue;
    }
    if (Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region)) {
      problems.push(`${stack.artifactId} has no explicit account and region, so no stage can deploy it`);
      continue;
    }
    placed.push({ id: stack.artifactId, accountId: stack.account, region: stack.region, phase });
  }
  if (problems.length > 0) {
    throw new StagePlanError(problems);
  }
  return placed;
}

/** Each stack's dependencies on other stacks, as the assembly manifest records them. */
export function stackDependencies(assembly: CloudAssembly): Map<string, string[]> {
  const stackIds = new Set(assembly.stacks.map((s) => s.id));
  return new Map(
    assembly.stacks.map((s) => [s.id, s.dependencies.map((d) => d.id).filter((id) => stackIds.has(id))]),
  );
}

/**
 * The ordered stages of a synthesised scope, checked against the dependencies in its assembly:
 * a stage order that would deploy a stack before one it depends on is an error.
 */
export function deploymentStagesOf(
  scope: Stage,
  assembly: CloudAssembly,
  config: LandingZoneConfig,
): DeploymentStage[] {
  const stages = orderStages(placeStacks(scope), config.accounts);
  const problems = stageOrderProblems(stages, stackDependencies(assembly));
  if (problems.length > 0) {
    throw new StagePlanError(problems);
  }
  return stages;
}
