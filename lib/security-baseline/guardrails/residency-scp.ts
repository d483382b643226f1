import { GLOBAL_EVENTS_REGION, type SecurityBaselineModel } from '../model';
import { GLOBAL_SERVICE_ACTIONS } from './global-services';
import type { GuardrailPrincipals } from './principals';
import type { ServiceControlPolicy } from './service-control-policy';

/**
 * Deny every regional action outside the regions the residency rule allows (the same list the
 * synth-time rule Council-ResourceInAllowedRegion checks templates against), except AWS's
 * documented global services. One role is let through for one job: the account baseline's
 * deploy-time calls may manage EventBridge rules in us-east-1, where global services deliver
 * their events, and do nothing else outside the allowed regions.
 */
export function residencyScp(
  model: SecurityBaselineModel,
  principals: GuardrailPrincipals,
): ServiceControlPolicy {
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
            ArnNotLike: { 'aws:PrincipalArn': [principals.breakGlass, principals.deployTimeCalls] },
          },
        },
        {
          Sid: 'DenyDeployTimeCallsOutsideAllowedRegions',
          Effect: 'Deny',
          NotAction: ['events:*', 'iam:PassRole'],
          Resource: '*',
          Condition: {
            StringNotEquals: { 'aws:RequestedRegion': regions },
            ArnLike: { 'aws:PrincipalArn': principals.deployTimeCalls },
          },
        },
        {
          Sid: 'DenyDeployTimeCallsOutsideGlobalEventsRegion',
          Effect: 'Deny',
          Action: 'events:*',
          Resource: '*',
          Condition: {
            StringNotEquals: { 'aws:RequestedRegion': [...regions, GLOBAL_EVENTS_REGION] },
            ArnLike: { 'aws:PrincipalArn': principals.deployTimeCalls },
          },
        },
      ],
    },
  };
}
