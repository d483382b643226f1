const UNITS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * The start of a look-back window: a duration before `now` (`90m`, `24h`, `7d`) or an ISO 8601
 * timestamp. Returns an error message instead of throwing, so the command can exit cleanly.
 */
export function parseSince(value: string, now: Date): Date | { error: string } {
  const duration = /^(\d+)([mhd])$/.exec(value.trim());
  if (duration) {
    const ms = Number(duration[1]) * (UNITS[duration[2] ?? ''] ?? 0);
    if (ms <= 0) return { error: `--since must be a positive duration, got "${value}"` };
    return new Date(now.getTime() - ms);
  }
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value.trim())) {
    const date = new Date(value.trim());
    if (!Number.isNaN(date.getTime()) && date <= now) return date;
  }
  return {
    error: `--since must be a duration such as 90m, 24h or 7d, or a past ISO 8601 time; got "${value}"`,
  };
}
