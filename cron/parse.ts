// Parses a schedule: a shortcut, or 6 or 7 fields. It accepts what the Rust `cron` crate 0.17
// accepts (test/cron/vectors.test.ts checks cases recorded from the crate) and never throws:
// every problem becomes a diagnostic with a range.
import { makeDiagnostic, quote, replaceFix } from './diagnostics';
import { evaluateField } from './evaluate';
import { FIELDS, MAX_YEAR, MIN_YEAR, UNIX_DAY_OF_WEEK } from './fields';
import { isWhitespace, readFields, type FieldSyntax } from './syntax';
import { syntaxError } from './syntaxErrors';
import type { CronDiagnostic, CronFix, ParseResult, Schedule } from './types';

type Fields = Omit<Schedule, 'source' | 'shortcut'>;

const everyHour = range(0, 23);
const everyDay = range(1, 31);
const everyMonth = range(1, 12);
const everyWeekday = range(1, 7);

// Expansions from the crate's src/parsing.rs; `@weekly` is Sunday 00:00:00.
const SHORTCUTS: ReadonlyMap<string, Fields> = new Map([
  ['@yearly', fixedTime({ daysOfMonth: [1], months: [1] })],
  ['@monthly', fixedTime({ daysOfMonth: [1] })],
  ['@weekly', fixedTime({ daysOfWeek: [1] })],
  ['@daily', fixedTime({})],
  ['@hourly', { ...fixedTime({}), hours: everyHour }],
]);

const SHORTCUT_REPLACEMENTS: ReadonlyMap<string, string> = new Map([
  ['@annually', '@yearly'],
  ['@midnight', '@daily'],
]);

export function parse(text: string): ParseResult {
  const source = typeof text === 'string' ? text : String(text);
  let begin = 0;
  while (isWhitespace(source[begin])) begin++;
  if (begin === source.length) {
    const message =
      'the schedule is empty; write 6 or 7 fields ' +
      '(second minute hour day-of-month month day-of-week [year]) or a shortcut such as @daily';
    return {
      diagnostics: [
        makeDiagnostic({ code: 'empty-schedule', message, start: 0, end: source.length }),
      ],
    };
  }
  if (source[begin] === '@') return parseShortcut(source, begin);
  return parseFields(source);
}

function parseShortcut(source: string, begin: number): ParseResult {
  let wordEnd = begin;
  while (wordEnd < source.length && !isWhitespace(source[wordEnd])) wordEnd++;
  const word = source.slice(begin, wordEnd);
  let restStart = wordEnd;
  while (isWhitespace(source[restStart])) restStart++;
  let restEnd = source.length;
  while (restEnd > restStart && isWhitespace(source[restEnd - 1])) restEnd--;

  const fields = SHORTCUTS.get(word);
  if (fields !== undefined) {
    if (restStart === restEnd) {
      return { schedule: { source, shortcut: word, ...fields }, diagnostics: [] };
    }
    const extra = quote(source.slice(restStart, restEnd));
    const message = `${word} must be the whole schedule; remove ${extra}`;
    const fixes = [replaceFix('Remove the extra text', wordEnd, restEnd, '')];
    const diagnostic = { code: 'shortcut-extra-text' as const, message, fixes };
    return { diagnostics: [makeDiagnostic({ ...diagnostic, start: restStart, end: restEnd })] };
  }
  return { diagnostics: [shortcutDiagnostic(word, begin, wordEnd)] };
}

function shortcutDiagnostic(word: string, start: number, end: number): CronDiagnostic {
  const lower = word.toLowerCase();
  const known = [...SHORTCUTS.keys()].join(', ');
  if (SHORTCUTS.has(lower)) {
    const message = `shortcuts are lower case: write ${lower}, not ${word}`;
    const fixes = [replaceFix(`Use ${lower}`, start, end, lower)];
    return makeDiagnostic({ code: 'shortcut-case', message, start, end, fixes });
  }
  const replacement = SHORTCUT_REPLACEMENTS.get(lower);
  if (replacement !== undefined) {
    const message =
      `${word} is not supported by TrailBase; ` + `use ${replacement}, which means the same`;
    const fixes = [replaceFix(`Use ${replacement}`, start, end, replacement)];
    return makeDiagnostic({ code: 'unsupported-shortcut', message, start, end, fixes });
  }
  if (lower === '@reboot' || lower === '@every') {
    const message =
      `${word} is not supported by TrailBase; write 6 or 7 fields, ` +
      `for example 0 */5 * * * * for every 5 minutes`;
    return makeDiagnostic({ code: 'unsupported-shortcut', message, start, end });
  }
  const message = `unknown shortcut ${quote(word)}; the shortcuts are ${known}`;
  const guess = [...SHORTCUTS.keys()].find(
    (shortcut) => shortcut.startsWith(lower) || lower.startsWith(shortcut),
  );
  const fixes = guess === undefined ? [] : [replaceFix(`Use ${guess}`, start, end, guess)];
  return makeDiagnostic({ code: 'unknown-shortcut', message, start, end, fixes });
}

