import { readFileSync } from 'node:fs';
import { validateConfigText } from '../../../lib/config/load';
import { configErrors, editOnce, lineOf } from '../../helpers/landing-zone';

const EXAMPLE = readFileSync('config/landing-zone.yaml', 'utf8');

const errors = configErrors;
const edit = (from: string, to: string, text = EXAMPLE): string => editOnce(from, to, text);

/** The example without the management account entry (name, id, role, description). */
function withoutAccount(name: string, text = EXAMPLE): string {
  const start = text.indexOf(`  - name: ${name}\n`);
  const end = text.indexOf('\n  - name:', start + 1);
  const stop = end < 0 ? text.indexOf('\n\n', start) : end;
  return text.slice(0, start) + text.slice(stop + 1);
}

const OUS = 'securityBaseline.organisation.organisationalUnits';

describe('the securityBaseline section', () => {
  test('the example has one, turning everything on, and it is valid', () => {
    const result = validateConfigText('landing-zone.yaml', EXAMPLE);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const baseline = result.config?.securityBaseline;
    expect(baseline?.organisation.organisationalUnits.map((ou) => ou.name)).toEqual([
      'security',
      'infrastructure',
      'workloads',
    ]);
    expect(baseline?.logArchive).toEqual({
      onlineMonths: 13,
      retentionYears: 7,
      archiveStorageClass: 'DEEP_ARCHIVE',
    });
    expect(baseline?.breakGlass.roleName).toBe('lz-break-glass');
  });

  test('is optional', () => {
    const text = EXAMPLE.slice(0, EXAMPLE.indexOf('\n# The security baseline'));
    expect(errors(text)).toEqual([]);
    expect(validateConfigText('x.yaml', text).config?.securityBaseline).toBeUndefined();
  });

  test('defaults the archive to 13 months online and 7 years in all', () => {
    const text = edit(
      '  logArchive:\n    onlineMonths: 13 # a full audit year and a month in S3 Standard\n    retentionYears: 7 # then Glacier Deep Archive; Object Lock (compliance) throughout\n    archiveStorageClass: DEEP_ARCHIVE\n',
      '',
    );
    expect(validateConfigText('x.yaml', text).config?.securityBaseline?.logArchive).toEqual({
      onlineMonths: 13,
      retentionYears: 7,
      archiveStorageClass: 'DEEP_ARCHIVE',
    });
  });

  test('unknown keys and malformed ids are errors, each at its own line, all at once', () => {
    let text = edit('    maxSessionHours: 1\n', '    maxSessionHour: 1\n');
    text = edit('    id: o-kv7777777777\n', '    id: kv7777777777\n', text);
    text = edit('id: ou-kv77-33333333', 'id: workloads-ou', text);
    text = edit('    archiveStorageClass: DEEP_ARCHIVE', '    archiveStorageClass: GLACIER_IR', text);
    const found = errors(text);
    expect(found.map((e) => e.path).sort()).toEqual([
      'securityBaseline.breakGlass.maxSessionHour',
      'securityBaseline.logArchive.archiveStorageClass',
      'securityBaseline.organisation.id',
      `${OUS}[2].id`,
    ]);
    expect(found.find((e) => e.path === 'securityBaseline.breakGlass.maxSessionHour')).toMatchObject({
      message: 'unknown key "maxSessionHour" (did you mean "maxSessionHours"?)',
      line: lineOf(text, 'maxSessionHour:'),
    });
  });

  test('needs the log-archive, security and management accounts', () => {
    const text = withoutAccount('management', withoutAccount('security'));
    const found = errors(text).filter((e) => e.path === 'accounts');
    expect(found.map((e) => e.message)).toEqual([
      'the security baseline needs an account with role security',
      'the security baseline needs an account with role management',
    ]);
  });

  test('a second management account is an error, and the missing security account is reported', () => {
    const text = edit(
      "    id: '777777777777'\n    role: security",
      "    id: '777777777777'\n    role: management",
    );
    expect(errors(text).map(({ path, message }) => ({ path, message }))).toEqual([
      { path: 'accounts', message: 'the security baseline needs an account with role security' },
      { path: 'accounts[7].role', message: 'only one account may have role management (already security)' },
      {
        path: `${OUS}[0].accounts[1]`,
        message:
          'security is the management account: service control policies do not apply to it, so leave it out of the OUs',
      },
    ]);
  });

  test('OU accounts must be known accounts, each in exactly one OU, and never the management account', () => {
    let text = edit('accounts: [log-archive, security] }', 'accounts: [log-archive, securty, management] }');
    text = edit('accounts: [production, non-production] }', 'accounts: [production, network] }', text);
    const found = errors(text);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: `${OUS}[0].accounts[1]`,
          message: expect.stringContaining('unknown account "securty"') as string,
        }),
        expect.objectContaining({
          path: `${OUS}[0].accounts[2]`,
          message:
            'management is the management account: service control policies do not apply to it, so leave it out of the OUs',
        }),
        expect.objectContaining({
          path: `${OUS}[2].accounts[1]`,
          message:
            'account network is already in organisational unit infrastructure; an account sits in one OU',
        }),
        expect.objectContaining({
          path: OUS,
          message:
            'account(s) non-production, security are in no organisational unit, so no service control policy would apply to them',
        }),
      ]),
    );
    expect(found).toHaveLength(4);
  });

  test('break-glass principals must belong to the trusted account, which must exist', () => {
    let text = edit('    trustedAccount: security\n', '    trustedAccount: management\n');
    expect(errors(text)).toEqual([
      expect.objectContaining({
        path: 'securityBaseline.breakGlass.trustedPrincipalArns[0]',
        message:
          'the principal is in account 777777777777, but breakGlass.trustedAccount is management (888888888888)',
      }),
    ]);
    text = edit('    trustedAccount: security\n', '    trustedAccount: audit\n');
    expect(errors(text)).toEqual([
      expect.objectContaining({
        path: 'securityBaseline.breakGlass.trustedAccount',
        message: expect.stringContaining('unknown account "audit"') as string,
      }),
    ]);
  });

  test('the archive keeps logs online for less time than it keeps them at all', () => {
    const text = edit(
      '    onlineMonths: 13',
      '    onlineMonths: 96',
      edit('    retentionYears: 7', '    retentionYears: 8'),
    );
    expect(errors(text)).toEqual([
      expect.objectContaining({
        path: 'securityBaseline.logArchive.onlineMonths',
        message:
          '96 months online is not shorter than the 8-year retention, so nothing would reach the archive tier',
      }),
    ]);
  });

  test('the alarms need a runbook address, given or derived from the delivery repository', () => {
    const withoutDelivery = EXAMPLE.replace(/\n# How changes reach AWS[\s\S]*?\n\n(?=# The IAM roles)/, '\n');
    expect(withoutDelivery).not.toContain('\ndelivery:\n');
    expect(errors(withoutDelivery)).toEqual([
      expect.objectContaining({
        path: 'securityBaseline.alarms',
        message:
          'give runbookUrl (the address of docs/security-baseline.md) or a delivery section to derive it from',
      }),
    ]);
    const withUrl = edit(
      '  alarms:\n',
      '  alarms:\n    runbookUrl: https://intranet.kestrelvale.example/security-baseline\n',
      withoutDelivery,
    );
    expect(errors(withUrl)).toEqual([]);
  });
});
