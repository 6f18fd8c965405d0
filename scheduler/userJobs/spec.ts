// The check TrailBase's TypeScript `JobHandler` applies to a spec when it is constructed:
// one of five shortcuts, or six or seven space-separated fields with seconds first.
import { parse, type CronFix } from '../../cron';

const GUEST_SHORTCUTS = new Set(['@hourly', '@daily', '@weekly', '@monthly', '@yearly']);

/** Returns why TrailBase's guest package would reject `spec`, or undefined. */
export function checkGuestSpec(spec: string): string | undefined {
  if (GUEST_SHORTCUTS.has(spec)) return undefined;

  const fields = spec.trim().split(' ');
  if (fields.length === 6 || fields.length === 7) return undefined;

  // The cron module's fix also renumbers a Unix day-of-week (Monday 1) to TrailBase's
  // (Monday 2), so the suggestion keeps the days the author meant.
  const fix = parse(spec).diagnostics.find((diagnostic) => diagnostic.code === 'unix-five-fields')
    ?.fixes[0];
  const hint =
    fix !== undefined
      ? `, a Unix crontab line. ${fix.title}: '${applyFix(spec, fix)}'`
      : '; use 6 or 7 fields (seconds first) or @hourly, @daily, @weekly, @monthly, @yearly';
  return `invalid job spec '${spec}': ${fields.length} fields${hint}`;
}

function applyFix(text: string, fix: CronFix): string {
  const edits = [...fix.edits].sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of edits) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return result;
}
