import { stringify } from 'csv-stringify/sync';
import type { MigrationPlan } from '../migration-plan';
import { workloadTags } from '../infrastructure/derived';
import { RAG_RULES, type ReportModel } from './model';
import { TAGS } from '../../names';
import { gbp } from '../../text';

/**
 * Money in the CSV exactly as `lz cost` and the dashboard print it: pounds to the penny, from the
 * figures model (lib/figures); empty when there are no figures (no current assembly).
 */
export function pence(v: number | undefined): string | undefined {
  return v === undefined ? undefined : v.toFixed(2);
}

function csv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | undefined)[])[],
): string {
  // Booleans as yes/no: csv-stringify would write false as an empty field.
  const cell = (v: string | number | boolean | undefined): string | number =>
    v === undefined ? '' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : v;
  return stringify([header, ...rows.map((r) => r.map(cell))], { record_delimiter: '\n' });
}

export function wavesCsv(model: ReportModel): string {
  return csv(
    [
      'wave',
      'name',
      'owner',
      'status',
      'rag',
      'planned_start',
      'planned_end',
      'baseline_end',
      'forecast_end',
      'slip_days',
      'actual_start',
      'actual_end',
      'workloads_in_scope',
      'workloads_done',
      'servers',
      'servers_done',
      'on_prem_monthly_gbp',
      'aws_saas_monthly_gbp',
      'after_monthly_gbp',
      'planned_saving_monthly_gbp',
      'realised_saving_monthly_gbp',
      'aws_not_priced',
      'rag_reasons',
    ],
    model.waves.map((w) => {
      const h = w.wave.wave;
      const f = model.figures?.waves.find((x) => x.id === h.id);
      return [
        h.id,
        h.name,
        h.owner,
        h.status,
        w.rag,
        h.planned.start,
        h.planned.end,
        w.baseline?.end,
        w.forecastEnd,
        w.slipDays,
        h.actual?.start,
        h.actual?.end,
        w.inScope,
        w.done,
        w.servers,
        w.serversDone,
        pence(f?.onPremMonthlyGbp),
        pence(f === undefined ? undefined : f.awsMonthlyGbp + f.saasMonthlyGbp),
        pence(f?.afterMonthlyGbp),
        pence(f?.plannedSavingGbp),
        pence(f?.realisedSavingGbp),
        f?.awsNotPriced,
        w.reasons.join('; '),
      ];
    }),
  );
}

export function workloadsCsv(model: ReportModel): string {
  return csv(
    [
      'workload',
      'name',
      'wave',
      'service_area',
      'business_owner',
      'technical_owner',
      'cmdb_id',
      'cost_centre',
      'criticality',
      'environment',
      'strategy',
      'status',
      'status_since',
      'classification',
      'personal_data',
      'special_category_data',
      'dpia',
      'dpia_status',
      'rpo_minutes',
      'rto_minutes',
      'dr_strategy',
      'target_account',
      'target_vpc',
      'servers',
      'databases',
      'cutover_start',
      'cutover_end',
      'time_zone',
      'vendor',
      'product',
      'contract_end',
      'on_prem_monthly_gbp',
      'after_monthly_gbp',
      'planned_saving_monthly_gbp',
      'realised_saving_monthly_gbp',
    ],
    model.rows.map((r) => {
      const w = r.workload;
      const f = model.figures?.workloads.find((x) => x.id === w.id);
      const dp = w.dataProtection;
      return [
        w.id,
        w.name,
        r.wave.wave.id,
        w.serviceArea,
        w.owners.business,
        w.owners.technical,
        w.cmdbId,
        w.costCentre,
        w.criticality,
        w.environment,
        w.strategy,
        w.status,
        w.statusHistory[w.statusHistory.length - 1]?.on,
        dp.classification,
        dp.personalData,
        dp.specialCategoryData,
        dp.dpia?.reference,
        dp.dpia?.status,
        w.recovery.rpoMinutes,
        w.recovery.rtoMinutes,
        w.recovery.drStrategy,
        w.target?.account,
        w.target?.vpc,
        w.servers.length,
        w.databases.length,
        r.cutoverStart,
        r.cutoverEnd,
        r.cutoverZone,
        w.supplier?.vendor,
        w.supplier?.product,
        w.supplier?.contractEnd,
        pence(f?.onPremMonthlyGbp),
        pence(f?.afterMonthlyGbp),
        pence(f?.plannedSavingGbp),
        pence(f?.realisedSavingGbp),
      ];
    }),
  );
}

const MGN_TAG_KEYS = [
  TAGS.wave,
  TAGS.workload,
  TAGS.serviceArea,
  TAGS.classification,
  TAGS.costCentre,
  TAGS.cmdbId,
  TAGS.backupTier,
  TAGS.owner,
] as const;

