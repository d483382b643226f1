import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Diagnostic } from '../config/diagnostics';
import { schemaDiagnostics } from '../config/load';
import { YamlSource } from '../config/yaml-source';

export const CHANGE_KINDS = ['replace', 'destroy', 'orphan'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const AllowListSchema = z.strictObject({
  allow: z
    .array(
      z.strictObject({
        stack: z.string().min(1).meta({ description: 'Stack artifact id, e.g. KvdcVpcProduction.' }),
        logicalId: z
          .string()
          .min(1)
          .meta({ description: 'Logical id of the stateful resource in the baseline.' }),
        change: z.enum(CHANGE_KINDS),
        reason: z
          .string()
          .min(20, 'explain why losing or replacing this resource is safe (20 characters or more)'),
        approvedBy: z
          .string()
          .min(1)
          .meta({ description: 'Role that accepted the risk, e.g. Change Advisory Board.' }),
        ticket: z.string().optional(),
      }),
    )
    .default([]),
});

export type AllowEntry = z.infer<typeof AllowListSchema>['allow'][number];

export interface AllowList {
  readonly entries: AllowEntry[];
  readonly diagnostics: Diagnostic[];
}

/** Reads the allow-list; a missing file is an empty list, a malformed one is reported like any config. */
export function readAllowList(file: string): AllowList {
  if (!existsSync(file)) {
    return { entries: [], diagnostics: [] };
  }
  const source = new YamlSource(file, readFileSync(file, 'utf8'));
  if (source.parseDiagnostics.length > 0) {
    return { entries: [], diagnostics: source.parseDiagnostics };
  }
  const parsed = AllowListSchema.safeParse(source.data ?? {}, { reportInput: true });
  if (!parsed.success) {
    return { entries: [], diagnostics: schemaDiagnostics(source, parsed.error.issues, AllowListSchema) };
  }
  return { entries: parsed.data.allow, diagnostics: [] };
}
