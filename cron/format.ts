// Formats run times for people: "2026-12-05 00:00:00 UTC", "2026-12-05 01:00:00 CET
// (Europe/Berlin)", "in 3 h 12 min".

/**
 * Formats `run` in UTC, or in `timeZone` (an IANA name such as Europe/Berlin) with the
 * zone's abbreviation. An unknown zone falls back to UTC.
 */
export function formatRun(run: Date, timeZone?: string): string {
  if (Number.isNaN(run.getTime())) return 'invalid date';
  if (timeZone === undefined || timeZone === 'UTC') {
    return `${run.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  }
  const parts = zonedParts(run, timeZone);
  if (parts === undefined) return formatRun(run);
  return `${parts.date} ${parts.time} ${parts.zoneName} (${timeZone})`;
}

interface ZonedParts {
  date: string;
  time: string;
  zoneName: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zonedParts(run: Date, timeZone: string): ZonedParts | undefined {
  // en-US names only American zones (EST) and writes others as GMT+1; en-GB names the
  // European ones (CET, BST). Take whichever gives a name, else the offset.
  let fallback: ZonedParts | undefined;
  for (const locale of ['en-US', 'en-GB']) {
    const formatter = formatterFor(locale, timeZone);
    if (formatter === undefined) return undefined;
    const parts = Object.fromEntries(
      formatter.formatToParts(run).map((part) => [part.type, part.value]),
    );
    const hour = parts.hour === '24' ? '00' : parts.hour;
    const zoned = {
      date: `${parts.year}-${parts.month}-${parts.day}`,
      time: `${hour}:${parts.minute}:${parts.second}`,
      zoneName: parts.timeZoneName ?? timeZone,
    };
    if (!zoned.zoneName.startsWith('GMT') || zoned.zoneName === 'GMT') return zoned;
    fallback ??= zoned;
  }
  return fallback;
}

function formatterFor(locale: string, timeZone: string): Intl.DateTimeFormat | undefined {
  const key = `${locale}|${timeZone}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat(locale, {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
        timeZoneName: 'short',
      });
    } catch {
      // An unknown zone name raises a RangeError.
      return undefined;
    }
    formatters.set(key, formatter);
  }
  return formatter;
}

/** "in 12 s", "in 5 min 3 s", "in 3 h 12 min", "in 2 d 4 h", "now"; past runs "… ago". */
export function formatRelative(run: Date, now: Date): string {
  const difference = Math.round((run.getTime() - now.getTime()) / 1000);
  if (Number.isNaN(difference)) return 'invalid date';
  if (difference === 0) return 'now';
  const text = formatDuration(Math.abs(difference));
  return difference > 0 ? `in ${text}` : `${text} ago`;
}

function formatDuration(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return rest > 0 ? `${minutes} min ${rest} s` : `${minutes} min`;
  return `${rest} s`;
}
