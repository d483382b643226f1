/*
 * The deploy-time function behind ManagedDomainLists, as the inline source Lambda runs (Node.js,
 * CommonJS, the AWS SDK v3 the runtime provides). It lists the region's DNS Firewall domain lists
 * and answers the IDs of the AWS managed ones asked for by name: only lists with a managed owner
 * count, so an account's own list with the same name can never stand in for AWS's. A name the
 * region does not have fails the deployment. It answers CloudFormation itself (no cfn-response
 * module, which newer runtimes no longer provide), and on delete it has nothing to undo.
 *
 * Plain text rather than a compiled function, so the template is the same whatever compiles the
 * TypeScript; test/lib/network/managed-domain-lists.test.ts runs it against a stubbed SDK.
 */
export const MANAGED_DOMAIN_LISTS_HANDLER = `'use strict';
const https = require('node:https');
const { Route53ResolverClient, ListFirewallDomainListsCommand } = require('@aws-sdk/client-route53resolver');

const client = new Route53ResolverClient({});

async function managedListIds(names) {
  const ids = {};
  let token;
  do {
    const page = await client.send(new ListFirewallDomainListsCommand({ MaxResults: 100, NextToken: token }));
    for (const list of page.FirewallDomainLists || []) {
      if (list.ManagedOwnerName && names.includes(list.Name)) {
        ids[list.Name] = list.Id;
      }
    }
    token = page.NextToken;
  } while (token);
  const missing = names.filter((name) => !ids[name]);
  if (missing.length > 0) {
    throw new Error('no AWS managed domain list named ' + missing.join(', ') + ' in this region');
  }
  return ids;
}

function respond(event, status, data, reason) {
  const body = JSON.stringify({
    Status: status,
    Reason: reason || 'see the function log',
    PhysicalResourceId: event.PhysicalResourceId || 'managed-domain-lists',
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: data,
  });
  return new Promise((resolve, reject) => {
    const request = https.request(
      event.ResponseURL,
      { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        response.resume();
        response.on('end', resolve);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

exports.handler = async (event) => {
  try {
    const names = (event.ResourceProperties && event.ResourceProperties.Names) || [];
    const data = event.RequestType === 'Delete' ? {} : await managedListIds(names);
    await respond(event, 'SUCCESS', data);
  } catch (error) {
    console.error(error);
    await respond(event, 'FAILED', {}, String((error && error.message) || error).slice(0, 500));
  }
};
`;
