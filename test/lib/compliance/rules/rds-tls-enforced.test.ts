import { testApp } from '../../../helpers/cdk-app';
import { Stack } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance } from 'cdk-nag';
import { rdsTlsEnforced } from '../../../../lib/compliance/rules/rds-tls-enforced';

const { COMPLIANT, NON_COMPLIANT } = NagRuleCompliance;

function stack(): Stack {
  return new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
}

describe('rdsTlsEnforced', () => {
  function instance(
    engine: string,
    parameters: Record<string, string> | undefined,
    family = 'postgres17',
  ): rds.CfnDBInstance {
    const s = stack();
    const group = parameters
      ? new rds.CfnDBParameterGroup(s, 'Pg', { family, description: 'd', parameters })
      : undefined;
    return new rds.CfnDBInstance(s, 'Db', {
      dbInstanceClass: 'db.t4g.micro',
      engine,
      dbParameterGroupName: group?.ref,
    });
  }
  test.each([
    ['postgres', { 'rds.force_ssl': '1', ssl_min_protocol_version: 'TLSv1.2' }, COMPLIANT],
    // TLS forced but TLS 1.0 and 1.1 still negotiable.
    ['postgres', { 'rds.force_ssl': '1' }, NON_COMPLIANT],
    ['postgres', { 'rds.force_ssl': '1', ssl_min_protocol_version: 'TLSv1' }, NON_COMPLIANT],
    ['postgres', { 'rds.force_ssl': '0', ssl_min_protocol_version: 'TLSv1.2' }, NON_COMPLIANT],
    ['sqlserver-se', { 'rds.force_ssl': '1', 'rds.tls10': 'disabled', 'rds.tls11': 'disabled' }, COMPLIANT],
    ['sqlserver-se', { 'rds.force_ssl': '1' }, NON_COMPLIANT],
    [
      'sqlserver-se',
      { 'rds.force_ssl': '1', 'rds.tls10': 'disabled', 'rds.tls11': 'default' },
      NON_COMPLIANT,
    ],
    ['mysql', { require_secure_transport: 'ON', tls_version: 'TLSv1.2,TLSv1.3' }, COMPLIANT],
    ['mysql', { require_secure_transport: 'ON', tls_version: 'TLSv1.1,TLSv1.2' }, NON_COMPLIANT],
    ['mysql', {}, NON_COMPLIANT],
    ['mysql', undefined, NON_COMPLIANT],
  ] as const)('%s %o -> %s', (engine, parameters, expected) => {
    expect(rdsTlsEnforced(instance(engine, parameters))).toBe(expected);
  });
  test('Oracle needs the SSL option', () => {
    const s = stack();
    const withSsl = new rds.CfnOptionGroup(s, 'Og', {
      engineName: 'oracle-se2',
      majorEngineVersion: '19',
      optionGroupDescription: 'd',
      optionConfigurations: [{ optionName: 'SSL', port: 2484 }],
    });
    const withoutSsl = new rds.CfnOptionGroup(s, 'Og2', {
      engineName: 'oracle-se2',
      majorEngineVersion: '19',
      optionGroupDescription: 'd',
    });
    const good = new rds.CfnDBInstance(s, 'Good', {
      dbInstanceClass: 'db.m6i.large',
      engine: 'oracle-se2',
      optionGroupName: withSsl.ref,
    });
    const bad = new rds.CfnDBInstance(s, 'Bad', {
      dbInstanceClass: 'db.m6i.large',
      engine: 'oracle-se2',
      optionGroupName: withoutSsl.ref,
    });
    expect(rdsTlsEnforced(good)).toBe(COMPLIANT);
    expect(rdsTlsEnforced(bad)).toBe(NON_COMPLIANT);
  });
});
