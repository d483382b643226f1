/*
 * The runbook of every kind of alarm the landing zone builds: a section of docs/operations.md
 * (test/docs/operations-doc.test.ts checks each heading exists) and the first thing to do, which the
 * alarm's description carries so the person on the rota sees it in the notification itself.
 */

export const RUNBOOKS = {
  'database-cpu':
    'Find the busiest queries in Performance Insights; scale the instance class if it is sustained load.',
  'database-memory':
    'Check Performance Insights for memory-heavy queries; a class with more memory may be needed.',
  'database-storage':
    'Check growth in the dashboard; raise the allocated or maximum storage before it fills.',
  'database-connections':
    'Look for a connection leak in the application or a stuck batch; the limit comes from the class.',
  'database-latency': 'Check storage throughput and IOPS in the dashboard and the slow-query log.',
  'database-replica-lag': 'Check the replica for long-running queries and the primary for write bursts.',
  'server-status': 'Check the instance in the EC2 console; stop and start it to move it to healthy hardware.',
  'server-memory': 'Check the processes on the server; a larger instance type may be needed.',
  'server-disk': 'Free space or grow the EBS volume and extend the file system.',
  'server-agent-silent': 'The server sends no metrics: it is stopped, hung or its CloudWatch agent stopped.',
  service: 'One or more signals of this service are in alarm: open its dashboard to see which.',
  'out-of-hours': 'A critical service is in trouble outside the rota hours: follow its service runbook.',
  'nat-port-allocation':
    'Connections to one destination exhaust the NAT gateway ports: find the client in the flow logs.',
  'nat-packet-drops': 'Check the NAT gateway for an AWS event and the egress VPC flow logs.',
  'transit-gateway-drops':
    'Packets with no route or to a blackhole: check the route tables against the segmentation plan.',
  'vpn-load': "The site's traffic nears one tunnel's capacity: see the service report's network section.",
  'vpn-foreign-prefixes':
    "A site's router announces a prefix outside its lanRanges, or the check went quiet: run lz ops vpn-status.",
  'backup-jobs-failed':
    'Open the failed job in AWS Backup for its status message; run an on-demand backup once fixed.',
  'backup-jobs-expired':
    'A job did not start in its window: check the plan window and AWS Backup service health.',
  'backup-copies-failed':
    'Check the copy job message: usually the destination vault policy or the key grant.',
} as const;

export type RunbookKind = keyof typeof RUNBOOKS;

/** The heading anchor of a runbook section in docs/operations.md: `runbook-<kind>`. */
export function runbookAnchor(kind: RunbookKind): string {
  return `runbook-${kind}`;
}

/** The address of a runbook section, from the address of docs/operations.md. */
export function runbookLink(baseUrl: string, kind: RunbookKind): string {
  return `${baseUrl}#${runbookAnchor(kind)}`;
}

/** Who an alarm is about: a workload, or a piece of shared infrastructure and its owner. */
export interface AlarmOwnership {
  /** Workload id, or a name for shared infrastructure (e.g. `landing-zone network`). */
  readonly workload: string;
  /** A readable name of the workload. */
  readonly workloadName: string;
  readonly criticality: string;
  /** Accountable owner (a role). */
  readonly owner: string;
  /** Technical owner (a role). */
  readonly technicalOwner: string;
  /** Address of docs/operations.md; each alarm links to its own section. */
  readonly runbookBaseUrl: string;
}

/** CloudWatch accepts alarm descriptions up to 1024 characters. */
export const MAX_ALARM_DESCRIPTION = 1024;

/**
 * An alarm description that names what happened, the workload, its owners and criticality, what to do
 * first, and the runbook. The runbook link is kept whole: the summary is shortened when it must be.
 */
export function alarmDescription(what: string, ownership: AlarmOwnership, kind: RunbookKind): string {
  const tail =
    ` Workload ${ownership.workload} (${ownership.workloadName}), ${ownership.criticality}; ` +
    `owner ${ownership.owner}, technical owner ${ownership.technicalOwner}. ` +
    `${RUNBOOKS[kind]} Runbook: ${runbookLink(ownership.runbookBaseUrl, kind)}`;
  const room = MAX_ALARM_DESCRIPTION - tail.length;
  const head = what.length <= room ? what : `${what.slice(0, Math.max(0, room - 1))}…`;
  return `${head}${tail}`.slice(0, MAX_ALARM_DESCRIPTION);
}
