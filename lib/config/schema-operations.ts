import { z } from 'zod';

/** IAM role names: letters, digits and `+=,.@_-`, at most 64 characters. */
export const RoleName = z
  .string()
  .regex(/^[A-Za-z0-9+=,.@_-]{1,64}$/, 'must be an IAM role name: letters, digits and +=,.@_- (at most 64)');

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
        "The account whose principals (as that account's own IAM policies allow) may assume the operations roles, e.g. the tooling or CI account.",
    }),
  roleName: RoleName.default('lz-operations-read-only').meta({
    description: 'The read-only role: the name `lz ops <command> --assume-role` is given.',
  }),
  drillRoleName: RoleName.default('lz-operations-restore-drill').meta({
    description: 'The restore-drill role, able to change only resources the drill creates and tags.',
  }),
});
export type OperationsConfig = z.infer<typeof OperationsSchema>;
