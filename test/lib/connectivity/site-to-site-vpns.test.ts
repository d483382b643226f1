import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { STRONG_TUNNEL_CRYPTO } from '../../../lib/connectivity/tunnel-options';
import { exampleLandingZone, hardenedExampleConfig } from './example-landing-zone';

// The construct as a new site gets it (the example's deployed sites are pending: tunnel-hardening.test.ts).
const { stacks, config } = exampleLandingZone(hardenedExampleConfig());
const connectivity = stacks.connectivity;
if (!connectivity) {
  throw new Error('the example council has a connectivity section');
}
const template = Template.fromStack(connectivity);

function resourcesOf(type: string): Record<string, { Properties: Record<string, unknown> }> {
  return template.findResources(type) as Record<string, { Properties: Record<string, unknown> }>;
}

const connections = resourcesOf('AWS::EC2::VPNConnection');

describe('VPN connections', () => {
  it('creates one connection per device: two at the data centre, one at each other site', () => {
    expect(Object.keys(connections)).toHaveLength(4);
    template.resourceCountIs('AWS::EC2::CustomerGateway', 4);
  });

  it('keeps the logical IDs of connections, customer gateways and keys stable (they derive from names)', () => {
    const ids = Object.keys(template.toJSON()['Resources'] as object);
    for (const expected of [
      'SiteToSiteVpnsCivicCentreDcEdge1Connection014C1FB0',
      'SiteToSiteVpnsCivicCentreDcEdge2Connection5BB7AB5A',
      'SiteToSiteVpnsNorthgateDepotRouter1Connection26FDD5CD',
      'SiteToSiteVpnsCentralLibraryRouter1ConnectionF82C2104',
      'SiteToSiteVpnsCivicCentreDcEdge1Tunnel1PreSharedKeySecretBCB20EE3',
      'SiteToSiteVpnsCivicCentreDcEdge1CustomerGateway1676D0C4',
      'SiteToSiteVpnsTunnelLogsKey708FEC59',
      'SiteToSiteVpnsTunnelLogsLogGroupF310D701',
      'SiteToSiteVpnsPreSharedKeysKeyB8E929EE',
    ]) {
      expect(ids).toContain(expected);
    }
  });

  it('configures both tunnels of every connection explicitly with the strong settings and logging', () => {
    for (const [id, resource] of Object.entries(connections)) {
      const tunnels = resource.Properties['VpnTunnelOptionsSpecifications'] as Record<string, unknown>[];
      expect({ id, count: tunnels.length }).toEqual({ id, count: 2 });
      for (const tunnel of tunnels) {
        expect(tunnel).toMatchObject({
          IKEVersions: [{ Value: 'ikev2' }],
          Phase1EncryptionAlgorithms: [{ Value: 'AES256' }, { Value: 'AES256-GCM-16' }],
          Phase2EncryptionAlgorithms: [{ Value: 'AES256' }, { Value: 'AES256-GCM-16' }],
          Phase1IntegrityAlgorithms: [{ Value: 'SHA2-256' }, { Value: 'SHA2-384' }, { Value: 'SHA2-512' }],
          Phase2IntegrityAlgorithms: [{ Value: 'SHA2-256' }, { Value: 'SHA2-384' }, { Value: 'SHA2-512' }],
          Phase1DHGroupNumbers: STRONG_TUNNEL_CRYPTO.phase1DhGroupNumbers.map((Value) => ({ Value })),
          Phase2DHGroupNumbers: STRONG_TUNNEL_CRYPTO.phase2DhGroupNumbers.map((Value) => ({ Value })),
          Phase1LifetimeSeconds: 28800,
          Phase2LifetimeSeconds: 3600,
          DPDTimeoutAction: 'restart',
          StartupAction: 'start',
          LogOptions: { CloudwatchLogOptions: { LogEnabled: true, LogOutputFormat: 'json' } },
        });
        const groups = [...(tunnel['Phase1DHGroupNumbers'] as { Value: number }[])];
        expect(Math.min(...groups.map((g) => g.Value))).toBeGreaterThanOrEqual(14);
      }
    }
  });

  it('uses the configured inside CIDRs for the data centre tunnels', () => {
    const edge2 = connections['SiteToSiteVpnsCivicCentreDcEdge2Connection5BB7AB5A'];
    const inside = (
      edge2?.Properties['VpnTunnelOptionsSpecifications'] as { TunnelInsideCidr?: string }[]
    ).map((t) => t.TunnelInsideCidr);
    expect(inside).toEqual(['169.254.10.8/30', '169.254.10.12/30']);
  });

  it('logs BGP only for BGP sites', () => {
    const bgpLog = (id: string): unknown[] =>
      (
        connections[id]?.Properties['VpnTunnelOptionsSpecifications'] as {
          LogOptions: { CloudwatchLogOptions: { BgpLogEnabled: unknown } };
        }[]
      ).map((t) => t.LogOptions.CloudwatchLogOptions.BgpLogEnabled);
    expect(bgpLog('SiteToSiteVpnsNorthgateDepotRouter1Connection26FDD5CD')).toEqual([true, true]);
    expect(bgpLog('SiteToSiteVpnsCentralLibraryRouter1ConnectionF82C2104')).toEqual([false, false]);
  });

  it('attaches to the Transit Gateway with static routing only where configured', () => {
    const byId = (id: string): Record<string, unknown> | undefined => connections[id]?.Properties;
    expect(byId('SiteToSiteVpnsCentralLibraryRouter1ConnectionF82C2104')).toMatchObject({
      StaticRoutesOnly: true,
      EnableAcceleration: false,
      TransitGatewayId: {
        'Fn::GetStackOutput': {
          StackName: 'kvdc-network-hub',
          OutputName: expect.stringContaining('HubTransitGateway') as string,
          Region: 'eu-west-2',
        },
      },
    });
    expect(byId('SiteToSiteVpnsNorthgateDepotRouter1Connection26FDD5CD')).toMatchObject({
      StaticRoutesOnly: false,
    });
  });

  it('gives each customer gateway its public IP and the site ASN (none for a static site)', () => {
    template.hasResourceProperties('AWS::EC2::CustomerGateway', {
      IpAddress: '203.0.113.74',
      BgpAsn: 65010,
      Type: 'ipsec.1',
      DeviceName: 'edge-2',
    });
    template.hasResourceProperties('AWS::EC2::CustomerGateway', {
      IpAddress: '198.51.100.40',
      BgpAsn: Match.absent(),
    });
  });
});

