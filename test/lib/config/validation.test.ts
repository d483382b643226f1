import { formatDiagnostic, type Diagnostic } from '../../../lib/config/diagnostics';
import { editedExample, exampleText, lineOf, validate } from '../../helpers/landing-zone';

function errors(text: string): Diagnostic[] {
  return validate(text).diagnostics.filter((d) => d.severity === 'error');
}

/** Asserts exactly one error, at this path, whose message matches. */
function expectSingleError(text: string, path: string, message: RegExp): Diagnostic {
  const found = errors(text);
  expect(found.map(formatDiagnostic)).toHaveLength(1);
  const [error] = found;
  expect(error?.path).toBe(path);
  expect(error?.message).toMatch(message);
  return error as Diagnostic;
}

describe('the example configuration', () => {
  it('is valid, warning only that its VPN devices, Protective DNS resolvers and supplier flow use documentation addresses and its deployed sites await tunnel hardening', () => {
    const result = validate(exampleText());
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const hardening = result.diagnostics.filter((d) => d.path.endsWith('tunnelHardening'));
    expect(hardening).toHaveLength(3);
    expect(result.diagnostics.filter((d) => !hardening.includes(d)).map((d) => d.message)).toEqual(
      Array(7).fill(expect.stringMatching(/is a documentation address \(RFC 5737\)/)),
    );
    expect(result.config?.organisation.shortName).toBe('kvdc');
  });
});

describe('schema rules', () => {
  it('rejects an unknown key at its own line and suggests the intended key', () => {
    const text = exampleText().replace('    trafficType: ALL', '    trafficTyp: ALL');
    const error = expectSingleError(
      text,
      'network.flowLogs.trafficTyp',
      /unknown key "trafficTyp" \(did you mean "trafficType"\?\)/,
    );
    expect(error.line).toBe(lineOf(text, 'trafficTyp:'));
  });

  it('rejects a wrong type', () => {
    const text = exampleText().replace("id: '666666666666'", 'id: 666666666666');
    const error = expectSingleError(
      text,
      'accounts[5].id',
      /expected string, got number \(put the value in quotes\)/,
    );
    expect(error.line).toBe(lineOf(text, 'id: 666666666666'));
  });

  it('rejects a value outside an enum and lists the allowed ones', () => {
    const text = exampleText().replace('natGateways: per-az', 'natGateways: one-per-az');
    expectSingleError(
      text,
      'network.egress.natGateways',
      /"one-per-az" is not allowed \(expected one of: per-az, single\)/,
    );
  });

  it('reports a missing required field at its parent', () => {
    const text = editedExample((doc) => doc.deleteIn(['network', 'transitGateway', 'amazonSideAsn']));
    const error = expectSingleError(text, 'network.transitGateway.amazonSideAsn', /is required/);
    expect(error.line).toBe(lineOf(text, 'name: hub'));
  });

  it('rejects a YAML syntax error with its line', () => {
    const text = exampleText().replace('  costCentre: ICT-0410', '  costCentre: [ICT-0410');
    const found = errors(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]?.path).toBe('(yaml)');
  });

  it('rejects a key written twice', () => {
    const text = exampleText().replace(
      '  costCentre: ICT-0410',
      '  costCentre: ICT-0410\n  costCentre: ICT-0411',
    );
    expect(errors(text)[0]?.message).toMatch(/unique/i);
  });
});

