import { Template } from 'aws-cdk-lib/assertions';
import { exampleLandingZone } from '../connectivity/example-landing-zone';

type Resource = { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> };

const { stacks } = exampleLandingZone();

describe('the default-security-group handler', () => {
  it('logs to an encrypted log group with a retention, in every VPC stack', () => {
    const vpcStacks = [stacks.hub, ...Object.values(stacks.vpcs)];
    expect(vpcStacks.length).toBe(4);
    for (const stack of vpcStacks) {
      const resources = Template.fromStack(stack).toJSON()['Resources'] as Record<string, Resource>;
      const handlers = Object.entries(resources).filter(
        ([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith('CustomVpcRestrictDefaultSG'),
      );
      expect({ stack: stack.stackName, handlers: handlers.length }).toEqual({
        stack: stack.stackName,
        handlers: 1,
      });
      for (const [, handler] of handlers) {
        const ref = (handler.Properties['LoggingConfig'] as { LogGroup?: { Ref?: string } } | undefined)
          ?.LogGroup?.Ref;
        expect(ref).toBeDefined();
        const group = resources[ref ?? ''];
        expect(group?.Type).toBe('AWS::Logs::LogGroup');
        expect(group?.Properties['KmsKeyId']).toBeDefined();
        expect(group?.Properties['RetentionInDays']).toBeGreaterThanOrEqual(365);
      }
    }
  });
});