describe('pre-shared keys', () => {
  const secrets = resourcesOf('AWS::SecretsManager::Secret');

  it('generates one CMK-encrypted secret per tunnel, in the character set AWS accepts, never starting with 0', () => {
    expect(Object.keys(secrets)).toHaveLength(8);
    for (const secret of Object.values(secrets)) {
      expect(secret.Properties).toMatchObject({
        KmsKeyId: { 'Fn::GetAtt': ['SiteToSiteVpnsPreSharedKeysKeyB8E929EE', 'Arn'] },
        GenerateSecretString: {
          PasswordLength: 32,
          ExcludePunctuation: true,
          IncludeSpace: false,
          ExcludeCharacters: '0',
          RequireEachIncludedType: true,
        },
      });
      expect(secret.Properties['SecretString']).toBeUndefined();
    }
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'kvdc/vpn/civic-centre-dc/edge-2/tunnel-2',
    });
  });

  it("passes every key to its tunnel as a Secrets Manager dynamic reference to that tunnel's own secret", () => {
    const used = new Set<string>();
    for (const connection of Object.values(connections)) {
      for (const tunnel of connection.Properties['VpnTunnelOptionsSpecifications'] as {
        PreSharedKey: unknown;
      }[]) {
        expect(tunnel.PreSharedKey).toEqual({
          'Fn::Join': [
            '',
            ['{{resolve:secretsmanager:', { Ref: expect.any(String) as string }, ':SecretString:::}}'],
          ],
        });
        const ref = (tunnel.PreSharedKey as { 'Fn::Join': [string, [string, { Ref: string }]] })[
          'Fn::Join'
        ][1][1].Ref;
        expect(Object.keys(secrets)).toContain(ref);
        used.add(ref);
      }
    }
    expect(used.size).toBe(8);
  });

  it('writes no pre-shared key into any synthesised file', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'lz-psk-'));
    try {
      const { app } = exampleLandingZone(config, outdir);
      app.synth();
      const templates = readdirSync(outdir).filter((f) => f.endsWith('.template.json'));
      expect(templates.length).toBeGreaterThanOrEqual(6);
      let references = 0;
      for (const file of templates) {
        const text = readFileSync(join(outdir, file), 'utf8');
        // A literal key would be a string value; a reference is an Fn::Join object.
        expect({ file, literal: /"PreSharedKey":\s*"/.test(text) }).toEqual({ file, literal: false });
        references += text.split('{{resolve:secretsmanager:').length - 1;
      }
      expect(references).toBe(8);
      // The configuration never carries a key either.
      expect(readFileSync('config/landing-zone.yaml', 'utf8')).not.toMatch(/pre-?shared|psk/i);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('routing of the VPN attachments', () => {
  const lookups = template.findResources('Custom::VpnTransitGatewayAttachment');

  it('looks up each attachment ID by VPN connection, since CloudFormation does not return it', () => {
    expect(Object.keys(lookups)).toHaveLength(4);
    const create = JSON.stringify(Object.values(lookups)[0]);
    expect(create).toContain('describeTransitGatewayAttachments');
    expect(create).toContain('resource-id');
  });

  it('associates every VPN attachment with the on-premises route table', () => {
    template.resourceCountIs('AWS::EC2::TransitGatewayRouteTableAssociation', 4);
  });

  it('propagates BGP sites into production, non-production and shared only (three devices, three tables)', () => {
    template.resourceCountIs('AWS::EC2::TransitGatewayRouteTablePropagation', 9);
  });

  it('writes the static site prefixes into the same three route tables', () => {
    const routes = resourcesOf('AWS::EC2::TransitGatewayRoute');
    expect(Object.keys(routes)).toHaveLength(3);
    for (const route of Object.values(routes)) {
      expect(route.Properties['DestinationCidrBlock']).toBe('172.16.8.0/22');
      expect(route.Properties['TransitGatewayAttachmentId']).toEqual({
        'Fn::GetAtt': [expect.any(String), expect.stringContaining('TransitGatewayAttachments.0') as string],
      });
    }
  });
});

describe('tunnel logs', () => {
  it('go to a CMK-encrypted, retained log group with the configured retention', () => {
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: '/kvdc/vpn/tunnels', RetentionInDays: 400, KmsKeyId: Match.anyValue() },
      DeletionPolicy: 'Retain',
    });
  });
});

