import { readFileSync } from 'node:fs';
import { configErrors, editOnce, lineOf } from '../../helpers/landing-zone';

const EXAMPLE = readFileSync('config/landing-zone.yaml', 'utf8');
const ARN = 'arn:aws:codeconnections:eu-west-2:999999999999:connection/00000000-0000-0000-0000-000000000000';

const errors = configErrors;
const edit = (from: string, to: string, text = EXAMPLE): string => editOnce(from, to, text);

describe('the delivery section', () => {
  test('the example has one, and it is valid', () => {
    expect(EXAMPLE).toContain('\ndelivery:\n');
    expect(errors(EXAMPLE)).toEqual([]);
  });

  test('is optional', () => {
    expect(errors(EXAMPLE.slice(0, EXAMPLE.indexOf('\ndelivery:\n') + 1))).toEqual([]);
  });

  test('every mistake is reported at once, with its line and field', () => {
    let text = edit('  branch: main\n', '  branchh: main\n');
    text = edit(
      '  repository: kestrel-vale/council-landing-zone',
      '  repository: council-landing-zone',
      text,
    );
    text = edit(ARN, 'arn:aws:codestar:eu-west-2:999999999999:connection/x', text);
    const found = errors(text);
    expect(found.map((e) => e.path).sort()).toEqual([
      'delivery.branch',
      'delivery.branchh',
      'delivery.connectionArn',
      'delivery.repository',
    ]);
    expect(found.find((e) => e.path === 'delivery.branchh')).toMatchObject({
      message: 'unknown key "branchh" (did you mean "branch"?)',
      line: lineOf(text, 'branchh'),
    });
  });

  test('the account must exist', () => {
    const text = edit('  account: delivery\n  repository', '  account: tooling\n  repository');
    expect(errors(text)).toEqual([
      {
        path: 'delivery.account',
        message: expect.stringContaining('unknown account "tooling"') as string,
        line: lineOf(text, 'account: tooling'),
      },
    ]);
  });

  test('the connection must be in the delivery account and the home region', () => {
    const text = edit(ARN, ARN.replace('eu-west-2:999999999999', 'eu-west-1:555555555555'));
    expect(errors(text).map((e) => e.message)).toEqual([
      'the connection is in account 555555555555, but the pipeline runs in delivery (999999999999)',
      'the connection is in eu-west-1, but the pipeline runs in the home region eu-west-2',
    ]);
  });
});
