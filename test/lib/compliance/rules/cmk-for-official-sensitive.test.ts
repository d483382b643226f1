import { testApp } from '../../../helpers/cdk-app';
import { App, Stack, Tags } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { NagRuleCompliance } from 'cdk-nag';
import type { CfnResource } from 'aws-cdk-lib';
import { cmkForOfficialSensitive } from '../../../../lib/compliance/rules/cmk-for-official-sensitive';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;

function stack(): Stack {
  return new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
}

function sensitive<T extends CfnResource>(resource: T): T {
  Tags.of(resource).add('classification', 'OFFICIAL-SENSITIVE');
  const app = resource.node.root;
  if (app instanceof App) {
    app.synth(); // runs the tag aspects
  }
  return resource;
}

describe('cmkForOfficialSensitive', () => {
  it('passes an OFFICIAL-SENSITIVE log group encrypted with a customer-managed key', () => {
    const s = stack();
    const key = new kms.Key(s, 'Key');
    const group = sensitive(new logs.CfnLogGroup(s, 'Logs', { retentionInDays: 400, kmsKeyId: key.keyArn }));
    expect(cmkForOfficialSensitive(group)).toBe(COMPLIANT);
  });

  it('passes an OFFICIAL-SENSITIVE bucket encrypted with a customer-managed key', () => {
    const s = stack();
    const bucket = new s3.Bucket(s, 'Bucket', { encryptionKey: new kms.Key(s, 'Key') });
    expect(cmkForOfficialSensitive(sensitive(bucket.node.defaultChild as s3.CfnBucket))).toBe(COMPLIANT);
  });

  it('fails an OFFICIAL-SENSITIVE topic with the AWS managed key', () => {
    const topic = sensitive(new sns.CfnTopic(stack(), 'Topic', { kmsMasterKeyId: 'alias/aws/sns' }));
    expect(cmkForOfficialSensitive(topic)).toBe(NON_COMPLIANT);
  });

  it('fails an OFFICIAL-SENSITIVE bucket with S3-managed encryption', () => {
    const s = stack();
    const bucket = new s3.Bucket(s, 'Bucket', { encryption: s3.BucketEncryption.S3_MANAGED });
    expect(cmkForOfficialSensitive(sensitive(bucket.node.defaultChild as s3.CfnBucket))).toBe(NON_COMPLIANT);
  });

  it('fails an OFFICIAL-SENSITIVE log group with no key', () => {
    const group = sensitive(new logs.CfnLogGroup(stack(), 'Logs', { retentionInDays: 400 }));
    expect(cmkForOfficialSensitive(group)).toBe(NON_COMPLIANT);
  });

  it('does not apply to OFFICIAL data', () => {
    const topic = new sns.CfnTopic(stack(), 'Topic', {
      tags: [{ key: 'classification', value: 'OFFICIAL' }],
    });
    expect(cmkForOfficialSensitive(topic)).toBe(NOT_APPLICABLE);
  });
});
