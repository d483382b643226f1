/*
 * The memory of an RDS DB instance class, which the engines' default connection limits are computed
 * from (lib/data/engines, `maxConnections`). Source: Amazon RDS User Guide, "Hardware specifications
 * for DB instance classes" (checked November 2026): burstable classes have fixed sizes, the general
 * purpose families 4 GiB per vCPU, the memory-optimised families 8 GiB per vCPU (x2 16 GiB), and a
 * size of `large` is 2 vCPUs, `xlarge` 4, `Nxlarge` 4N.
 */

/** Burstable classes (db.t3, db.t4g) by size, GiB. */
const BURSTABLE_GIB: Readonly<Record<string, number>> = {
  micro: 1,
  small: 2,
  medium: 4,
  large: 8,
  xlarge: 16,
  '2xlarge': 32,
};

/** GiB per vCPU of the fixed-ratio families, by the family's first letters. */
const GIB_PER_VCPU: readonly { readonly family: RegExp; readonly gibPerVcpu: number }[] = [
  { family: /^m\d/, gibPerVcpu: 4 },
  { family: /^r\d/, gibPerVcpu: 8 },
  { family: /^x2/, gibPerVcpu: 16 },
];

function vcpusOf(size: string): number | undefined {
  if (size === 'large') return 2;
  if (size === 'xlarge') return 4;
  const match = /^(\d+)xlarge$/.exec(size);
  return match ? Number(match[1]) * 4 : undefined;
}

/** The memory of a DB instance class in GiB, or undefined for a class this table does not know. */
export function instanceClassMemoryGiB(instanceClass: string): number | undefined {
  const [db, family = '', size = ''] = instanceClass.split('.');
  if (db !== 'db') return undefined;
  if (/^t\d/.test(family)) return BURSTABLE_GIB[size];
  const ratio = GIB_PER_VCPU.find((f) => f.family.test(family))?.gibPerVcpu;
  const vcpus = vcpusOf(size);
  return ratio === undefined || vcpus === undefined ? undefined : ratio * vcpus;
}
