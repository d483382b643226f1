import { RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { PostLaunchAction } from './mgn-launch-template';

export interface PostLaunchDocumentsProps {
  /** Prefix of the documents', parameters' and log group's names, e.g. kvdc. */
  readonly namePrefix: string;
  /** Encrypts the post-launch log group. */
  readonly key: kms.IKey;
  /** The council's own hardening document, by name, instead of the baseline one built here. @default - the baseline below */
  readonly hardeningDocumentName?: string;
  /** @default logs.RetentionDays.THIRTEEN_MONTHS */
  readonly logRetention?: logs.RetentionDays;
}

/** The CloudWatch agent's configuration for migrated servers: memory and disk use, and the system logs. */
const AGENT_CONFIG = {
  windows: {
    metrics: {
      namespace: 'CWAgent',
      append_dimensions: { InstanceId: '${aws:InstanceId}' },
      metrics_collected: {
        Memory: { measurement: ['% Committed Bytes In Use'], metrics_collection_interval: 60 },
        LogicalDisk: { measurement: ['% Free Space'], resources: ['*'], metrics_collection_interval: 60 },
      },
    },
    logs: {
      logs_collected: {
        windows_events: {
          collect_list: [
            {
              event_name: 'System',
              event_levels: ['ERROR', 'WARNING'],
              log_group_name: 'migrated-servers/windows-system',
            },
            {
              event_name: 'Application',
              event_levels: ['ERROR', 'WARNING'],
              log_group_name: 'migrated-servers/windows-application',
            },
          ],
        },
      },
    },
  },
  linux: {
    metrics: {
      namespace: 'CWAgent',
      append_dimensions: { InstanceId: '${aws:InstanceId}' },
      metrics_collected: {
        mem: { measurement: ['mem_used_percent'], metrics_collection_interval: 60 },
        disk: { measurement: ['used_percent'], resources: ['*'], metrics_collection_interval: 60 },
      },
    },
    logs: {
      logs_collected: {
        files: {
          collect_list: [
            { file_path: '/var/log/messages', log_group_name: 'migrated-servers/linux-messages' },
          ],
        },
      },
    },
  },
} as const;

/**
 * What MGN runs on every test and cutover instance (MgnLaunchTemplate post-launch actions): the SSM
 * agent brought up to date (AWS-UpdateSSMAgent; MGN installs the agent when post-launch actions are
 * on), the CloudWatch agent installed and started with the configuration in its SSM parameters,
 * and the hardening document, with the command output in an encrypted log group.
 */
export class PostLaunchDocuments extends Construct {
  readonly actions: readonly PostLaunchAction[];
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: PostLaunchDocumentsProps) {
    super(scope, id);
    const prefix = props.namePrefix;
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/${prefix}/migration/post-launch`,
      encryptionKey: props.key,
      retention: props.logRetention ?? logs.RetentionDays.THIRTEEN_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const configName = (platform: 'windows' | 'linux'): string =>
      // The agent's managed policy (CloudWatchAgentServerPolicy) reads parameters named AmazonCloudWatch-*.
      `AmazonCloudWatch-${prefix}-migrated-${platform}`;
    for (const platform of ['windows', 'linux'] as const) {
      new ssm.StringParameter(this, `${platform === 'windows' ? 'Windows' : 'Linux'}AgentConfig`, {
        parameterName: configName(platform),
        stringValue: JSON.stringify(AGENT_CONFIG[platform]),
        description: `CloudWatch agent configuration of migrated ${platform} servers`,
        tier: ssm.ParameterTier.STANDARD,
      });
    }
    const agent = new ssm.CfnDocument(this, 'CloudWatchAgent', {
      name: `${prefix}-migration-cloudwatch-agent`,
      documentType: 'Command',
      documentFormat: 'JSON',
      updateMethod: 'NewVersion',
      content: {
        schemaVersion: '2.2',
        description:
          'Installs the CloudWatch agent on a migrated server and starts it with the council configuration.',
        mainSteps: [
          {
            action: 'aws:configurePackage',
            name: 'InstallAgent',
            inputs: { name: 'AmazonCloudWatchAgent', action: 'Install' },
          },
          {
            action: 'aws:runPowerShellScript',
            name: 'StartOnWindows',
            precondition: { StringEquals: ['platformType', 'Windows'] },
            inputs: {
              runCommand: [
                `& "$Env:ProgramFiles\\Amazon\\AmazonCloudWatchAgent\\amazon-cloudwatch-agent-ctl.ps1" -a fetch-config -m ec2 -c ssm:${configName('windows')} -s`,
              ],
            },
          },
          {
            action: 'aws:runShellScript',
            name: 'StartOnLinux',
            precondition: { StringEquals: ['platformType', 'Linux'] },
            inputs: {
              runCommand: [
                `/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -c ssm:${configName('linux')} -s`,
              ],
            },
          },
        ],
      },
    });

    let hardening = props.hardeningDocumentName;
    if (hardening === undefined) {
      const document = new ssm.CfnDocument(this, 'Hardening', {
        name: `${prefix}-migrated-server-hardening`,
        documentType: 'Command',
        documentFormat: 'JSON',
        updateMethod: 'NewVersion',
        content: {
          schemaVersion: '2.2',
          description:
            'Baseline hardening of a migrated server: no SMBv1, host firewall on, no TLS 1.0 or 1.1 (Windows); no root or password SSH logins, auditd on (Linux).',
          mainSteps: [
            {
              action: 'aws:runPowerShellScript',
              name: 'HardenWindows',
              precondition: { StringEquals: ['platformType', 'Windows'] },
              inputs: {
                runCommand: [
                  'Set-SmbServerConfiguration -EnableSMB1Protocol $false -Force',
                  'Set-NetFirewallProfile -Profile Domain,Public,Private -Enabled True',
                  "foreach ($p in 'TLS 1.0','TLS 1.1') { foreach ($r in 'Server','Client') { $k = \"HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\$p\\$r\"; New-Item -Path $k -Force | Out-Null; Set-ItemProperty -Path $k -Name Enabled -Value 0 -Type DWord; Set-ItemProperty -Path $k -Name DisabledByDefault -Value 1 -Type DWord } }",
                ],
              },
            },
            {
              action: 'aws:runShellScript',
              name: 'HardenLinux',
              precondition: { StringEquals: ['platformType', 'Linux'] },
              inputs: {
                runCommand: [
                  "sed -i -E 's/^#?PermitRootLogin .*/PermitRootLogin no/; s/^#?PasswordAuthentication .*/PasswordAuthentication no/' /etc/ssh/sshd_config",
                  'systemctl reload sshd',
                  'systemctl enable --now auditd',
                ],
              },
            },
          ],
        },
      });
      hardening = document.ref;
    }
    this.actions = [
      { name: 'Update the SSM agent', documentName: 'AWS-UpdateSSMAgent', timeoutSeconds: 600 },
      { name: 'Install and start the CloudWatch agent', documentName: agent.ref, timeoutSeconds: 900 },
      { name: 'Apply the council hardening baseline', documentName: hardening, timeoutSeconds: 900 },
    ];
  }
}
