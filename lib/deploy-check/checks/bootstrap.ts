import { where } from '../model';
import type { DeployCheck } from './types';

/**
 * Every stack deploys to an account and region the documented bootstrap prepares (`lz bootstrap`,
 * docs/delivery.md), through roles of the qualifier it creates, needing no newer bootstrap stack
 * than the pinned CDK CLI installs.
 */
export const bootstrapped: DeployCheck = (model) => {
  const problems: string[] = [];
  const qualifier = model.bootstrap.qualifier;
  for (const placed of model.stacks) {
    const s = placed.stack;
    const env = model.environments.find((e) => e.account === s.account);
    if (env === undefined) {
      problems.push(
        `${where(placed)}: account ${s.account} is not in the configuration, so no bootstrap command prepares it`,
      );
    } else if (!env.regions.includes(s.region)) {
      problems.push(
        `${where(placed)}: region ${s.region} of the ${env.accountName} account is not bootstrapped by the documented commands ` +
          `(${env.regions.join(', ')}); cdk deploy would fail to find the bootstrap stack`,
      );
    }
    const role = s.deployRoleArn ?? '';
    if (!role.includes(`role/cdk-${qualifier}-deploy-role-`)) {
      problems.push(
        `${where(placed)}: deploys through ${role === '' ? 'no bootstrap role' : role}, not the bootstrap qualifier ${qualifier} the commands create`,
      );
    }
    for (const [what, version] of [
      ['its deployment', s.requiresBootstrapStackVersion],
      ['its lookup role', s.lookupRoleBootstrapVersion],
    ] as const) {
      if (version !== undefined && version > model.bootstrap.templateVersion) {
        problems.push(
          `${where(placed)}: ${what} needs bootstrap stack version ${version}, newer than the ${model.bootstrap.templateVersion} the pinned CDK CLI installs`,
        );
      }
    }
  }
  return {
    id: 'bootstrap',
    title: 'Every account and region used is bootstrapped by the documented commands',
    prevents:
      'a deployment into an account or region nobody bootstrapped, or with roles that do not exist there',
    problems,
    notes: [],
  };
};
