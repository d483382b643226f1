import type { CfnResourceJson } from '../assembly/template';
import type { PriceEntry, PriceTable, Usage } from './price-table';
import { chargesOf, findPrice, freeReason, type Charge, type RuleContext } from './rules';
import { instanceTypeFor, SERVERS_STACK, type ServerCostInput } from './servers';
import { describeAssumption, type AssumptionKey, type UsageAssumptions } from './usage-assumptions';
import { LANDING_ZONE_WAVE, TAGS } from '../names';

/*
 * Prices a synthesised cloud assembly and the servers MGN launches with the committed price tables
 * and the usage assumptions. Pure: the caller reads the assembly, the tables and the plan. Every
 * resource ends up in exactly one of three places: a priced line (with the price's source and date,
 * and the assumption behind its quantity when it is charged per use), the free list with the
 * reason, or the not-priced list with the reason. Nothing is silently counted as zero: anything not
 * priced makes the estimate incomplete.
 */

export { FREE_TYPES, findPrice } from './rules';

/** One stack of the assembly with the account and region it deploys to (from manifest.json). */
export interface CostStack {
  readonly stackName: string;
  readonly account: string;
  readonly region: string;
  readonly resources: Readonly<Record<string, CfnResourceJson>>;
}

export interface CostLine {
  readonly stack: string;
  readonly account: string;
  readonly region: string;
  readonly logicalId: string;
  readonly type: string;
  /** The wave the line belongs to, or SHARED for the shared landing zone. */
  readonly wave: string;
  readonly workload?: string;
  readonly usage: Usage;
  readonly description: string;
  /** Units per month: hours (count x hoursPerMonth), GB-months, requests... */
  readonly monthlyQuantity: number;
  readonly unit: PriceEntry['unit'];
  readonly usdPerUnit: number;
  readonly monthlyUsd: number;
  readonly priceId: string;
  readonly source: string;
  readonly date: string;
  readonly confirmed: boolean;
  readonly unconfirmedBecause?: string;
  /** For a charge per use: the assumption the quantity comes from, and its value in words. */
  readonly assumption?: { readonly key: AssumptionKey; readonly text: string };
  /** Backup storage, which grows with protected data. */
  readonly grows?: boolean;
}

export interface NotPriced {
  readonly stack: string;
  readonly account: string;
  readonly region: string;
  readonly logicalId: string;
  readonly type: string;
  readonly wave: string;
  readonly workload?: string;
  readonly reason: string;
}

export interface Rollup {
  readonly key: string;
  readonly monthlyUsd: number;
  readonly monthlyGbp: number;
  readonly pricedLines: number;
  readonly notPriced: number;
}

export interface CostEstimate {
  /** The regions priced, home region first. */
  readonly regions: readonly string[];
  readonly hoursPerMonth: number;
  readonly exchangeRate: PriceTable['exchangeRate'];
  readonly lines: readonly CostLine[];
  readonly notPriced: readonly NotPriced[];
  readonly free: readonly { type: string; count: number; reason: string }[];
  readonly byStack: readonly Rollup[];
  readonly byAccount: readonly Rollup[];
  readonly byWave: readonly Rollup[];
  readonly totalUsd: number;
  readonly totalGbp: number;
  /** The part of the total priced with unconfirmed prices. */
  readonly unconfirmedUsd: number;
  /** The part of the total whose quantity is a usage assumption. */
  readonly assumedUsd: number;
  readonly assumptions: UsageAssumptions;
  /** Anything deployed is not priced: the total is a lower bound. */
  readonly incomplete: boolean;
}

/** Shared infrastructure: resources tagged with no wave of the plan (the `landing-zone` wave or none). */
export const SHARED = 'shared landing zone';
/** Resources tagged with a workload that no wave file names (e.g. a database ahead of its wave). */
export const NO_WAVE = 'workload in no wave';

export function tagsOf(resource: CfnResourceJson): Record<string, string> {
  const tags = resource.Properties?.['Tags'];
  const out: Record<string, string> = {};
  if (Array.isArray(tags)) {
    for (const t of tags as unknown[]) {
      if (t && typeof t === 'object') {
        const { Key, Value } = t as { Key?: unknown; Value?: unknown };
        if (typeof Key === 'string' && typeof Value === 'string') {
          out[Key] = Value;
        }
      }
    }
  } else if (tags && typeof tags === 'object') {
    for (const [k, v] of Object.entries(tags)) {
      if (typeof v === 'string') {
        out[k] = v;
      }
    }
  }
  return out;
}

function rollup(
  keys: readonly string[],
  lines: readonly CostLine[],
  notPriced: readonly NotPriced[],
  keyOf: (x: { stack: string; account: string; wave: string }) => string,
  gbpPerUsd: number,
): Rollup[] {
  const all = new Set([...keys, ...lines.map(keyOf), ...notPriced.map(keyOf)]);
  return [...all].map((key) => {
    const mine = lines.filter((l) => keyOf(l) === key);
    const monthlyUsd = mine.reduce((sum, l) => sum + l.monthlyUsd, 0);
    return {
      key,
      monthlyUsd,
      monthlyGbp: monthlyUsd * gbpPerUsd,
      pricedLines: mine.length,
      notPriced: notPriced.filter((n) => keyOf(n) === key).length,
    };
  });
}