function parseFields(source: string): ParseResult {
  const { fields, stop } = readFields(source);
  const diagnostics: CronDiagnostic[] = [];
  if (stop < source.length) {
    diagnostics.push(syntaxError(source, fields, stop));
    // The field that ends where reading stopped is cut short (`Mön` reads as `M`), so its
    // own errors would only repeat the syntax error.
    const complete = fields.filter((field) => field.end !== stop && field.index < FIELDS.length);
    for (const field of complete) {
      const spec = FIELDS[field.index];
      if (spec !== undefined) diagnostics.push(...evaluateField(field, spec).diagnostics);
    }
    return { diagnostics };
  }

  const countProblem = fieldCountDiagnostic(source, fields);
  if (countProblem !== undefined) return { diagnostics: [countProblem] };

  const values: number[][] = [];
  for (const field of fields) {
    const spec = FIELDS[field.index];
    if (spec === undefined) continue;
    const result = evaluateField(field, spec);
    diagnostics.push(...result.diagnostics);
    values.push(result.values);
  }
  if (diagnostics.length > 0) return { diagnostics };

  const [seconds = [], minutes = [], hours = [], daysOfMonth = [], months = []] = values;
  const daysOfWeek = values[5] ?? [];
  const years = values[6] ?? [];
  const everyYear = years.length === MAX_YEAR - MIN_YEAR + 1;
  const schedule: Schedule = {
    source,
    seconds,
    minutes,
    hours,
    daysOfMonth,
    months,
    daysOfWeek,
    years: everyYear ? [] : years,
  };
  return { schedule, diagnostics };
}

function fieldCountDiagnostic(source: string, fields: FieldSyntax[]): CronDiagnostic | undefined {
  const count = fields.length;
  if (count === 6 || count === 7) return undefined;
  const first = fields[0];
  const last = fields[count - 1];
  const start = first?.start ?? 0;
  const end = last?.end ?? source.length;
  const shape = 'second minute hour day-of-month month day-of-week [year]';
  const glued = gluedHint(source, fields);
  if (count === 5 && glued === '') {
    const message =
      `found 5 fields, a Unix crontab line; TrailBase needs 6 or 7 (${shape}). ` +
      `Prepend 0 for the seconds`;
    const fix = unixFix(source, fields);
    const fixes = parse(applyFix(source, fix)).schedule === undefined ? [] : [fix];
    return makeDiagnostic({ code: 'unix-five-fields', message, start, end, fixes });
  }
  if (count <= 5) {
    const fieldsText = count === 1 ? '1 field' : `${count} fields`;
    const message = `found ${fieldsText}; a schedule needs 6 or 7 (${shape})${glued}`;
    return makeDiagnostic({ code: 'too-few-fields', message, start, end });
  }
  const extraStart = fields[7]?.start ?? start;
  const message = `found ${count} fields; a schedule has at most 7 (${shape})${glued}`;
  return makeDiagnostic({ code: 'too-many-fields', message, start: extraStart, end });
}

// Fields need no space between them, so `1e1` reads as the three fields 1, e and 1. Such a
// word, with letters or digits on both sides of a boundary, explains a surprising count.
function gluedHint(source: string, fields: FieldSyntax[]): string {
  const isAlphanumeric = (char: string | undefined) =>
    char !== undefined && /[0-9A-Za-z]/.test(char);
  for (let index = 1; index < fields.length; index++) {
    const previous = fields[index - 1];
    const field = fields[index];
    if (previous === undefined || field === undefined || previous.end !== field.start) continue;
    if (!isAlphanumeric(source[field.start - 1]) || !isAlphanumeric(source[field.start])) continue;
    let first = index - 1;
    while (first > 0 && fields[first - 1]?.end === fields[first]?.start) first--;
    let last = index;
    while (fields[last + 1] !== undefined && fields[last]?.end === fields[last + 1]?.start) last++;
    const word = source.slice(fields[first]?.start ?? 0, fields[last]?.end ?? 0);
    const count = last - first + 1;
    return `. ${quote(word)} reads as ${count} fields, because fields need no space between them`;
  }
  return '';
}

// Unix crontab numbers weekdays 0-7 with Sunday as 0 or 7; the crate uses 1-7 with Sunday 1.
function unixFix(source: string, fields: FieldSyntax[]): CronFix {
  const start = fields[0]?.start ?? 0;
  const edits = [{ start, end: start, newText: '0 ' }];
  const dayOfWeek = fields[4];
  const renumbered = dayOfWeek === undefined ? undefined : renumberUnixWeekdays(dayOfWeek);
  if (dayOfWeek !== undefined && renumbered !== undefined) {
    edits.push({ start: dayOfWeek.start, end: dayOfWeek.end, newText: renumbered });
    return { title: 'Prepend 0 for the seconds and renumber day-of-week (1 = Sunday)', edits };
  }
  return { title: 'Prepend 0 for the seconds', edits };
}

function renumberUnixWeekdays(field: FieldSyntax): string | undefined {
  const numeric = field.items.some(
    (item) => item.kind === 'point' || item.kind === 'range' || item.step !== undefined,
  );
  if (!numeric) return undefined;
  const result = evaluateField(field, UNIX_DAY_OF_WEEK);
  if (result.diagnostics.length > 0) return undefined;
  const days = new Set(result.values.map((day) => (day === 7 ? 1 : day + 1)));
  return compactList([...days].sort((a, b) => a - b));
}

function applyFix(source: string, fix: CronFix): string {
  const edits = [...fix.edits].sort((a, b) => b.start - a.start);
  let result = source;
  for (const edit of edits) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return result;
}

/** Writes sorted numbers as a list of ranges: 1,2,3,5 → `1-3,5`. */
export function compactList(values: readonly number[]): string {
  const parts: string[] = [];
  let index = 0;
  while (index < values.length) {
    const first = values[index] ?? 0;
    let last = first;
    while (values[index + 1] === last + 1) {
      index++;
      last++;
    }
    parts.push(first === last ? String(first) : `${first}-${last}`);
    index++;
  }
  return parts.join(',');
}

function fixedTime(overrides: Partial<Fields>): Fields {
  return {
    seconds: [0],
    minutes: [0],
    hours: [0],
    daysOfMonth: everyDay,
    months: everyMonth,
    daysOfWeek: everyWeekday,
    years: [],
    ...overrides,
  };
}

function range(first: number, last: number): number[] {
  const values: number[] = [];
  for (let value = first; value <= last; value++) values.push(value);
  return values;
}
