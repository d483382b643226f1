/*
 * The CloudWatch agent configuration of a server MGN launches: memory in use and disk space, with the
 * workload and host name as dimensions (no instance id, which exists only after launch), so the
 * alarms and the service report can name the series at synth time. Published as an SSM parameter
 * (cloudWatchAgentParameterName) that the `AmazonCloudWatch-ManageAgent` post-launch action loads.
 */

/** The namespace the agent publishes to. */
export const AGENT_NAMESPACE = 'CWAgent';
/** Memory in use, percent (Linux mem_used_percent; Windows "% Committed Bytes In Use" renamed to it). */
export const AGENT_MEMORY_METRIC = 'mem_used_percent';
/** Linux: used space of each file system, percent. */
export const AGENT_DISK_USED_METRIC = 'disk_used_percent';
/** Windows: free space of each logical disk, percent ("% Free Space" renamed). */
export const AGENT_DISK_FREE_METRIC = 'disk_free_percent';
/** Seconds between samples: one a minute, so an hour of a running server has 60. */
export const AGENT_INTERVAL_SECONDS = 60;

export type ServerPlatform = 'linux' | 'windows';

/** The dimensions of a server's memory metric, exactly as the agent publishes them. */
export function agentMemoryDimensions(
  platform: ServerPlatform,
  workload: string,
  hostname: string,
): Record<string, string> {
  // The Windows agent adds the performance-counter object's name to every metric.
  return platform === 'windows'
    ? { objectname: 'Memory', server: hostname, workload }
    : { server: hostname, workload };
}

/** The agent's JSON configuration for one server. */
export function cloudWatchAgentConfig(platform: ServerPlatform, workload: string, hostname: string): object {
  const dimensions = { workload, server: hostname };
  const collected =
    platform === 'windows'
      ? {
          Memory: {
            measurement: [{ name: '% Committed Bytes In Use', rename: AGENT_MEMORY_METRIC, unit: 'Percent' }],
            append_dimensions: dimensions,
          },
          LogicalDisk: {
            measurement: [{ name: '% Free Space', rename: AGENT_DISK_FREE_METRIC, unit: 'Percent' }],
            resources: ['*'],
            append_dimensions: dimensions,
          },
        }
      : {
          mem: { measurement: ['used_percent'], append_dimensions: dimensions },
          disk: {
            measurement: ['used_percent'],
            resources: ['*'],
            drop_device: true,
            ignore_file_system_types: ['devtmpfs', 'overlay', 'squashfs', 'sysfs', 'tmpfs'],
            append_dimensions: dimensions,
          },
        };
  return {
    agent: { metrics_collection_interval: AGENT_INTERVAL_SECONDS, omit_hostname: true },
    metrics: { namespace: AGENT_NAMESPACE, metrics_collected: collected },
  };
}