describe('monitoring', () => {
  const alarms = resourcesOf('AWS::CloudWatch::Alarm');

  it('has a tunnel-down (Minimum < 1) and a connection-down (Maximum < 1) alarm per connection', () => {
    // Four per connection: tunnel down, connection down, load and attachment drops (the
    // announcement check's own alarms are tested in announced-prefix-check.test.ts).
    expect(Object.keys(alarms).filter((id) => !id.includes('AnnouncedPrefixCheck'))).toHaveLength(16);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'kvdc-vpn-northgate-depot-router-1-tunnel-down',
      Namespace: 'AWS/VPN',
      MetricName: 'TunnelState',
      Dimensions: [
        { Name: 'VpnId', Value: { Ref: 'SiteToSiteVpnsNorthgateDepotRouter1Connection26FDD5CD' } },
      ],
      Statistic: 'Minimum',
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      EvaluationPeriods: 5,
      DatapointsToAlarm: 5,
      TreatMissingData: 'breaching',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'kvdc-vpn-northgate-depot-router-1-connection-down',
      Statistic: 'Maximum',
      Threshold: 1,
    });
  });

  it('alarms when a connection nears one tunnel capacity in its busier direction', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'kvdc-vpn-northgate-depot-router-1-load',
      Threshold: 0.8 * 1.25e9,
      EvaluationPeriods: 3,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'MAX([FILL(bytesIn, 0), FILL(bytesOut, 0)]) * 8 / 300' }),
      ]),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'kvdc-vpn-northgate-depot-router-1-attachment-drops',
      AlarmDescription: Match.stringLikeRegexp('#runbook-transit-gateway-drops'),
    });
  });

  it('raises "site unreachable" only for the site with two devices', () => {
    const composites = resourcesOf('AWS::CloudWatch::CompositeAlarm');
    expect(Object.values(composites).map((c) => c.Properties['AlarmName'])).toEqual([
      'kvdc-vpn-civic-centre-dc-unreachable',
    ]);
  });

  it('alerts the network team through a CMK-encrypted, TLS-only topic, and a site topic where the site has mailboxes', () => {
    const topics = resourcesOf('AWS::SNS::Topic');
    expect(
      Object.values(topics)
        .map((t) => t.Properties['TopicName'])
        .sort(),
    ).toEqual(['kvdc-vpn-alerts', 'kvdc-vpn-northgate-depot-alerts']);
    for (const topic of Object.values(topics)) {
      expect(topic.Properties['KmsMasterKeyId']).toBeDefined();
    }
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'network-team@kestrelvale.gov.uk',
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'depots-ict@kestrelvale.gov.uk',
    });
    const depotAlarm = Object.values(alarms).find(
      (a) => a.Properties['AlarmName'] === 'kvdc-vpn-northgate-depot-router-1-connection-down',
    );
    expect(depotAlarm?.Properties['AlarmActions']).toHaveLength(2);
  });

  it('lets CloudWatch use the alert key, without which alarms cannot publish to an encrypted topic', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      Description: 'Encrypts the kvdc VPN alert topics',
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
  });

  it('has one dashboard with tunnel state and traffic per site', () => {
    const dashboards = resourcesOf('AWS::CloudWatch::Dashboard');
    expect(Object.keys(dashboards)).toHaveLength(1);
    const body = JSON.stringify(Object.values(dashboards)[0]?.Properties['DashboardBody']);
    for (const site of config.connectivity?.sites ?? []) {
      expect(body).toContain(`${site.name}: tunnel state`);
      expect(body).toContain(`${site.name}: traffic into AWS`);
    }
    expect(body).toContain('TunnelDataIn');
    expect(body).toContain('TunnelDataOut');
  });
});

describe('the stack', () => {
  it('is protected from deletion and deployed to the network account', () => {
    expect(connectivity.terminationProtection).toBe(true);
    expect(connectivity.account).toBe('111111111111');
  });
});