export interface EstimateOptions {
  /** Workload id to wave id, from the wave files: resources tagged with a workload join its wave. */
  readonly workloadWaves?: ReadonlyMap<string, string>;
  /** Servers MGN launches (not in any template), priced as EC2 instances and gp3 disks. */
  readonly servers?: readonly ServerCostInput[];
  /** Copies each backup tier keeps, by tier name. */
  readonly backupCopies?: RuleContext['backupCopies'];
  /** The home region: listed first. @default the first table's region */
  readonly homeRegion?: string;
}

/** The charges of one migrating server: instance hours, its disk, its backups, its agent metrics, MGN. */
export function serverCharges(server: ServerCostInput, ctx: RuleContext): Charge[] {
  const sized = instanceTypeFor(server);
  const charges: Charge[] = [];
  if (sized === undefined) {
    charges.push({
      reason: `no instance type in the size ladder fits ${server.vcpus} vCPU / ${server.memoryGiB} GiB: set targetInstanceType`,
    });
  } else {
    const platform =
      server.sqlLicence === undefined ? server.platform : (`windows-sql-${server.sqlLicence}` as const);
    const what = `EC2 ${platform} ${sized.type} (${sized.sizedFrom === 'size' ? `sized from ${server.vcpus} vCPU / ${server.memoryGiB} GiB` : 'targetInstanceType'})`;
    const price = findPrice(ctx.table, 'ec2-instance-hours', { instanceType: sized.type, platform });
    charges.push(
      price
        ? { usage: 'ec2-instance-hours', price, quantity: ctx.table.hoursPerMonth, description: what }
        : { reason: `no price in the ${ctx.table.region} table for ${what} instance hours` },
    );
  }
  const price = findPrice(ctx.table, 'ebs-gp3-gb-months');
  const disk = `EBS gp3 ${server.diskGiB} GB`;
  charges.push(
    price
      ? { usage: 'ebs-gp3-gb-months', price, quantity: server.diskGiB, description: disk }
      : { reason: `no price in the ${ctx.table.region} table for ${disk}` },
  );
  const metrics = findPrice(ctx.table, 'cloudwatch-custom-metric-months');
  const key: AssumptionKey = 'logs.customMetricsPerServer';
  charges.push(
    metrics
      ? {
          usage: 'cloudwatch-custom-metric-months',
          price: metrics,
          quantity: ctx.assumptions.values[key],
          description: 'CloudWatch agent metrics',
          assumption: key,
        }
      : { reason: `no price in the ${ctx.table.region} table for cloudwatch-custom-metric-months` },
  );
  if (server.mgnBillable) {
    const mgn = findPrice(ctx.table, 'mgn-server-hours');
    charges.push(
      mgn
        ? {
            usage: 'mgn-server-hours',
            price: mgn,
            quantity: ctx.table.hoursPerMonth,
            description: `MGN replication past the free 90 days (since ${server.mgnBillable})`,
          }
        : { reason: `no price in the ${ctx.table.region} table for mgn-server-hours` },
    );
  }
  if (server.backupTier !== undefined) {
    const copies = ctx.backupCopies?.get(server.backupTier);
    // Server backups are EBS snapshots.
    const warm = findPrice(ctx.table, 'ebs-snapshot-storage');
    const stored: AssumptionKey = 'backup.storedGbPerSourceGb';
    if (copies === undefined || warm === undefined) {
      charges.push({
        reason: `backups of ${server.hostname}: tier ${server.backupTier} or the backup price not known`,
      });
    } else {
      charges.push({
        usage: 'ebs-snapshot-storage',
        price: warm,
        quantity: server.diskGiB * copies.copies * ctx.assumptions.values[stored],
        description: `backups of ${server.hostname} (${server.diskGiB} GB, ${copies.copies} copies, tier ${server.backupTier})`,
        assumption: stored,
        grows: true,
      });
    }
  }
  return charges;
}