describe('address plan rules', () => {
  it('rejects a malformed CIDR', () => {
    const text = exampleText().replace('cidr: 10.66.0.0/20', 'cidr: 10.66.0/20');
    expectSingleError(text, 'network.vpcs[3].cidr', /is not an IPv4 CIDR block/);
  });

  it('rejects a non-canonical CIDR and names the canonical one', () => {
    const text = exampleText().replace('cidr: 10.66.0.0/20', 'cidr: 10.66.1.0/20');
    expectSingleError(
      text,
      'network.vpcs[3].cidr',
      /not canonical: host bits are set \(did you mean 10\.66\.0\.0\/20\?\)/,
    );
  });

  it('rejects a VPC outside the AWS address space', () => {
    const text = exampleText().replace('cidr: 10.66.0.0/20', 'cidr: 10.80.0.0/20');
    expectSingleError(text, 'network.vpcs[3].cidr', /outside the AWS address space \(10\.64\.0\.0\/14\)/);
  });

  it('rejects overlapping VPCs, reporting the later one', () => {
    const text = exampleText().replace('cidr: 10.66.0.0/20', 'cidr: 10.65.16.0/20');
    expectSingleError(
      text,
      'network.vpcs[3].cidr',
      /10\.65\.16\.0\/20 overlaps VPC production \(10\.65\.0\.0\/19\)/,
    );
  });

  it('rejects AWS space that overlaps an on-premises range', () => {
    const text = exampleText().replace('cidr: 10.20.0.0/16', 'cidr: 10.64.0.0/16');
    const found = errors(text);
    expect(found.map((e) => e.path)).toContain('network.awsAddressSpace[0]');
    expect(found.map((e) => e.message).join('\n')).toMatch(/overlaps on-premises range depots/);
    // every VPC inside 10.64.0.0/16 also overlaps the depots range, and each is reported
    expect(found.map((e) => e.path)).toEqual(
      expect.arrayContaining(['network.vpcs[0].cidr', 'network.vpcs[1].cidr']),
    );
  });

  it('rejects subnet tiers that do not fit their VPC', () => {
    const text = exampleText().replace(
      '{ name: app, type: private, cidrMask: 23 }',
      '{ name: app, type: private, cidrMask: 21 }',
    );
    expectSingleError(
      text,
      'network.vpcs[3].subnets[0].cidrMask',
      /tier "app" does not fit: the tiers need 6576 addresses \(3 zones x \/21 \+ \/25 \+ \/28\) but 10\.66\.0\.0\/20 holds 4096/,
    );
  });

  it('rejects explicit subnets that overlap each other', () => {
    const text = exampleText().replace(
      '{ name: data, type: isolated, cidrMask: 25 }',
      '{ name: data, type: isolated, cidrMask: 25, cidrs: [10.66.8.0/25, 10.66.8.0/25, 10.66.9.0/25] }',
    );
    expectSingleError(
      text,
      'network.vpcs[3].subnets[1].cidrs[0]',
      /10\.66\.8\.0\/25 \(data, eu-west-2b\) overlaps 10\.66\.8\.0\/25 \(data, eu-west-2a\)/,
    );
  });

  it('rejects an explicit subnet outside its VPC', () => {
    const text = exampleText().replace(
      '{ name: data, type: isolated, cidrMask: 25 }',
      '{ name: data, type: isolated, cidrMask: 25, cidrs: [10.66.8.0/25, 10.66.8.128/25, 10.67.9.0/25] }',
    );
    expectSingleError(
      text,
      'network.vpcs[3].subnets[1].cidrs[2]',
      /does not fit inside the VPC block 10\.66\.0\.0\/20/,
    );
  });
});

describe('reference rules', () => {
  it('rejects a VPC in an account that does not exist', () => {
    const text = exampleText().replace('account: non-production', 'account: test');
    expectSingleError(text, 'network.vpcs[3].account', /unknown account "test"/);
  });

  it('rejects an egress VPC that does not exist', () => {
    const text = exampleText().replace('    vpc: egress', '    vpc: internet');
    expectSingleError(text, 'network.egress.vpc', /unknown VPC "internet"/);
  });

  it('rejects a workload VPC in an account of the wrong role', () => {
    const text = exampleText().replace('account: non-production', 'account: backup');
    expectSingleError(
      text,
      'network.vpcs[3].account',
      /workload VPC belongs in an account with role production or non-production/,
    );
  });

  it('rejects duplicate names', () => {
    const text = exampleText().replace('- name: telephony', '- name: civic-centre');
    expectSingleError(
      text,
      'network.onPremisesRanges[4].name',
      /duplicate on-premises range name "civic-centre"/,
    );
  });

  it('rejects duplicate account ids', () => {
    const text = exampleText().replace("id: '666666666666'", "id: '555555555555'");
    expectSingleError(text, 'accounts[5].id', /duplicate account id "555555555555"/);
  });

  it('rejects a public subnet in a workload VPC', () => {
    const text = exampleText().replace(
      '{ name: app, type: private, cidrMask: 23 }',
      '{ name: app, type: public, cidrMask: 23 }',
    );
    expectSingleError(
      text,
      'network.vpcs[3].subnets[0].type',
      /public subnets are only allowed in the egress VPC/,
    );
  });
});

