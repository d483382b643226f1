import { runInNewContext } from 'node:vm';
import { MANAGED_DOMAIN_LISTS_HANDLER } from '../../../lib/network/managed-domain-lists-handler';

interface Page {
  FirewallDomainLists?: { Id: string; Name: string; ManagedOwnerName?: string }[];
  NextToken?: string;
}

/**
 * Runs the inline handler as Lambda would, with the SDK client and the HTTPS response to
 * CloudFormation stubbed: returns what it asked the API for and what it told CloudFormation.
 */
async function invoke(
  pages: Page[],
  event: Record<string, unknown>,
): Promise<{ requests: unknown[]; response: Record<string, unknown> }> {
  const requests: unknown[] = [];
  let body = '';
  class ListFirewallDomainListsCommand {
    constructor(readonly input: unknown) {}
  }
  const modules: Record<string, unknown> = {
    'node:https': {
      request: (_url: string, _options: unknown, onResponse: (r: unknown) => void) => ({
        on: () => undefined,
        end: (text: string) => {
          body = text;
          onResponse({
            resume: () => undefined,
            on: (_e: string, done: () => void) => {
              done();
            },
          });
        },
      }),
    },
    '@aws-sdk/client-route53resolver': {
      ListFirewallDomainListsCommand,
      Route53ResolverClient: class {
        send(command: ListFirewallDomainListsCommand): Promise<Page> {
          requests.push(command.input);
          return Promise.resolve(pages[requests.length - 1] ?? {});
        }
      },
    },
  };
  const exports: { handler?: (e: unknown) => Promise<void> } = {};
  runInNewContext(MANAGED_DOMAIN_LISTS_HANDLER, {
    require: (name: string) => modules[name],
    exports,
    Buffer,
    console: { error: () => undefined },
  });
  await exports.handler?.({
    ResponseURL: 'https://cloudformation-custom-resource-response.example/reply',
    StackId: 'stack',
    RequestId: 'request',
    LogicalResourceId: 'Lookup',
    ...event,
  });
  return { requests, response: JSON.parse(body) as Record<string, unknown> };
}

const create = {
  RequestType: 'Create',
  ResourceProperties: { Names: ['AWSManagedDomainsMalwareDomainList'] },
};

describe('the managed domain list lookup', () => {
  it('answers the ID of each named AWS managed list, reading every page', async () => {
    const { requests, response } = await invoke(
      [
        { FirewallDomainLists: [{ Id: 'rslvr-fdl-own', Name: 'council-blocklist' }], NextToken: 'page-2' },
        {
          FirewallDomainLists: [
            {
              Id: 'rslvr-fdl-aws',
              Name: 'AWSManagedDomainsMalwareDomainList',
              ManagedOwnerName: 'Route 53 Resolver DNS Firewall',
            },
          ],
        },
      ],
      create,
    );
    expect(requests).toEqual([
      { MaxResults: 100, NextToken: undefined },
      { MaxResults: 100, NextToken: 'page-2' },
    ]);
    expect(response).toMatchObject({
      Status: 'SUCCESS',
      RequestId: 'request',
      Data: { AWSManagedDomainsMalwareDomainList: 'rslvr-fdl-aws' },
    });
  });

  it('never takes an account’s own list of the same name for the AWS one, and fails when the region lacks it', async () => {
    const { response } = await invoke(
      [{ FirewallDomainLists: [{ Id: 'rslvr-fdl-own', Name: 'AWSManagedDomainsMalwareDomainList' }] }],
      create,
    );
    expect(response).toMatchObject({
      Status: 'FAILED',
      Reason: 'no AWS managed domain list named AWSManagedDomainsMalwareDomainList in this region',
    });
  });

  it('has nothing to undo on delete', async () => {
    const { requests, response } = await invoke([], {
      ...create,
      RequestType: 'Delete',
      PhysicalResourceId: 'managed-domain-lists',
    });
    expect(requests).toEqual([]);
    expect(response).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'managed-domain-lists',
      Data: {},
    });
  });
});
