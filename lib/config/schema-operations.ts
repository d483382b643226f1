import { z } from 'zod';

/** IAM role names: letters, digits and `+=,.@_-`, at most 64 characters. */
export const RoleName = z
  .string()
  .regex(/^[A-Za-z0-9+=,.@_-]{1,64}$/, 'must be an IAM role name: letters, digits and +=,.@_- (at most 64)');

/** The role AWS Backup restores a drill copy with, when the configuration names none. */
export const DEFAULT_DRILL_RESTORE_ROLE_NAME = 'lz-operations-drill-restore';

/** An IAM principal ARN, or a pattern with * and ? (matched with ArnLike on aws:PrincipalArn). */
export const PrincipalArnPattern = z
  .string()
  .regex(
    /^arn:aws(?:-[a-z]+)*:(?:iam|sts)::\d{12}:[A-Za-z0-9+=,.@_/*?-]+$/,
    'must be an IAM or STS principal ARN (wildcards * and ? allowed), e.g. arn:aws:iam::777777777777:role/security-responder',
  )
  .meta({ description: 'An IAM principal ARN, or a pattern with * and ? (matched with ArnLike).' });

/**
 * The operations roles the CDK app creates in each account the `lz ops` commands read, and who may
 * assume them. Omit it and no operations role is deployed.
 */
export const OperationsSchema = z.strictObject({
  trustedAccount: z
    .string()
    .regex(/^\d{12}$/, 'must be a 12-digit AWS account id written as a quoted string')
    .meta({
      description:
        'The dedicated delivery/tooling account (role delivery or security) whose named principals (trustedPrincipalArns) may assume the operations roles.',
    }),
  trustedPrincipalArns: z.array(PrincipalArnPattern).min(1).meta({
    description:
      "The principals of trustedAccount that may assume the roles (aws:PrincipalArn, ArnLike), e.g. the rota's Identity Center permission set role. The whole account is never trusted.",
  }),
  roleName: RoleName.default('lz-operations-read-only').meta({
    description: 'The read-only role: the name `lz ops <command> --assume-role` is given.',
  }),
  drillRoleName: RoleName.default('lz-operations-restore-drill').meta({
    description: 'The restore-drill role, able to change only resources the drill creates and tags.',
  }),
  drillRestoreRoleName: RoleName.default(DEFAULT_DRILL_RESTORE_ROLE_NAME).meta({
    description:
      'The role AWS Backup restores a drill copy with (passed by the drill role): it can create only <prefix>-drill-* instances.',
  }),
});
export type OperationsConfig = z.infer<typeof OperationsSchema>;
