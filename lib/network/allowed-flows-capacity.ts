/**
 * The allowed flows rule group's capacity, fixed because CloudFormation replaces a rule group whose
 * capacity changes (and the replacement's name clashes with the group it replaces): one unit per
 * rule, one rule per source VPC, destination and port. The construct sizes the group with it and
 * the configuration rule refuses flows that would not fit, so both read it from here; the file
 * imports nothing, so validating a configuration does not load the CDK.
 */
export const ALLOWED_FLOWS_CAPACITY = 200;
