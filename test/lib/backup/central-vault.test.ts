import { testApp } from '../../helpers/cdk-app';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CentralAirGappedVault } from '../../../lib/backup/central-vault';

function stack(): Stack {
  return new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
}

describe('CentralAirGappedVault', () => {
  test('the central vault is logically air-gapped, CMK-encrypted and accepts copies only', () => {
    const s = stack();
    new CentralAirGappedVault(s, 'CentralVault', {
      vaultName: 'kvdc-central',
      minRetentionDays: 7,
      maxRetentionDays: 400,
      copySourceAccounts: ['555555555555', '666666666666'],
    });
    Template.fromStack(s).hasResource('AWS::Backup::LogicallyAirGappedBackupVault', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BackupVaultName: 'kvdc-central',
        EncryptionKeyArn: Match.anyValue(),
        MinRetentionDays: 7,
        MaxRetentionDays: 400,
        AccessPolicy: Match.objectLike({
          Statement: [Match.objectLike({ Action: 'backup:CopyIntoBackupVault', Effect: 'Allow' })],
        }),
      }),
    });
  });
});
