import { testApp } from '../../../helpers/cdk-app';
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { bucketTlsOnly } from '../../../../lib/compliance/rules/bucket-tls-only';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;

function stack(): Stack {
  return new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
}

function cfn(bucket: s3.Bucket): s3.CfnBucket {
  return bucket.node.defaultChild as s3.CfnBucket;
}

describe('bucketTlsOnly', () => {
  it('passes a bucket with enforceSSL (a policy denying aws:SecureTransport false)', () => {
    const bucket = new s3.Bucket(stack(), 'Bucket', { enforceSSL: true });
    expect(bucketTlsOnly(cfn(bucket))).toBe(COMPLIANT);
  });

  it('fails a bucket without a bucket policy', () => {
    const bucket = new s3.Bucket(stack(), 'Bucket');
    expect(bucketTlsOnly(cfn(bucket))).toBe(NON_COMPLIANT);
  });

  it('fails a bucket whose policy does not deny plain HTTP', () => {
    const bucket = new s3.Bucket(stack(), 'Bucket');
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        principals: [new iam.AccountRootPrincipal()],
        resources: [bucket.arnForObjects('*')],
      }),
    );
    expect(bucketTlsOnly(cfn(bucket))).toBe(NON_COMPLIANT);
  });

  it('does not count another bucket’s TLS policy', () => {
    const s = stack();
    new s3.Bucket(s, 'Other', { enforceSSL: true });
    const bucket = new s3.Bucket(s, 'Bucket');
    expect(bucketTlsOnly(cfn(bucket))).toBe(NON_COMPLIANT);
  });

  it('does not apply to other resources', () => {
    const s = stack();
    const bucket = new s3.Bucket(s, 'Bucket', { enforceSSL: true });
    expect(bucketTlsOnly(bucket.policy?.node.defaultChild as s3.CfnBucketPolicy)).toBe(NOT_APPLICABLE);
  });
});
