import { validateConfigText } from '../../lib/config/load';
import { exampleConfig, exampleText, synthLandingZone } from '../helpers/landing-zone';
import { examplePlan } from '../helpers/waves';

interface Template {
  Parameters?: Record<string, { Type: string; Default?: string }>;
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

/**
 * What the pipelines can deploy without anyone supplying a value: every parameter of every
 * template of the example has a default, and every network-account parameter a stack reads is
 * published by a VPC stack and shared through RAM with the account of the stack that reads it.
 */
describe('template parameters of the example app', () => {
  const { app } = synthLandingZone(exampleConfig(), examplePlan());
  const stacks = app.synth().stacks.map((s) => ({
    name: s.stackName,
    account: s.environment.account,
    template: s.template as Template,
  }));

  test('every parameter has a default (so neither pipeline needs to supply one)', () => {
    const missing = stacks.flatMap(({ name, template }) =>
      Object.entries(template.Parameters ?? {})
        .filter(([, p]) => p.Default === undefined)
        .map(([id]) => `${name}.${id}`),
    );
    expect(stacks.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  test('every shared parameter read is published by a VPC stack and shared with the reading account', () => {
    const published = new Map<string, { stack: string; principals: readonly string[] }>();
    for (const { name, template } of stacks) {
      const resources = Object.values(template.Resources);
      const principals = resources
        .filter((r) => r.Type === 'AWS::RAM::ResourceShare')
        .flatMap((r) => (r.Properties?.['Principals'] as string[] | undefined) ?? []);
      for (const r of resources.filter((r) => r.Type === 'AWS::SSM::Parameter')) {
        published.set(String(r.Properties?.['Name']), { stack: name, principals });
      }
    }
    const reads = stacks.flatMap(({ name, account, template }) =>
      Object.values(template.Parameters ?? {})
        .map((p) => /^arn:aws:ssm:[a-z0-9-]+:\d{12}:parameter(\/.+)$/.exec(p.Default ?? '')?.[1])
        .filter((parameter) => parameter !== undefined)
        .map((parameter) => ({ name, account, parameter })),
    );
    expect(reads.length).toBeGreaterThan(0);
    const unmet = reads.filter(({ account, parameter }) => {
      const source = published.get(parameter);
      return !source || !source.principals.includes(account);
    });
    expect(unmet).toEqual([]);
  });
});

test('a database in another account’s VPC gets that VPC’s parameters shared with its account', () => {
  const text = exampleText().replace(
    '      account: non-production\n      vpc: non-production\n',
    '      account: non-production\n      vpc: shared-services\n      subnetTier: isolated\n',
  );
  const { config, diagnostics } = validateConfigText('landing-zone.yaml', text);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!config) {
    throw new Error('edited example is invalid');
  }
  const { templates } = synthLandingZone(config);
  const share = templates
    .ofType('AWS::RAM::ResourceShare')
    .find((r) => r.resource.Properties?.['Name'] === 'kvdc-shared-services-parameters');
  const ids = (name: string): string | undefined => config.accounts.find((a) => a.name === name)?.id;
  expect(share?.resource.Properties?.['Principals']).toEqual([ids('shared-services'), ids('non-production')]);
});
