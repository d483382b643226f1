import { GLOBAL_EVENTS_REGION, type SecurityBaselineModel } from '../model';
import { GLOBAL_SERVICE_ACTIONS } from './global-services';
import type { GuardrailPrincipals } from './principals';
import type { ServiceControlPolicy } from './service-control-policy';

/** What the deployment roles may do outside the allowed regions: deploy the global-events forwarders. */
const DEPLOYMENT_OUTSIDE_REGIONS = ['cloudformation:*', 'events:*'];

/**
 * Deny every regional action outside the regions the residency rule allows (the same list the
 * synth-time rule Council-ResourceInAllowedRegion checks templates against), except AWS's
 * documented global services. The deployment roles may additionally deploy CloudFormation stacks
 * of EventBridge rules in us-east-1, where global services deliver their events, and nothing else
 * outside the allowed regions; what those stacks contain is checked at synth time by the gate.
 */
export function residencyScp(
  model: SecurityBaselineModel,
  principals: GuardrailPrincipals,
): ServiceControlPolicy {
  const deployment = [principals.deployRole, principals.cfnExecRole];
  const regions = [...model.regions];
  return {
    name: 'residency',
    description: `Deny AWS outside ${regions.join(', ')} (the data-residency rule), except global services`,
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyOutsideAllowedRegions',
          Effect: 'Deny',
          NotAction: GLOBAL_SERVICE_ACTIONS,
          Resource: '*',
          Condition: {
            StringNotEquals: { 'aws:RequestedRegion': regions },
            ArnNotLike: { 'aws:PrincipalArn': [principals.breakGlass, ...deployment] },
          },
        },
        {
          Sid: 'DenyDeploymentOutsideAllowedRegions',
          Effect: 'Deny',
          NotAction: [...DEPLOYMENT_OUTSIDE_REGIONS, 'iam:*', 'sts:*'],
          Resource: '*',
          Condition: {
            StringNotEquals: { 'aws:RequestedRegion': regions },
            ArnLike: { 'aws:PrincipalArn': deployment },
          },
        },
        {
          Sid: 'DenyDeploymentOutsideGlobalEventsRegion',
          Effect: 'Deny',
          Action: DEPLOYMENT_OUTSIDE_REGIONS,
          Resource: '*',
          Condition: {
            StringNotEquals: { 'aws:RequestedRegion': [...regions, GLOBAL_EVENTS_REGION] },
            ArnLike: { 'aws:PrincipalArn': deployment },
          },
        },
      ],
    },
  };
}
