import { Stack } from 'aws-cdk-lib';
import { securityBaselineModel, type SecurityBaselineModel } from '../../../lib/security-baseline/model';
import { testApp } from '../../helpers/cdk-app';
import { exampleConfig } from '../../helpers/landing-zone';

/** The example council's security baseline model. */
export function exampleModel(): SecurityBaselineModel {
  const model = securityBaselineModel(exampleConfig());
  if (model === undefined) {
    throw new Error('the example configuration has a security baseline');
  }
  return model;
}

/** A small stack in one account and region, for one construct. */
export function smallStack(account = '333333333333', region = 'eu-west-2'): Stack {
  return new Stack(testApp(), 'Test', { env: { account, region } });
}

/** The resources of one type in a template, as plain objects. */
export function resourcesOf(
  template: { findResources(type: string): Record<string, { Properties?: unknown }> },
  type: string,
): Record<string, unknown>[] {
  return Object.values(template.findResources(type)).map(
    (r) => (r.Properties ?? {}) as Record<string, unknown>,
  );
}
