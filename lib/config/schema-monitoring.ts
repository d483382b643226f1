import { z } from 'zod';

/*
 * The optional `monitoring` section: who hears the alarms the landing zone derives from the plan
 * (docs/operations.md, "Alarms"), and where their runbooks are. Thresholds are not configured here:
 * they follow each workload's criticality (lib/monitoring/service-levels.ts) and the rota's hours
 * come from migration-waves/programme.yaml (supportHours).
 */

const EmailAddress = z.email().meta({ description: 'A role mailbox (never a person).' });

export const MonitoringSchema = z
  .strictObject({
    alerts: z
      .strictObject({
        emails: z.array(EmailAddress).min(1).meta({
          description:
            "The support rota's mailboxes: every workload's one page per outage, in each account's alert topic.",
        }),
        outOfHoursEmails: z.array(EmailAddress).min(1).meta({
          description:
            'Who is called outside the rota hours, for critical services only (an on-call mailbox or paging gateway).',
        }),
      })
      .meta({
        description: 'Where alarms go: the rota, and the out-of-hours escalation of critical services.',
      }),
    runbookUrl: z
      .url({ protocol: /^https$/ })
      .optional()
      .meta({
        description:
          'Address of docs/operations.md as the rota reads it; each alarm links to its own runbook section. Default: the file on GitHub from delivery.repository and delivery.branch, else its path in the repository.',
      }),
    vpnLoadAlarmPercent: z.int().min(10).max(100).default(80).meta({
      description:
        "A site's VPN connection alarms when its busier direction carries more than this share of one tunnel's capacity (about 1.25 Gbps) for 15 minutes.",
    }),
  })
  .meta({ description: 'Alarms, dashboards and who they notify (docs/operations.md).' });

export type MonitoringConfig = z.infer<typeof MonitoringSchema>;
