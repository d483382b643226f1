import { Tags, type StackProps } from 'aws-cdk-lib';
import * as mgn from 'aws-cdk-lib/aws-mgn';
import type { Construct } from 'constructs';
import { pascal, TAGS } from '../lib/names';
import { acknowledgeMgnResourceType } from '../lib/waves/infrastructure/acknowledge-mgn';
import type { WaveHeaderConfig } from '../lib/waves/schema';
import type { LandingZoneContext } from './landing-zone-context';
import { LandingZoneStack } from './landing-zone-stack';

export interface MigrationWavesStackProps extends StackProps {
  readonly lz: LandingZoneContext;
  /** Waves with at least one migrating workload in this account. */
  readonly waves: readonly WaveHeaderConfig[];
}

/**
 * The AWS Application Migration Service wave records of one workload account, so execution can be
 * tracked in the MGN console. CloudFormation cannot associate applications with waves; the MGN
 * import file from `lz waves report` does that (mgn:wave:name + mgn:app:name).
 */
export class MigrationWavesStack extends LandingZoneStack {
  readonly waves: Readonly<Record<string, mgn.CfnWave>>;

  constructor(scope: Construct, id: string, props: MigrationWavesStackProps) {
    super(scope, id, { ...props, availabilityZones: props.lz.config.network.availabilityZones });
    const waves: Record<string, mgn.CfnWave> = {};
    for (const wave of props.waves) {
      const record = new mgn.CfnWave(this, pascal(wave.id), {
        name: wave.id,
        description: `${wave.name} (planned ${wave.planned.start} to ${wave.planned.end})`,
      });
      Tags.of(record).add(TAGS.wave, wave.id);
      acknowledgeMgnResourceType(record);
      waves[wave.id] = record;
    }
    this.waves = waves;
  }
}
