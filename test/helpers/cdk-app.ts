import { App, type AppProps } from 'aws-cdk-lib';
import { cdkJsonContext } from '../../lib/cdk-json';

/** An App with cdk.json's feature flags (and any extra props), so tests synthesise as `cdk synth` does. */
export function testApp(props: AppProps = {}): App {
  return new App({ ...props, context: { ...cdkJsonContext(), ...props.context } });
}
