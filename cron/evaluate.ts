// Turns the items of one field into the set of values it allows, with the crate's checks
// (src/time_unit/mod.rs): every value in range, ranges not reversed, steps from 1 to the
// field's maximum, names only in month and day-of-week. A step counts from the first value
// of its base: day-of-week `*/2` is 1, 3, 5, 7 and `a/n` means `a-max/n`.
import { makeDiagnostic, quote, replaceFix } from './diagnostics';
import type { FieldSpec } from './fields';
import type { FieldSyntax, Item, Token } from './syntax';
import type { CronDiagnostic } from './types';

export interface FieldValues {
  /** Sorted allowed values; empty when the field has errors. */
  values: number[];
  diagnostics: CronDiagnostic[];
}

export function evaluateField(field: FieldSyntax, spec: FieldSpec): FieldValues {
  const diagnostics: CronDiagnostic[] = [];
  const allowed = new Uint8Array(spec.max + 1);
  for (const item of field.items) {
    const span = evaluateItem(item, spec, diagnostics);
    if (span === undefined) continue;
    for (let value = span.start; value <= span.end; value += span.step) allowed[value] = 1;
  }
  if (diagnostics.length > 0) return { values: [], diagnostics };

  const values: number[] = [];
  for (let value = spec.min; value <= spec.max; value++) {
    if (allowed[value] === 1) values.push(value);
  }
  return { values, diagnostics };
}

/** Values start, start + step, … up to end: every item's base is a contiguous range. */
interface Span {
  start: number;
  end: number;
  step: number;
}

function evaluateItem(item: Item, spec: FieldSpec, diagnostics: CronDiagnostic[]) {
  const errorsBefore = diagnostics.length;
  const step = item.step;
  if (step !== undefined) checkStep(step, spec, diagnostics);

  let base: Span | undefined;
  if (item.kind === 'point' && step !== undefined && item.first !== undefined) {
    // `a/n` runs from a to the field's maximum.
    const start = checkValue(item.first, spec, diagnostics);
    base = start === undefined ? undefined : { start, end: spec.max, step: 1 };
  } else {
    base = baseSpan(item, spec, diagnostics);
  }
  if (base === undefined || diagnostics.length > errorsBefore) return undefined;
  return step === undefined ? base : { ...base, step: step.value };
}

function baseSpan(item: Item, spec: FieldSpec, diagnostics: CronDiagnostic[]): Span | undefined {
  const { first, last } = item;
  const single = (value: number | undefined) =>
    value === undefined ? undefined : { start: value, end: value, step: 1 };
  switch (item.kind) {
    case 'all':
    case 'any':
      return { start: spec.min, end: spec.max, step: 1 };
    case 'point':
      return single(first === undefined ? undefined : checkValue(first, spec, diagnostics));
    case 'named-point':
      return single(first === undefined ? undefined : resolveName(first, spec, diagnostics));
    case 'range':
    case 'named-range': {
      if (first === undefined || last === undefined) return undefined;
      const resolve = item.kind === 'range' ? checkRangeEnd : resolveName;
      const start = resolve(first, spec, diagnostics);
      const end = resolve(last, spec, diagnostics);
      if (start === undefined || end === undefined) return undefined;
      if (start > end) {
        diagnostics.push(reversedRange(item, first, last, spec));
        return undefined;
      }
      return { start, end, step: 1 };
    }
  }
}

function checkStep(step: Token, spec: FieldSpec, diagnostics: CronDiagnostic[]): void {
  const where = { start: step.start, end: step.end, field: spec.name };
  if (step.value === 0) {
    const message = `${spec.name} step 0 is invalid; a step must be at least 1`;
    diagnostics.push(makeDiagnostic({ code: 'step-zero', message, ...where }));
  } else if (step.value > spec.max) {
    const message =
      `${spec.name} step ${step.text} is too large; ` +
      `the ${spec.name} step must be between 1 and ${spec.max}`;
    diagnostics.push(makeDiagnostic({ code: 'step-too-large', message, ...where }));
  }
}

function checkRangeEnd(token: Token, spec: FieldSpec, diagnostics: CronDiagnostic[]) {
  return checkValue(token, spec, diagnostics, true);
}

function checkValue(
  token: Token,
  spec: FieldSpec,
  diagnostics: CronDiagnostic[],
  rangeEnd = false,
): number | undefined {
  const value = token.value;
  if (value >= spec.min && value <= spec.max) return value;

  const where = { start: token.start, end: token.end, field: spec.name };
  if (spec.name === 'day-of-week' && value === 0) {
    const message = `day-of-week 0 is out of range 1-7 (1 = Sunday); use 1 or SUN`;
    const fixes = [replaceFix('Use 1 (Sunday)', token.start, token.end, '1')];
    // A range cannot mix a number and a name, so SUN is offered only for a single value.
    if (!rangeEnd) fixes.push(replaceFix('Use SUN', token.start, token.end, 'SUN'));
    diagnostics.push(makeDiagnostic({ code: 'day-of-week-zero', message, fixes, ...where }));
    return undefined;
  }
  const message = `${spec.name} ${token.text} is out of range ${spec.allowed}`;
  diagnostics.push(makeDiagnostic({ code: 'field-out-of-range', message, ...where }));
  return undefined;
}

// The crate's Quartz-style extensions that it does not support, when they read as names.
const QUARTZ_NAMES = new Set(['l', 'w', 'lw']);

