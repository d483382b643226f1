import { testApp } from '../../../helpers/cdk-app';
import { CfnDeletionPolicy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance } from 'cdk-nag';
import { statefulResourceRetained } from '../../../../lib/compliance/rules/stateful-resource-retained';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;

function stack(): Stack {
  return new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
}

describe('statefulResourceRetained', () => {
  test('compliant with Retain or Snapshot, non-compliant with Delete, not applicable to stateless resources', () => {
    const s = stack();
    const kept = new kms.CfnKey(s, 'Kept', {});
    kept.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const snap = new rds.CfnDBInstance(s, 'Snap', { dbInstanceClass: 'db.t4g.micro', engine: 'postgres' });
    snap.cfnOptions.deletionPolicy = CfnDeletionPolicy.SNAPSHOT;
    snap.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.SNAPSHOT;
    const lost = new logs.CfnLogGroup(s, 'Lost', {});
    lost.applyRemovalPolicy(RemovalPolicy.DESTROY);
    expect(statefulResourceRetained(kept)).toBe(COMPLIANT);
    expect(statefulResourceRetained(snap)).toBe(COMPLIANT);
    expect(statefulResourceRetained(lost)).toBe(NON_COMPLIANT);
    expect(
      statefulResourceRetained(
        new rds.CfnDBParameterGroup(s, 'Pg', { family: 'postgres17', description: 'd' }),
      ),
    ).toBe(NOT_APPLICABLE);
  });
});
