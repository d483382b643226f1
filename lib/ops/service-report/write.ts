import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceReport } from './model';
import { renderServiceReportCsv } from './render-csv';
import { renderServiceReportHtml } from './render-html';
import { renderServiceReportMarkdown } from './render-markdown';

/**
 * Writes the report into a folder: index.html (charts), summary.md, service-report.json (every figure,
 * for the next month's comparison or a spreadsheet) and one CSV per section under csv/. Returns the
 * paths written.
 */
export function writeServiceReport(report: ServiceReport, outDir: string): string[] {
  mkdirSync(join(outDir, 'csv'), { recursive: true });
  const files: [string, string][] = [
    [join(outDir, 'index.html'), renderServiceReportHtml(report)],
    [join(outDir, 'summary.md'), renderServiceReportMarkdown(report)],
    [join(outDir, 'service-report.json'), `${JSON.stringify(report, null, 2)}\n`],
    ...Object.entries(renderServiceReportCsv(report)).map(([name, text]): [string, string] => [
      join(outDir, 'csv', name),
      text,
    ]),
  ];
  for (const [path, text] of files) writeFileSync(path, text);
  return files.map(([path]) => path);
}
