import { App, Tags, type AppProps } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { cdkJsonContext } from '../../lib/cdk-json';

/** An App with cdk.json's feature flags (and any extra props), so tests synthesise as `cdk synth` does. */
export function testApp(props: AppProps = {}): App {
  return new App({ ...props, context: { ...cdkJsonContext(), ...props.context } });
}

/** The tags Council-RequiredTags expects, as the landing zone sets them on shared infrastructure. */
export const REQUIRED_TEST_TAGS: Readonly<Record<string, string>> = {
  owner: 'digital-infrastructure',
  classification: 'OFFICIAL',
  wave: 'landing-zone',
  'cost-centre': 'ICT-0410',
};

/** Tags a fixture's scope as the landing zone tags shared infrastructure, so RequiredTags passes. */
export function tagAsLandingZone(scope: IConstruct): void {
  for (const [key, value] of Object.entries(REQUIRED_TEST_TAGS)) {
    Tags.of(scope).add(key, value);
  }
}
