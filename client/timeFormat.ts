// Formats run times for the Jobs view, the status bar and tooltips. TrailBase schedules
// run in UTC, so every absolute time is shown in UTC first and in the chosen zone second.

/** "in 12 s", "in 5 min", "in 3 h", "in 2 d", or "now" when due within a second. */
export function formatUntil(targetMs: number, nowMs: number): string {
  const seconds = Math.round((targetMs - nowMs) / 1000);
  if (seconds <= 0) return 'now';
  return `in ${formatSpan(seconds)}`;
}

function formatSpan(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}

/** "850 ms", "2.4 s", "3 min 5 s". */
export function formatDuration(durationMs: number): string {
  if (durationMs < 1000) return `${Math.round(durationMs)} ms`;
  if (durationMs < 60_000) return `${(durationMs / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(durationMs / 1000);
  return `${Math.floor(totalSeconds / 60)} min ${totalSeconds % 60} s`;
}

/** "2026-12-04 15:40:17" in UTC. */
export function formatUtc(timeMs: number): string {
  return new Date(timeMs).toISOString().replace('T', ' ').slice(0, 19);
}

/**
 * "2026-12-04 16:40:17 GMT+1" in `timeZone`, or in the machine's zone when empty. An
 * unknown zone name falls back to the machine's zone instead of failing the tooltip.
 */
export function formatLocal(timeMs: number, timeZone: string, withZoneName = true): string {
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: withZoneName ? 'short' : undefined,
  };
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', { ...options, timeZone: timeZone || undefined });
  } catch {
    format = new Intl.DateTimeFormat('en-CA', options);
  }
  return format.format(new Date(timeMs)).replace(',', '');
}

/** Returns the zone name shown in headers: the setting, or the machine's zone. */
export function describeTimeZone(timeZone: string): string {
  if (timeZone && isValidTimeZone(timeZone)) return timeZone;
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
