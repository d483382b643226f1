import { RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

export interface CouncilKeyProps {
  /** What the key encrypts, for whoever reads the key list. */
  readonly description: string;
  /** Yearly rotation of the key material. @default true */
  readonly enableKeyRotation?: boolean;
  /**
   * RETAIN keeps the key when its stack is deleted, so what it encrypted (snapshots, logs,
   * recovery points) stays readable. @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** A customer-managed KMS key with the council's defaults: rotation on, and retained with its stack gone. */
export function councilKey(scope: Construct, id: string, props: CouncilKeyProps): kms.Key {
  return new kms.Key(scope, id, {
    description: props.description,
    enableKeyRotation: props.enableKeyRotation ?? true,
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
  });
}