/**
 * The AWS Application Migration Service import file: one row per server that MGN replicates
 * (rehost, replatform, refactor and relocate workloads with a target; database servers whose every
 * database moves to RDS, SaaS or retirement are left out, as they are not replicated). Columns follow
 * the MGN user guide's import parameters, including every column AWS's migration guidance lists as
 * required (mgn:account-id, mgn:region, mgn:wave:name, mgn:wave:tag:KEY, mgn:wave:description,
 * mgn:app:name, mgn:app:description, mgn:server:user-provided-id, mgn:server:platform,
 * mgn:server:fqdn-for-action-framework, mgn:launch:instance-type, mgn:launch:placement:tenancy,
 * mgn:launch:iam-instance-profile:name, mgn:launch:placement:host-id), and launch-instance tags
 * (mgn:launch:tag:instance:KEY) so the cut-over instances carry the workload's tags, backup-tier
 * included.
 */
export function mgnImportCsv(plan: MigrationPlan): string {
  const accounts = new Map(plan.landingZone.accounts.map((a) => [a.name, a.id]));
  const region = plan.landingZone.organisation.homeRegion;
  const domain = plan.programme.programme.domain;
  const header = [
    'mgn:account-id',
    'mgn:region',
    'mgn:wave:name',
    'mgn:wave:description',
    'mgn:wave:tag:wave',
    'mgn:app:name',
    'mgn:app:description',
    'mgn:app:tag:workload',
    'mgn:server:user-provided-id',
    'mgn:server:platform',
    'mgn:server:fqdn-for-action-framework',
    'mgn:server:tag:cmdb-id',
    'mgn:launch:instance-type',
    'mgn:launch:placement:tenancy',
    'mgn:launch:iam-instance-profile:name',
    'mgn:launch:placement:host-id',
    ...MGN_TAG_KEYS.map((k) => `mgn:launch:tag:instance:${k}`),
  ];
  const rows: (string | undefined)[][] = [];
  for (const { workload: w, wave, backupTier } of plan.workloads) {
    if (!w.target || w.strategy === 'retire' || w.strategy === 'retain' || w.strategy === 'repurchase') {
      continue;
    }
    const dbsLeaveServers = w.databases.length > 0 && w.databases.every((d) => d.target !== 'ec2');
    const tags = workloadTags(w, wave.id, backupTier?.name);
    for (const s of w.servers) {
      if (s.tier === 'db' && dbsLeaveServers) {
        continue;
      }
      rows.push([
        accounts.get(w.target.account),
        region,
        wave.id,
        wave.name,
        wave.id,
        w.id,
        w.name,
        w.id,
        s.hostname,
        s.platform === 'windows' ? 'WINDOWS' : 'LINUX',
        s.fqdn ?? `${s.hostname}.${domain}`,
        s.cmdbId,
        s.targetInstanceType,
        'default',
        // Filled by the pipeline once the instance profile exists; empty keeps MGN's template value.
        undefined,
        undefined,
        ...MGN_TAG_KEYS.map((k) => tags[k]),
      ]);
    }
  }
  return csv(header, rows);
}

/** The CMDB export: every workload, server and database, one row each, linked by workload CMDB id. */
export function cmdbCsv(model: ReportModel): string {
  const rows: (string | number | undefined)[][] = [];
  for (const r of model.rows) {
    const w = r.workload;
    const target = w.target ? `${w.target.account}/${w.target.vpc}` : undefined;
    rows.push([
      'workload',
      w.cmdbId,
      w.id,
      w.name,
      undefined,
      w.serviceArea,
      w.environment,
      w.owners.business,
      w.owners.technical,
      r.wave.wave.id,
      w.strategy,
      w.status,
      w.dataProtection.classification,
      target,
      w.supplier ? `${w.supplier.vendor} ${w.supplier.product}` : undefined,
      undefined,
      undefined,
      w.cost.currentMonthlyGbp,
    ]);
    for (const s of w.servers) {
      rows.push([
        'server',
        s.cmdbId,
        s.hostname,
        s.fqdn ?? `${s.hostname}.${model.programme.programme.domain}`,
        w.cmdbId,
        w.serviceArea,
        w.environment,
        w.owners.business,
        w.owners.technical,
        r.wave.wave.id,
        w.strategy,
        w.status,
        w.dataProtection.classification,
        target,
        s.os,
        `${s.vcpus} vCPU, ${s.memoryGiB} GiB RAM, ${s.diskGiB} GiB disk`,
        s.targetInstanceType,
        undefined,
      ]);
    }
    for (const d of w.databases) {
      rows.push([
        'database',
        d.cmdbId,
        `${w.id}/${d.name}`,
        d.name,
        w.cmdbId,
        w.serviceArea,
        w.environment,
        w.owners.business,
        w.owners.technical,
        r.wave.wave.id,
        w.strategy,
        w.status,
        w.dataProtection.classification,
        d.target === 'rds' || d.target === 'ec2' ? target : d.target,
        `${d.engine} ${d.version}`,
        `${d.sizeGiB} GiB`,
        d.target,
        undefined,
      ]);
    }
  }
  return csv(
    [
      'record_type',
      'cmdb_id',
      'key',
      'name',
      'parent_cmdb_id',
      'service_area',
      'environment',
      'business_owner',
      'technical_owner',
      'wave',
      'strategy',
      'status',
      'classification',
      'target',
      'platform',
      'size',
      'target_type',
      'current_monthly_gbp',
    ],
    rows,
  );
}

