/**
 * Regions and data-residency rules. UK GDPR allows transfers to countries covered by UK adequacy
 * regulations; the EEA is the set councils normally sign data-sharing terms for.
 */
export const UK_REGIONS = ['eu-west-2'] as const;
export const EEA_REGIONS = [
  'eu-west-1',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
] as const;
/** Regions in countries with UK adequacy regulations beyond the EEA (Switzerland, Canada, Japan, Korea, Israel). */
export const OTHER_ADEQUATE_REGIONS = [
  'eu-central-2',
  'ca-central-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'il-central-1',
] as const;
export const OTHER_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'sa-east-1',
  'me-central-1',
  'af-south-1',
] as const;

export const ALL_REGIONS = [
  ...UK_REGIONS,
  ...EEA_REGIONS,
  ...OTHER_ADEQUATE_REGIONS,
  ...OTHER_REGIONS,
] as const;
export type Region = (typeof ALL_REGIONS)[number];

export const DATA_RESIDENCY_RULES = ['uk-only', 'uk-and-eea', 'uk-adequacy'] as const;
export type DataResidencyRule = (typeof DATA_RESIDENCY_RULES)[number];

const ALLOWED: Record<DataResidencyRule, readonly string[]> = {
  'uk-only': UK_REGIONS,
  'uk-and-eea': [...UK_REGIONS, ...EEA_REGIONS],
  'uk-adequacy': [...UK_REGIONS, ...EEA_REGIONS, ...OTHER_ADEQUATE_REGIONS],
};

export function regionsAllowedBy(rule: DataResidencyRule): readonly string[] {
  return ALLOWED[rule];
}

export function isRegionAllowed(rule: DataResidencyRule, region: string): boolean {
  return ALLOWED[rule].includes(region);
}

/**
 * The regions the landing zone may use: the home region, and the DR region where the
 * data-residency rule allows it. The synth-time residency rule checks templates against these,
 * the residency guardrail denies everything else, and the security baseline covers exactly these.
 */
export function landingZoneRegions(organisation: {
  readonly homeRegion: string;
  readonly drRegion?: string | undefined;
  readonly dataResidency: DataResidencyRule;
}): string[] {
  return [organisation.homeRegion, organisation.drRegion].filter(
    (region): region is string => region !== undefined && isRegionAllowed(organisation.dataResidency, region),
  );
}

/** Availability zone names published for the regions a council is likely to use. */
export const KNOWN_AVAILABILITY_ZONES: Partial<Record<string, readonly string[]>> = {
  'eu-west-2': ['eu-west-2a', 'eu-west-2b', 'eu-west-2c'],
  'eu-west-1': ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  'eu-west-3': ['eu-west-3a', 'eu-west-3b', 'eu-west-3c'],
  'eu-central-1': ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
  'eu-north-1': ['eu-north-1a', 'eu-north-1b', 'eu-north-1c'],
};
