import { z } from 'zod';
import { ResourceName } from './schema-primitives';

/*
 * The optional `delivery` section: where the pipeline runs and what it builds. The GitHub Actions
 * path uses the repository and branch (for the OIDC trust policies); the CodePipeline path also
 * needs the CodeConnections connection. The connection is referenced by ARN, never by a token.
 */

export const CONNECTION_ARN_PATTERN =
  /^arn:aws(?:-[a-z]+)*:(?:codeconnections|codestar-connections):[a-z]{2}(?:-[a-z]+)+-\d:\d{12}:connection\/[0-9a-f-]{36}$/;

export const DeliverySchema = z
  .strictObject({
    account: ResourceName.meta({
      description:
        'The tooling or deployment account (by name, from accounts) that runs the CodePipeline and holds the read-only role for pull-request diffs.',
    }),
    repository: z
      .string()
      .regex(
        /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/,
        'must be owner/name, e.g. kestrel-vale/council-landing-zone',
      )
      .meta({ description: 'The GitHub repository, owner/name.' }),
    branch: z
      .string()
      .regex(/^[A-Za-z0-9._/-]+$/, 'must be a branch name such as main')
      .meta({ description: 'The branch that deploys, e.g. main.' }),
    connectionArn: z
      .string()
      .regex(
        CONNECTION_ARN_PATTERN,
        'must be a CodeConnections connection ARN, e.g. arn:aws:codeconnections:eu-west-2:222222222222:connection/<uuid>',
      )
      .optional()
      .meta({
        description:
          'The AWS CodeConnections (formerly CodeStar Connections) connection to GitHub, in the delivery account and home region. Needed only by the CodePipeline.',
      }),
  })
  .meta({
    description:
      'How changes are delivered: the deployment account, repository, branch and source connection.',
  });

export type DeliveryConfig = z.infer<typeof DeliverySchema>;