// Quartz's L, W and LW pick days relative to the month's end or to weekends. The crate has
// no such syntax, and no plain field reproduces them in every month, so the advice is
// about the closest pattern and what it fires on.
// NOTE: the tokenizer splits `6L` or `15W` into a number and a name, so the name is checked
// as the next field and gets the advice for a lone L or W.
function quartzSpecialAdvice(lower: string, field: string): string {
  const noSyntax = "is not supported, because TrailBase's cron has no";
  if (lower === 'l' && field === 'day-of-week') {
    return `${noSyntax} last-day syntax. Quartz reads a lone L in day-of-week as Saturday, which is 7 or SAT here.`;
  }
  if (lower === 'l') {
    return (
      `(last day of the month) ${noSyntax} last-day syntax. No schedule fires exactly on ` +
      'the last day of every month. 28-31 fires on each of those days that the month has, ' +
      'and 1 fires on the first day of the next month.'
    );
  }
  if (lower === 'lw') {
    return `(last weekday of the month) ${noSyntax} last-day syntax and no exact equivalent.`;
  }
  if (lower.endsWith('l')) {
    return (
      `(last such weekday of the month) ${noSyntax} last-day syntax and no exact ` +
      'equivalent, because the last seven days of a month start on a different day in ' +
      'months of different lengths.'
    );
  }
  return `(nearest weekday) ${noSyntax} nearest-weekday syntax and no exact equivalent.`;
}

function resolveName(
  token: Token,
  spec: FieldSpec,
  diagnostics: CronDiagnostic[],
): number | undefined {
  const lower = token.text.toLowerCase();
  const where = { start: token.start, end: token.end, field: spec.name };
  if (spec.names === undefined || QUARTZ_NAMES.has(lower)) {
    if (QUARTZ_NAMES.has(lower) || /^\d+[lw]$/.test(lower)) {
      const message = `${quote(token.text)} ${quartzSpecialAdvice(lower, spec.name)}`;
      diagnostics.push(makeDiagnostic({ code: 'unsupported-special', message, ...where }));
    } else {
      const message =
        `the ${spec.name} field accepts numbers only (${spec.allowed}); ` +
        `found ${quote(token.text)}`;
      diagnostics.push(makeDiagnostic({ code: 'names-not-allowed', message, ...where }));
    }
    return undefined;
  }

  const value = spec.names.get(lower);
  if (value !== undefined) return value;
  diagnostics.push(unknownName(token, spec));
  return undefined;
}

function unknownName(token: Token, spec: FieldSpec): CronDiagnostic {
  const lower = token.text.toLowerCase();
  const kind = spec.name === 'month' ? 'month' : 'weekday';
  const examples = spec.name === 'month' ? 'JAN-DEC or January' : 'SUN-SAT or Sunday';
  const message = `${quote(token.text)} is not a ${kind} name; use ${examples}`;
  const fixes = [];
  const suggestion = suggestName(lower, spec.names ?? new Map());
  if (suggestion !== undefined) {
    fixes.push(replaceFix(`Use ${suggestion}`, token.start, token.end, suggestion));
  }
  return makeDiagnostic({
    code: 'unknown-name',
    message,
    start: token.start,
    end: token.end,
    field: spec.name,
    fixes,
  });
}

// Suggests the three-letter name for a misspelled or over-long one: `sept` → SEP,
// `thur` → THU, `mo` → MON, `janu` → JAN.
function suggestName(lower: string, names: ReadonlyMap<string, number>): string | undefined {
  if (lower.length < 2) return undefined;
  for (const name of names.keys()) {
    if (name.length !== 3) continue;
    const fullNames = [...names.keys()].filter((other) => names.get(other) === names.get(name));
    if (fullNames.some((full) => full.startsWith(lower) || lower.startsWith(name))) {
      return name.toUpperCase();
    }
  }
  return undefined;
}

function reversedRange(item: Item, first: Token, last: Token, spec: FieldSpec): CronDiagnostic {
  const named = spec.names !== undefined && item.kind === 'named-range';
  const maxText = named ? matchCase(nameOf(spec, spec.max), first.text) : String(spec.max);
  const minText = named ? matchCase(nameOf(spec, spec.min), last.text) : String(spec.min);
  const isMax = (token: Token) => token.text.toLowerCase() === maxText.toLowerCase();
  const isMin = (token: Token) => token.text.toLowerCase() === minText.toLowerCase();
  const upper = isMax(first) ? first.text : `${first.text}-${maxText}`;
  const lower = isMin(last) ? last.text : `${minText}-${last.text}`;
  const replacement = `${upper},${lower}`;
  const message =
    `${spec.name} range ${first.text}-${last.text} is reversed; ranges cannot wrap around, ` +
    `write ${replacement}`;
  // With a step the two ranges would restart the count, so only a plain range gets a fix.
  const fixes =
    item.step === undefined
      ? [replaceFix(`Replace with ${replacement}`, item.start, item.end, replacement)]
      : [];
  return makeDiagnostic({
    code: 'reversed-range',
    message,
    start: item.start,
    end: item.end,
    field: spec.name,
    fixes,
  });
}

/** Writes `name` in the letter case of `sample`: MON, Mon or mon. */
function matchCase(name: string, sample: string): string {
  if (sample === sample.toUpperCase()) return name.toUpperCase();
  if (sample === sample.toLowerCase()) return name.toLowerCase();
  return name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();
}

function nameOf(spec: FieldSpec, value: number): string {
  for (const [name, named] of spec.names ?? []) {
    if (named === value && name.length === 3) return name.toUpperCase();
  }
  return String(value);
}
