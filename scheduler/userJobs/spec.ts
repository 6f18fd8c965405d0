// The check TrailBase's TypeScript `JobHandler` applies to a spec when it is constructed:
// one of five shortcuts, or six or seven space-separated fields with seconds first.
const GUEST_SHORTCUTS = new Set(['@hourly', '@daily', '@weekly', '@monthly', '@yearly']);

/** Returns why TrailBase's guest package would reject `spec`, or undefined. */
export function checkGuestSpec(spec: string): string | undefined {
  if (GUEST_SHORTCUTS.has(spec)) return undefined;

  const fields = spec.trim().split(' ');
  if (fields.length === 6 || fields.length === 7) return undefined;

  const hint =
    fields.length === 5
      ? `; add the seconds field first, e.g. '0 ${spec.trim()}'`
      : '; use 6 or 7 fields (seconds first) or @hourly, @daily, @weekly, @monthly, @yearly';
  return `invalid job spec '${spec}': ${fields.length} fields${hint}`;
}
