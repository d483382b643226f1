import type {
  AllocateCidrRequest,
  IIpAddresses,
  SubnetIpamOptions,
  VpcIpamOptions,
} from 'aws-cdk-lib/aws-ec2';
import type { PlannedSubnet } from './address-plan';

/**
 * Hands the L2 VPC the subnet blocks from our own address plan, so the deployed layout is exactly
 * the one the validator checked and docs/configuration.md documents, rather than the CDK's own allocation.
 */
export class PlannedIpAddresses implements IIpAddresses {
  constructor(
    private readonly vpcCidr: string,
    private readonly subnets: readonly PlannedSubnet[],
  ) {}

  allocateVpcCidr(): VpcIpamOptions {
    return { cidrBlock: this.vpcCidr };
  }

  allocateSubnetsCidr(input: AllocateCidrRequest): SubnetIpamOptions {
    return {
      allocatedSubnets: input.requestedSubnets.map((request) => {
        const planned = this.subnets.find(
          (s) => s.tier === request.configuration.name && s.availabilityZone === request.availabilityZone,
        );
        if (!planned) {
          throw new Error(
            `No planned block for tier ${request.configuration.name} in ${request.availabilityZone}`,
          );
        }
        return { cidr: planned.cidr.text };
      }),
    };
  }
}
