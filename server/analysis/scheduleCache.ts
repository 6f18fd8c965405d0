// Parse results and warnings per schedule text. Configs repeat a few schedules many
// times and are analysed after every keystroke, so most lookups hit the cache.
import { parse, scheduleWarnings } from '../../cron';
import type { CronDiagnostic, ParseResult } from '../../cron/types';

export interface CachedSchedule {
  result: ParseResult;
  /** Warnings of a valid schedule at `computedAt`; empty for an invalid one. */
  warnings: CronDiagnostic[];
  computedAt: number;
}

const MAX_ENTRIES = 2000;

/**
 * How long warnings are reused. Only the warnings about past years depend on the clock,
 * and they change when a year of the schedule ends, so a minute of staleness is harmless.
 */
const WARNINGS_TTL_MS = 60_000;

const cache = new Map<string, CachedSchedule>();

export function checkScheduleText(text: string, now: Date): CachedSchedule {
  const cached = cache.get(text);
  if (cached !== undefined && Math.abs(now.getTime() - cached.computedAt) < WARNINGS_TTL_MS) {
    return cached;
  }
  const result = parse(text);
  const warnings = result.schedule === undefined ? [] : scheduleWarnings(result.schedule, now);
  const entry = { result, warnings, computedAt: now.getTime() };
  // Map keeps insertion order, so the first key is the oldest entry.
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(text, entry);
  return entry;
}
