import type { OpenedAssembly } from '../assembly/open';
import type { LandingZoneConfig } from '../config/schema';
import { readDeploymentRecord } from '../delivery/record';
import { checkDeployment, type DeployCheckReport } from './check';
import { deploymentModel } from './model';
import { CODEPIPELINE, githubActionsPipeline } from './pipelines';

/** The deployment check of a landing-zone assembly against both pipelines (lz deploy-check, the gate). */
export function deployCheckReport(assembly: OpenedAssembly, config: LandingZoneConfig): DeployCheckReport {
  return checkDeployment(
    deploymentModel(assembly, readDeploymentRecord(assembly.dir), config, [
      githubActionsPipeline(),
      CODEPIPELINE,
    ]),
  );
}