/** A short Markdown summary for a pull-request comment. */
export function markdownSummary(model: ReportModel): string {
  const t = model.totals;
  const icon = { red: '🔴', amber: '🟠', green: '🟢', complete: '🔵' } as const;
  const lines = [
    `## ${model.programme.programme.name}: status ${icon[model.rag]} ${model.rag.toUpperCase()} (as of ${model.asOf})`,
    '',
    `**${t.done} of ${t.inScope}** workloads and **${t.serversDone} of ${t.servers}** servers moved · ${model.waves.filter((w) => w.rag === 'complete').length} of ${model.waves.length} waves complete · ${t.blocked} blocked · forecast finish ${model.forecastFinish} (baseline ${model.baselineFinish}) · ${savingsSentence(model)}`,
    '',
    ...model.ragReasons.map((r) => `- ${r}`),
    '',
    '| Wave | Name | Status | Planned | Forecast end | Moved | Servers | RAG | Why |',
    '|---|---|---|---|---|---:|---:|---|---|',
    ...model.waves.map((w) => {
      const h = w.wave.wave;
      return `| ${h.id} | ${h.name} | ${h.status} | ${h.planned.start} → ${h.planned.end} | ${w.forecastEnd} | ${w.done}/${w.inScope} | ${w.serversDone}/${w.servers} | ${icon[w.rag]} ${w.rag} | ${w.reasons.join('; ').replace(/\|/g, '/')} |`;
    }),
    '',
  ];
  if (model.blockers.length > 0) {
    lines.push(
      '### Blockers',
      '',
      ...model.blockers.map((r) =>
        `- **${r.workload.id}** (${r.wave.wave.id}): ${r.workload.status}. ${r.workload.notes ?? ''}`.trimEnd(),
      ),
      '',
    );
  }
  if (model.upcomingCutovers.length > 0) {
    lines.push(
      '### Upcoming cutovers',
      '',
      ...model.upcomingCutovers.map(
        (r) =>
          `- ${(r.cutoverStart ?? '').replace('T', ' ')} **${r.workload.id}** (${r.wave.wave.id}, ${r.workload.status})`,
      ),
      '',
    );
  }
  if (model.upcomingBlackouts.length > 0) {
    lines.push(
      '### Upcoming blackouts',
      '',
      ...model.upcomingBlackouts.map(
        (b) =>
          `- ${b.start} → ${b.end} ${b.name} (${b.serviceAreas === 'all' ? 'all service areas' : b.serviceAreas.join(', ')})`,
      ),
      '',
    );
  }
  if (model.risks.length > 0) {
    lines.push(
      `<details><summary>${model.risks.length} risk(s) from validation warnings</summary>`,
      '',
      ...model.risks.map((d) => `- \`${d.file}:${d.line}\` ${d.path}: ${d.message}`),
      '',
      '</details>',
      '',
    );
  }
  lines.push(
    `<sub>RAG rules: ${RAG_RULES.filter((r) => r.rag !== 'green')
      .map((r) => `${r.rag}: ${r.rule}`)
      .join(' ')}</sub>`,
    '',
  );
  return lines.join('\n');
}

/** The savings in the PR summary: the figures model's programme totals, to the penny. */
function savingsSentence(model: ReportModel): string {
  const f = model.figures;
  if (f === undefined) {
    return `cost figures left out (${model.figuresMissing ?? 'no assembly'}; run npm run synth)`;
  }
  const p = f.programme;
  return `run cost ${gbp(p.runCostNowGbp)} a month now, ${gbp(p.afterMonthlyGbp)} after · savings ${gbp(p.realisedSavingGbp)} a month realised of ${gbp(p.plannedSavingGbp)} planned`;
}

/** The before/after chart's numbers: monthly run cost, baseline and forecast, per wave and for the programme. */
export function runCostCsv(model: ReportModel): string {
  const s = model.figures?.series;
  const rows: (string | undefined)[][] = [];
  if (s !== undefined) {
    const scopes: [string, typeof s.programme][] = [['programme', s.programme], ...Object.entries(s.waves)];
    for (const [scope, lines] of scopes) {
      for (const which of ['baseline', 'forecast'] as const) {
        for (const p of lines[which]) {
          rows.push([scope, which, p.month, pence(p.onPremGbp), pence(p.awsGbp), pence(p.totalGbp)]);
        }
      }
    }
  }
  return csv(['scope', 'line', 'month', 'on_prem_gbp', 'aws_saas_gbp', 'total_gbp'], rows);
}
