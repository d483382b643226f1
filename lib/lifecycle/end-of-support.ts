import type { EndOfSupportTable, LifecycleProduct, LifecycleVersion } from './schema';

/*
 * Pure lookups in the end-of-support table: which product and version a server's `os` string or a
 * database version names, and when its support ends. No I/O and no clock: the caller passes the
 * table and the dates, so the wave rule, the runbooks and (later) `lz ops db-health` agree.
 */

/** One version of one product, as the table gives it. */
export interface SupportEntry extends LifecycleVersion {
  readonly product: LifecycleProduct;
  /** e.g. "Windows Server 2016", "PostgreSQL 13". */
  readonly label: string;
}

/** Whether a version string names a table version: equal to one of its matches, or a match followed by a dot. */
function matches(version: LifecycleVersion, text: string): boolean {
  const value = text.trim().toLowerCase();
  return version.matches.some((m) => {
    const key = m.toLowerCase();
    return value === key || value.startsWith(`${key}.`);
  });
}

function entry(product: EndOfSupportTable['products'][number], version: LifecycleVersion): SupportEntry {
  return { ...version, product: product.product, label: `${product.label} ${version.version}` };
}

/** The table entry of a product's version, e.g. ('postgresql', '17.9') -> PostgreSQL 17. */
export function versionSupport(
  table: EndOfSupportTable,
  product: LifecycleProduct,
  version: string,
): SupportEntry | undefined {
  const found = table.products.find((p) => p.product === product);
  const v = found?.versions.find((candidate) => matches(candidate, version));
  return found && v ? entry(found, v) : undefined;
}

const patterns = new WeakMap<EndOfSupportTable, { product: LifecycleProduct; pattern: RegExp }[]>();

/** The table entry an operating-system string names, e.g. "Windows Server 2012 R2", or undefined (unknown OS). */
export function osSupport(table: EndOfSupportTable, os: string): SupportEntry | undefined {
  let compiled = patterns.get(table);
  if (compiled === undefined) {
    compiled = table.products.flatMap((p) =>
      p.osPattern === undefined ? [] : [{ product: p.product, pattern: new RegExp(p.osPattern, 'i') }],
    );
    patterns.set(table, compiled);
  }
  for (const { product, pattern } of compiled) {
    const version = pattern.exec(os.trim())?.[1];
    if (version !== undefined) {
      return versionSupport(table, product, version);
    }
  }
  return undefined;
}

/** Which support date applies: the vendor's, or (for an RDS target) the earlier of it and RDS standard support. */
export interface SupportEnd {
  readonly date: string;
  /** e.g. "Microsoft extended support" or "RDS standard support". */
  readonly what: 'vendor support' | 'RDS standard support';
  readonly source: string;
}

export function supportEnd(entry: SupportEntry, onRds: boolean): SupportEnd {
  const rds = onRds ? entry.rdsEndOfStandardSupport : undefined;
  if (rds !== undefined && rds < entry.endOfSupport) {
    return { date: rds, what: 'RDS standard support', source: entry.rdsSource ?? entry.source };
  }
  return { date: entry.endOfSupport, what: 'vendor support', source: entry.source };
}

export type SupportState =
  /** Support ends before the date: out of support on it. */
  | 'ended'
  /** Support ends on or after the date, but within the horizon. */
  | 'ending'
  | 'supported';

/** The support state on a date (YYYY-MM-DD), with support ending before `horizonEnd` counted as ending. */
export function supportState(end: SupportEnd, on: string, horizonEnd: string): SupportState {
  if (end.date < on) {
    return 'ended';
  }
  return end.date <= horizonEnd ? 'ending' : 'supported';
}
