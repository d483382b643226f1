import { formatDiagnostic } from '../../../lib/config/diagnostics';
import {
  editExample,
  errorsOf,
  exampleWaveTexts,
  replaceInExample,
  validateTexts,
  workloadIndex,
} from '../../helpers/waves';
import { lineOf } from '../../helpers/landing-zone';

function only(texts: ReturnType<typeof exampleWaveTexts>) {
  const errors = errorsOf(validateTexts(texts));
  return errors.map((d) => ({ file: d.file, line: d.line, path: d.path, message: d.message }));
}

describe('migration wave validation', () => {
  it('the example estate is valid, with its warnings listed separately', () => {
    const result = validateTexts(exampleWaveTexts());
    expect(errorsOf(result).map(formatDiagnostic)).toEqual([]);
    expect(result.plan?.waves.map((w) => w.wave.id)).toEqual([
      'wave-01',
      'wave-02',
      'wave-03',
      'wave-04',
      'wave-05',
      'wave-06',
    ]);
    const workloads = result.plan?.waves.flatMap((w) => w.workloads) ?? [];
    expect(workloads.length).toBeGreaterThanOrEqual(25);
    // Pilot first: only low-risk non-production systems.
    const pilot = result.plan?.waves[0]?.workloads ?? [];
    expect(pilot.every((w) => w.environment === 'non-production' && w.criticality === 'low')).toBe(true);
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/not confirmed support/);
  });

  describe('one clear error for each mistake the issue names', () => {
    it('a hard-dependency cycle across waves', () => {
      const texts = editExample('wave-02', (doc) => {
        const i = workloadIndex(doc, 'street-gazetteer');
        doc.addIn(
          ['workloads', i, 'dependencies'],
          doc.createNode({ workload: 'planning-uniform', type: 'hard', ports: [443] }),
        );
      });
      const errors = only(texts);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.file).toBe('migration-waves/wave-02-corporate-and-place.yaml');
      expect(errors[0]?.path).toBe('workloads[2].dependencies[1].workload');
      expect(errors[0]?.message).toMatch(
        /hard dependency cycle across waves: planning-uniform \(wave-03\), street-gazetteer \(wave-02\)/,
      );
    });

    it('a cycle inside one wave is allowed (they cut over together)', () => {
      const texts = editExample('wave-04', (doc) => {
        const i = workloadIndex(doc, 'finance-unit4');
        doc.addIn(
          ['workloads', i, 'dependencies'],
          doc.createNode({ workload: 'housing-nec', type: 'hard', ports: [443] }),
        );
      });
      expect(only(texts)).toEqual([]);
    });

    it('a workload moved before its hard dependency, without a VPN path', () => {
      const base = exampleWaveTexts();
      const texts = editExample(
        'wave-03',
        (doc) => {
          const i = workloadIndex(doc, 'crm-online-forms');
          doc.deleteIn(['workloads', i, 'dependencies', 0, 'reachableVia']);
        },
        base,
      );
      const errors = only(texts);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.path).toBe('workloads[3].dependencies[0]');
      expect(errors[0]?.message).toMatch(
        /crm-online-forms cuts over Sat 17 Oct 2026 08:00 \(wave-03\) before its hard dependency revs-bens-nec \(Sat 30 Jan 2027 08:00, wave-05\); move it later or declare reachableVia/,
      );
    });

    it('a cutover in a blackout that applies to the service area', () => {
      const texts = replaceInExample('wave-05', 'start: 2027-01-30T08:00', 'start: 2027-02-20T08:00');
      const t2 = replaceInExample('wave-05', 'end: 2027-01-30T22:00', 'end: 2027-02-20T22:00', texts);
      const errors = only(t2);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toEqual({
        file: 'migration-waves/wave-05-revenues-and-benefits.yaml',
        line: lineOf(t2.waves[4]?.text ?? '', 'start: 2027-02-20T08:00'),
        path: 'wave.cutoverWindow',
        message:
          'cutover window 2027-02-20T08:00 to 2027-02-20T22:00 falls in blackout council-tax-billing-2027 "Annual council-tax and business-rates billing" (2027-02-15 to 2027-03-31, revenues-and-benefits, customer-services, finance): affects revs-bens-nec, edrms, revs-bens-portal, revs-bens-uat',
      });
    });

    it('a blackout for other service areas does not block the cutover', () => {
      // Canvass (democracy only) covers wave-04's cutover; housing, finance and HR are not affected.
      expect(only(exampleWaveTexts())).toEqual([]);
    });

    it('a wave approved while a personal-data workload has no approved DPIA', () => {
      const texts = replaceInExample(
        'wave-05',
        'status: planned',
        'status: approved\n  approval: { by: Digital Board, on: 2026-12-07 }',
      );
      const errors = only(texts);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.path).toBe('workloads[2].dataProtection.dpia.status');
      expect(errors[0]?.message).toBe(
        'wave wave-05 is approved but the DPIA DPIA-2026-033 for revs-bens-portal is submitted; personal data may not move until it is approved',
      );
    });

    it('an OFFICIAL-SENSITIVE workload whose copies would leave the UK', () => {
      const texts = editExample('wave-06', (doc) => {
        const i = workloadIndex(doc, 'social-care-liquidlogic');
        doc.setIn(['workloads', i, 'recovery', 'drRegionCopy'], true);
      });
      const errors = only(texts);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.path).toBe('workloads[0].recovery.drRegionCopy');
      expect(errors[0]?.message).toMatch(
        /social-care-liquidlogic is OFFICIAL-SENSITIVE with residency uk-only, but its backups would be copied to eu-west-1/,
      );
    });

    it('OFFICIAL-SENSITIVE inherits the classification rule even when the workload says uk-and-eea', () => {
      const texts = editExample('wave-06', (doc) => {
        const i = workloadIndex(doc, 'electoral-registration');
        doc.setIn(['workloads', i, 'dataProtection', 'residency'], 'uk-and-eea');
        doc.setIn(['workloads', i, 'recovery', 'drRegionCopy'], true);
      });
      const errors = only(texts);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toMatch(/OFFICIAL-SENSITIVE data \(programme\.yaml\)/);
    });

    it('a typo in a key, with the key it probably meant', () => {
      const texts = replaceInExample('wave-04', '    criticality: critical', '    critcality: critical');
      const errors = only(texts);
      expect(errors).toEqual([
        {
          file: 'migration-waves/wave-04-housing-finance-hr.yaml',
          line: lineOf(texts.waves[3]?.text ?? '', 'critcality:'),
          path: 'workloads[1].critcality',
          message: 'unknown key "critcality" (did you mean "criticality"?)',
        },
      ]);
    });

    it('all six mistakes at once, each reported, sorted by file and line', () => {
      let texts = editExample('wave-02', (doc) => {
        const i = workloadIndex(doc, 'street-gazetteer');
        doc.addIn(
          ['workloads', i, 'dependencies'],
          doc.createNode({ workload: 'planning-uniform', type: 'hard', ports: [443] }),
        );
      });
      texts = editExample(
        'wave-03',
        (doc) => doc.deleteIn(['workloads', 3, 'dependencies', 0, 'reachableVia']),
        texts,
      );
      texts = replaceInExample('wave-05', 'start: 2027-01-30T08:00', 'start: 2027-02-20T08:00', texts);
      texts = replaceInExample('wave-05', 'end: 2027-01-30T22:00', 'end: 2027-02-20T22:00', texts);
      texts = replaceInExample(
        'wave-05',
        'status: planned',
        'status: approved\n  approval: { by: Digital Board, on: 2026-12-07 }',
        texts,
      );
      texts = editExample(
        'wave-06',
        (doc) => {
          doc.setIn(['workloads', 0, 'recovery', 'drRegionCopy'], true);
        },
        texts,
      );
      texts = replaceInExample(
        'wave-04',
        '    costCentre: FIN-1000\n    criticality',
        '    costCenter: FIN-1000\n    criticality',
        texts,
      );
      const errors = errorsOf(validateTexts(texts));
      const text = errors.map((d) => d.message).join('\n');
      expect(text).toMatch(/hard dependency cycle across waves/);
      expect(text).toMatch(/before its hard dependency revs-bens-nec/);
      expect(text).toMatch(/falls in blackout council-tax-billing-2027/);
      expect(text).toMatch(/DPIA DPIA-2026-033 for revs-bens-portal is submitted/);
      expect(text).toMatch(/backups would be copied to eu-west-1/);
      expect(text).toMatch(/unknown key "costCenter" \(did you mean "costCentre"\?\)/);
      const keys = errors.map((d) => `${d.file}:${String(d.line).padStart(5, '0')}`);
      expect(keys).toEqual([...keys].sort());
    });
  });

  describe('every other rule', () => {
    it('duplicate workload ids across files', () => {
      const texts = replaceInExample('wave-05', '  - id: edrms', '  - id: intranet');
      const errors = only(texts);
      expect(errors.map((e) => e.message)).toContain(
        'duplicate workload id "intranet" (first used at migration-waves/wave-02-corporate-and-place.yaml:19)',
      );
    });

    it('a wave id that does not match its file name', () => {
      const texts = replaceInExample('wave-05', 'id: wave-05', 'id: wave-07');
      expect(only(texts).map((e) => e.message)).toEqual(
        expect.arrayContaining([
          'wave id wave-07 does not match its file name wave-05-revenues-and-benefits.yaml (expected wave-07-<slug>.yaml)',
          'unknown wave "wave-05" (no wave file has this id)',
        ]),
      );
    });

    it('unknown dependency, target account, VPC and VPN path', () => {
      let texts = replaceInExample(
        'wave-05',
        '{ workload: edrms, type: hard',
        '{ workload: edrm, type: hard',
      );
      texts = replaceInExample(
        'wave-06',
        'target: { account: production, vpc: production }',
        'target: { account: production, vpc: prod }',
        texts,
      );
      texts = replaceInExample('wave-03', 'reachableVia: civic-centre', 'reachableVia: town-hall', texts);
      const messages = only(texts).map((e) => e.message);
      expect(messages).toEqual(
        expect.arrayContaining([
          'unknown workload "edrm" (did you mean "edrms"?)',
          expect.stringMatching(
            /^unknown VPC "prod" \(config\/landing-zone.yaml VPCs: egress, shared-services, production, non-production\)$/,
          ),
          expect.stringMatching(
            /^unknown VPN path "town-hall" \(declared: civic-centre, data-centre-dmz, depots, libraries-and-leisure, telephony; the on-premises ranges/,
          ),
        ]),
      );
    });

    it('a production workload in a non-production account', () => {
      const texts = replaceInExample(
        'wave-05',
        'target: { account: production, vpc: production }',
        'target: { account: non-production, vpc: non-production }',
      );
      expect(only(texts).map((e) => e.message)).toContain(
        'a production workload must land in a production account, not non-production (non-production)',
      );
    });

    it('a hard dependency that stays on premises needs a VPN path', () => {
      const texts = replaceInExample(
        'wave-05',
        '{ workload: active-directory, type: hard, ports: [53, 88, 389, 636], reachableVia: data-centre-dmz }',
        '{ workload: active-directory, type: hard, ports: [53, 88, 389, 636] }',
      );
      expect(only(texts).map((e) => e.message)).toContain(
        'hard dependency active-directory stays on premises (retain); declare reachableVia with the VPN path that keeps it reachable',
      );
    });

    it('a cutover outside support hours without declared extra cover', () => {
      const texts = replaceInExample('wave-05', 'end: 2027-01-30T22:00', 'end: 2027-01-31T02:00');
      expect(only(texts)).toEqual([
        expect.objectContaining({
          path: 'wave.cutoverWindow',
          message:
            '120 minutes of the window fall outside support hours (07:00-00:00 mon,tue,wed,thu,fri,sat,sun, Europe/London); move it or declare extraCover',
        }),
      ]);
    });

    it('a window that ends before it starts, or runs for days, is refused', () => {
      const backwards = replaceInExample('wave-05', 'end: 2027-01-30T22:00', 'end: 2027-01-30T06:00');
      expect(only(backwards).map((e) => e.message)).toEqual(['cutover window ends before it starts']);
      const long = replaceInExample('wave-05', 'end: 2027-01-30T22:00', 'end: 2027-02-05T22:00');
      expect(only(long).map((e) => e.message)).toEqual([
        'a cutover window longer than 72 hours is not a window: split the cutover or the wave',
      ]);
    });

    it('extra cover makes a late window legal (social care declares it)', () => {
      expect(only(exampleWaveTexts())).toEqual([]);
    });

    it('wave capacity: workloads and servers', () => {
      const texts = replaceInExample(
        'programme.yaml',
        'maxWorkloadsPerWave: 6\n  maxServersPerWave: 16',
        'maxWorkloadsPerWave: 4\n  maxServersPerWave: 9',
      );
      const messages = only(texts).map((e) => `${e.file.split('/').pop() ?? ''}: ${e.message}`);
      expect(messages).toEqual(
        expect.arrayContaining([
          // The retired telephony system does not count against the team's capacity.
          'wave-02-corporate-and-place.yaml: wave-02: 5 migrating workloads exceed the wave capacity of 4 (programme.yaml capacity.maxWorkloadsPerWave)',
          'wave-02-corporate-and-place.yaml: wave-02: 10 servers of migrating workloads exceed the wave capacity of 9 (programme.yaml capacity.maxServersPerWave)',
        ]),
      );
    });

    it('an empty wave file is said to be empty, with what belongs in it', () => {
      const base = exampleWaveTexts();
      const texts = {
        ...base,
        waves: base.waves.map((w) => (w.file.includes('wave-06') ? { ...w, text: '# to do\n' } : w)),
      };
      const empty = only(texts).filter((e) => e.file.includes('wave-06'));
      expect(empty.map((e) => e.message)).toEqual([
        'the file is empty (or only comments): it should hold a mapping with the keys wave, workloads',
      ]);
    });

    it('a duplicated workload id names the file and line where it was first used', () => {
      const texts = replaceInExample('wave-03', '  - id: planning-uniform', '  - id: intranet');
      const duplicate = only(texts).find((e) => e.message.startsWith('duplicate workload id'));
      const first = exampleWaveTexts().waves.find((w) => w.file.includes('wave-02'));
      expect(duplicate?.message).toBe(
        `duplicate workload id "intranet" (first used at ${first?.file ?? ''}:${lineOf(first?.text ?? '', '  - id: intranet')})`,
      );
    });

    it('production workloads: owners, rollback within RTO, test plan', () => {
      let texts = editExample('wave-05', (doc) => {
        doc.deleteIn(['workloads', 0, 'owners', 'technical']);
        doc.setIn(['workloads', 0, 'rollback', 'rollbackMinutes'], 480);
        doc.deleteIn(['workloads', 1, 'testing']);
      });
      texts = editExample('wave-05', (doc) => doc.deleteIn(['workloads', 2, 'rollback']), texts);
      expect(only(texts).map((e) => `${e.path}: ${e.message}`)).toEqual([
        'workloads[0].owners: a production workload needs a technical owner (owners.technical, a role title)',
        'workloads[0].rollback.rollbackMinutes: rollback takes 480 minutes but the RTO is 420 minutes: the rollback must fit the RTO',
        'workloads[1]: production workload edrms needs a test plan (testing.plan)',
        'workloads[2]: production workload revs-bens-portal needs a rollback plan (rollback: trigger, decisionOwner, pointOfNoReturn, rollbackMinutes)',
      ]);
    });

    it('strategy consistency: retire, repurchase, rehost', () => {
      let texts = editExample('wave-02', (doc) => {
        const retire = workloadIndex(doc, 'telephony-mitel');
        doc.deleteIn(['workloads', retire, 'decommissionDate']);
        doc.setIn(
          ['workloads', retire, 'target'],
          doc.createNode({ account: 'production', vpc: 'production' }),
        );
        doc.deleteIn(['workloads', workloadIndex(doc, 'libraries-spydus'), 'supplier']);
      });
      texts = editExample('wave-05', (doc) => doc.deleteIn(['workloads', 2, 'target']), texts);
      const messages = only(texts).map((e) => e.message);
      expect(messages).toEqual(
        expect.arrayContaining([
          'a retired workload needs decommissionDate',
          'a retired workload has no target: it is switched off, not moved',
          'repurchase needs supplier (vendor, product, licence) of the replacement',
          'rehost needs target (account and VPC)',
        ]),
      );
    });

    it('status history must end in the current status', () => {
      const texts = replaceInExample('wave-04', '    status: testing\n', '    status: ready-for-cutover\n');
      expect(only(texts).map((e) => e.message)).toContain(
        'status is ready-for-cutover but the last statusHistory entry is testing: add the change to the history',
      );
    });

    it('a YAML syntax error is a located error, not a crash', () => {
      const texts = replaceInExample('wave-01', 'workloads:', 'workloads: [');
      const errors = errorsOf(validateTexts(texts));
      expect(errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ file: 'migration-waves/wave-01-pilot.yaml', path: '(yaml)' }),
        ]),
      );
    });
  });
});
