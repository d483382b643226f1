import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { exampleLandingZone } from '../connectivity/example-landing-zone';

type Statement = {
  Sid?: string;
  Effect: string;
  Principal?: { Service?: unknown; AWS?: unknown };
  Condition?: Record<string, Record<string, unknown>>;
};

/** Condition keys that tie a service's use of a key to this landing zone's accounts or resources. */
const SCOPING_KEYS = [
  'aws:SourceAccount',
  'aws:SourceArn',
  'aws:SourceOrgID',
  'kms:ViaService',
  'kms:CallerAccount',
  'kms:EncryptionContext:aws:logs:arn',
];

function scoped(statement: Statement): boolean {
  return Object.values(statement.Condition ?? {}).some((block) =>
    Object.keys(block).some((key) => SCOPING_KEYS.includes(key)),
  );
}

const { app, stacks } = exampleLandingZone();
app.synth();
const statements = stacks.all.flatMap((stack) =>
  stack.node
    .findAll()
    .filter((c): c is kms.CfnKey => c instanceof kms.CfnKey)
    .flatMap((key) =>
      ((Stack.of(key).resolve(key.keyPolicy) as { Statement?: Statement[] }).Statement ?? []).map(
        (statement) => ({
          path: key.node.path,
          statement,
        }),
      ),
    ),
);

describe('key grants to AWS services and other accounts', () => {
  it('every grant to an AWS service is tied to this account (or named resources): no confused deputy', () => {
    const service = statements.filter(
      ({ statement }) => statement.Effect === 'Allow' && statement.Principal?.Service,
    );
    expect(service.length).toBeGreaterThan(5);
    expect(
      service
        .filter(({ statement }) => !scoped(statement))
        .map(({ path, statement }) => `${path} ${statement.Sid ?? ''}`),
    ).toEqual([]);
  });

  it('the backup topic key and the VPN alert key admit their service for this account only', () => {
    const sids = (sid: string) =>
      statements.filter(({ statement }) => statement.Sid === sid).map(({ statement }) => statement);
    for (const sid of ['AllowAwsBackupToPublish', 'AllowCloudWatchAlarmsToPublish']) {
      expect(sids(sid).length).toBeGreaterThan(0);
      for (const statement of sids(sid)) {
        expect(Object.keys(statement.Condition?.['StringEquals'] ?? {})).toEqual(['aws:SourceAccount']);
      }
    }
  });

  it("the backup account uses a database's key only through AWS Backup and RDS", () => {
    const grants = statements.filter(
      ({ statement }) => statement.Sid === 'AllowBackupCopiesToTheBackupAccount',
    );
    expect(grants.length).toBeGreaterThan(0);
    for (const { statement } of grants) {
      expect(statement.Condition).toEqual({
        StringLike: { 'kms:ViaService': ['backup.*.amazonaws.com', 'rds.*.amazonaws.com'] },
      });
    }
  });
});
