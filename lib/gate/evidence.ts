import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { GateResult } from './evaluate';

function md(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function gateSummaryMarkdown(result: GateResult): string {
  const lines = [
    `# Pre-deployment gate: ${result.passed ? 'PASSED' : 'FAILED'}`,
    '',
    ...(result.scope === undefined
      ? []
      : [
          `**Scope: ${result.scope.length} stack(s) only** (${result.scope.join(', ')}): not a verdict on the deployment.`,
          '',
        ]),
    ...result.stale.map((s) => `**NOT CURRENT (read with --allow-stale):** ${md(s)}`),
    ...(result.stale.length === 0 ? [] : ['']),
    '| Check | Status | Summary |',
    '|---|---|---|',
    ...result.checks.map(
      (c) => `| ${md(c.title)} | ${c.status === 'pass' ? 'pass' : '**FAIL**'} | ${md(c.summary)} |`,
    ),
    '',
  ];
  for (const c of result.checks.filter((x) => x.problems.length > 0)) {
    lines.push(`## ${c.title}`, '', ...c.problems.map((p) => `- ${md(p)}`), '');
  }
  lines.push(
    `${result.acknowledgements.length} finding(s) are acknowledged with a reason: see acknowledgements.md.`,
    'NCSC Cloud Security Principles evidence: see ncsc-summary.md.',
    '',
  );
  return lines.join('\n');
}

export function acknowledgementsMarkdown(result: GateResult): string {
  return [
    '# Acknowledgements register',
    '',
    'Every finding the rule packs raised and the project accepted, with the reason and the line of code that accepts it.',
    '',
    '| Rule | Resource | Reason | Acknowledged at | Source |',
    '|---|---|---|---|---|',
    ...result.acknowledgements.map(
      (a) =>
        `| ${md(a.rule)} | ${md(a.resource)} | ${md(a.reason)} | ${md(a.acknowledgedAt)} | ${md(a.source)} |`,
    ),
    '',
  ].join('\n');
}

export function ncscMarkdown(result: GateResult): string {
  const label = {
    pass: 'evidenced',
    fail: '**FAILING**',
    'not-evidenced': 'not evidenced by templates',
  } as const;
  const lines = [
    '# NCSC Cloud Security Principles: what the templates evidence',
    '',
    '| # | Principle | Status | Evidence | Checked by |',
    '|---:|---|---|---|---|',
    ...result.principles.map(
      (p) =>
        `| ${p.number} | ${md(p.title)} | ${label[p.status]} | ${md(p.evidence)} | ${p.rules
          .map(
            (r) =>
              `${r.rule} (${r.status === 'pass-with-acknowledgements' ? `pass, ${r.acknowledged} acknowledged` : r.status})`,
          )
          .join('<br>')} |`,
    ),
    '',
    'A rule marked "pass" ran on every resource it applies to and found nothing; "acknowledged" counts findings accepted with a reason (see acknowledgements.md).',
    '',
  ];
  return lines.join('\n');
}

/** Writes the machine-readable result and the readable evidence into one directory. */
export function writeGateEvidence(result: GateResult, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const files: Record<string, string> = {
    'gate-result.json': `${JSON.stringify(result, null, 2)}\n`,
    'gate-summary.md': gateSummaryMarkdown(result),
    'acknowledgements.md': acknowledgementsMarkdown(result),
    'acknowledgements.csv': stringify(
      result.acknowledgements.map((a) => [
        a.plugin,
        a.rule,
        a.resource,
        a.reason,
        a.acknowledgedAt,
        a.source,
      ]),
      { header: true, columns: ['plugin', 'rule', 'resource', 'reason', 'acknowledged_at', 'source'] },
    ),
    'ncsc-summary.md': ncscMarkdown(result),
  };
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(outDir, name), text);
  }
  return Object.keys(files).map((name) => join(outDir, name));
}