export function estimateCost(
  stacks: readonly CostStack[],
  book: ReadonlyMap<string, PriceTable>,
  assumptions: UsageAssumptions,
  options: EstimateOptions = {},
): CostEstimate {
  const first = [...book.values()][0];
  if (first === undefined) {
    throw new Error('estimateCost needs at least one price table');
  }
  const home = options.homeRegion ?? first.region;
  const homeTable = book.get(home) ?? first;
  const lines: CostLine[] = [];
  const notPriced: NotPriced[] = [];
  const free = new Map<string, { count: number; reason: string }>();
  const waveIds = new Set(options.workloadWaves?.values() ?? []);
  const record = (where: Omit<NotPriced, 'reason'>, charges: readonly Charge[]): void => {
    for (const charge of charges) {
      if ('reason' in charge) {
        notPriced.push({ ...where, reason: charge.reason });
      } else {
        lines.push({
          ...where,
          usage: charge.usage,
          description: charge.description,
          monthlyQuantity: charge.quantity,
          unit: charge.price.unit,
          usdPerUnit: charge.price.usd,
          monthlyUsd: charge.quantity * charge.price.usd,
          priceId: charge.price.id,
          source: charge.price.source,
          date: charge.price.date,
          confirmed: charge.price.confirmed,
          ...(charge.price.unconfirmedBecause === undefined
            ? {}
            : { unconfirmedBecause: charge.price.unconfirmedBecause }),
          ...(charge.assumption === undefined
            ? {}
            : {
                assumption: {
                  key: charge.assumption,
                  text: describeAssumption(assumptions, charge.assumption),
                },
              }),
          ...(charge.grows ? { grows: true } : {}),
        });
      }
    }
  };
  const waveOf = (tags: Readonly<Record<string, string>>): string => {
    const workload = tags[TAGS.workload];
    const tagged = tags[TAGS.wave];
    if (tagged !== undefined && tagged !== LANDING_ZONE_WAVE && (waveIds.size === 0 || waveIds.has(tagged))) {
      return tagged;
    }
    if (tagged === LANDING_ZONE_WAVE || workload === undefined || options.workloadWaves === undefined) {
      return SHARED;
    }
    return options.workloadWaves.get(workload) ?? NO_WAVE;
  };
  for (const stack of stacks) {
    const table = book.get(stack.region);
    for (const [logicalId, resource] of Object.entries(stack.resources)) {
      const type = resource.Type;
      const props = resource.Properties ?? {};
      const reason = freeReason(type, props);
      if (reason !== undefined) {
        const key = type === 'AWS::EC2::VPCEndpoint' ? `${type} (gateway)` : type;
        free.set(key, { count: (free.get(key)?.count ?? 0) + 1, reason });
        continue;
      }
      const tags = tagsOf(resource);
      const workload = tags[TAGS.workload];
      const where = {
        stack: stack.stackName,
        account: stack.account,
        region: stack.region,
        logicalId,
        type,
        wave: waveOf(tags),
        ...(workload !== undefined ? { workload } : {}),
      };
      if (table === undefined) {
        notPriced.push({ ...where, reason: `deploys to ${stack.region}, which has no price table` });
        continue;
      }
      record(where, chargesOf(type, props, tags, { table, assumptions, backupCopies: options.backupCopies }));
    }
  }
  for (const server of options.servers ?? []) {
    const where = {
      stack: SERVERS_STACK,
      account: server.account,
      region: home,
      logicalId: server.hostname,
      type: 'AWS::EC2::Instance',
      wave: server.wave,
      workload: server.workload,
    };
    record(
      where,
      serverCharges(server, { table: homeTable, assumptions, backupCopies: options.backupCopies }),
    );
  }
  const rate = homeTable.exchangeRate.gbpPerUsd;
  const sum = (list: readonly CostLine[]) => list.reduce((n, l) => n + l.monthlyUsd, 0);
  const totalUsd = sum(lines);
  const regions = [home, ...[...book.keys()].filter((r) => r !== home).sort()];
  return {
    regions,
    hoursPerMonth: homeTable.hoursPerMonth,
    exchangeRate: homeTable.exchangeRate,
    lines,
    notPriced,
    free: [...free.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, f]) => ({ type, count: f.count, reason: f.reason })),
    byStack: rollup(
      [...stacks.map((s) => s.stackName), ...(options.servers?.length ? [SERVERS_STACK] : [])],
      lines,
      notPriced,
      (x) => x.stack,
      rate,
    ),
    byAccount: rollup(
      [...new Set(stacks.map((s) => s.account))],
      lines,
      notPriced,
      (x) => x.account,
      rate,
    ).sort((a, b) => a.key.localeCompare(b.key)),
    byWave: rollup([SHARED], lines, notPriced, (x) => x.wave, rate).sort((a, b) =>
      a.key === SHARED ? -1 : b.key === SHARED ? 1 : a.key.localeCompare(b.key),
    ),
    totalUsd,
    totalGbp: totalUsd * rate,
    unconfirmedUsd: sum(lines.filter((l) => !l.confirmed)),
    assumedUsd: sum(lines.filter((l) => l.assumption !== undefined)),
    assumptions,
    incomplete: notPriced.length > 0,
  };
}

/** Not-priced resources grouped by type and reason, with a count, most frequent first. */
export function notPricedGroups(
  estimate: Pick<CostEstimate, 'notPriced'>,
): { type: string; reason: string; count: number }[] {
  const groups = new Map<string, { type: string; reason: string; count: number }>();
  for (const n of estimate.notPriced) {
    const key = `${n.type}\u0000${n.reason}`;
    const g = groups.get(key) ?? { type: n.type, reason: n.reason, count: 0 };
    g.count += 1;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
}