describe('region rules', () => {
  it('rejects an availability zone outside the home region', () => {
    const text = exampleText().replace('eu-west-2c]', 'eu-west-1c]');
    expectSingleError(
      text,
      'network.availabilityZones[2]',
      /eu-west-1c is not an availability zone of the home region eu-west-2/,
    );
  });

  it('rejects an availability zone that does not exist', () => {
    const text = exampleText().replace('eu-west-2c]', 'eu-west-2d]');
    expectSingleError(text, 'network.availabilityZones[2]', /eu-west-2d does not exist in eu-west-2/);
  });

  it('rejects a DR region that breaks the data-residency rule', () => {
    const text = exampleText().replace('drRegion: eu-west-1', 'drRegion: us-east-1');
    expectSingleError(text, 'organisation.drRegion', /us-east-1 breaks dataResidency uk-and-eea/);
  });

  it('rejects any DR region outside the UK under uk-only', () => {
    const text = exampleText().replace('dataResidency: uk-and-eea', 'dataResidency: uk-only');
    expectSingleError(
      text,
      'organisation.drRegion',
      /eu-west-1 breaks dataResidency uk-only \(allowed: eu-west-2\)/,
    );
  });
});

describe('several mistakes at once', () => {
  it('reports one located message per mistake, in file order', () => {
    const text = exampleText()
      .replace('drRegion: eu-west-1', 'drRegion: us-east-1')
      .replace('    trafficType: ALL', '    trafficTyp: ALL')
      .replace('cidr: 10.66.0.0/20', 'cidr: 10.65.16.0/20')
      .replace('account: shared-services\n      cidr', 'account: shared-service\n      cidr')
      .replace('cidr: 10.20.0.0/16', 'cidr: 10.20.0.5/16');
    const found = errors(text);
    expect(found.map((e) => e.path)).toEqual([
      'organisation.drRegion',
      'network.onPremisesRanges[2].cidr',
      'network.flowLogs.trafficTyp',
      'network.vpcs[1].account',
      'network.vpcs[3].cidr',
    ]);
    expect(found.map((e) => e.line)).toEqual([
      lineOf(text, 'drRegion:'),
      lineOf(text, '10.20.0.5/16'),
      lineOf(text, 'trafficTyp:'),
      lineOf(text, 'account: shared-service'),
      lineOf(text, '10.65.16.0/20'),
    ]);
    expect(found.every((e) => e.file === 'test.yaml')).toBe(true);
  });
});

describe('messages that say where and what', () => {
  it('says in words that a file is empty, or holds a list, and what belongs there', () => {
    expect(errors('# only a comment\n').map((d) => d.message)).toEqual([
      expect.stringMatching(
        /^the file is empty \(or only comments\): it should hold a mapping with the keys organisation, accounts, network/,
      ),
    ]);
    expect(errors('- organisation\n').map((d) => d.message)).toEqual([
      expect.stringMatching(
        /^the file holds a list at the top level: it should hold a mapping with the keys organisation/,
      ),
    ]);
  });

  it('names the line where a duplicated name was first used', () => {
    const text = exampleText().replace(
      '    - name: non-production\n      purpose: workload',
      '    - name: production\n      purpose: workload',
    );
    const [error] = errors(text).filter((d) => d.message.startsWith('duplicate VPC name'));
    expect(error?.message).toBe(
      `duplicate VPC name "production" (first used at line ${lineOf(text, '    - name: production')})`,
    );
  });

  it('suggests the name meant for a misspelt reference', () => {
    const text = exampleText().replace('trustedAccount: security', 'trustedAccount: securty');
    expectSingleError(
      text,
      'securityBaseline.breakGlass.trustedAccount',
      /^unknown account "securty" \(did you mean "security"\?\)$/,
    );
  });

  it('still reports the overlap and the duplicate name of a VPC entry that also has a typo', () => {
    const text = exampleText().replace(
      '    - name: non-production\n      purpose: workload\n      account: non-production\n      cidr: 10.66.0.0/20',
      '    - name: production\n      purpose: workload\n      account: non-production\n      cidr: 10.65.0.0/20\n      descriptin: typo',
    );
    const messages = errors(text).map((d) => `${d.path}: ${d.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^network\.vpcs\[3\]\.descriptin: unknown key "descriptin"/),
        expect.stringMatching(/^network\.vpcs\[3\]\.name: duplicate VPC name "production"/),
        'network.vpcs[3].cidr: 10.65.0.0/20 overlaps VPC production (10.65.0.0/19)',
      ]),
    );
  });
});
