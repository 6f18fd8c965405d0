// Explains why the grammar stopped reading a schedule. The grammar only records where it
// stopped, so these messages look at the text around that point to name the likely mistake.
import { makeDiagnostic, quote, replaceFix, type DiagnosticCode } from './diagnostics';
import { FIELDS } from './fields';
import { isWhitespace, type FieldSyntax } from './syntax';
import type { CronDiagnostic } from './types';

/** Builds the diagnostic for text the grammar could not read at offset `stop`. */
export function syntaxError(text: string, fields: FieldSyntax[], stop: number): CronDiagnostic {
  const codePoint = text.codePointAt(stop);
  const char = codePoint === undefined ? '' : String.fromCodePoint(codePoint);
  const previous = fields[fields.length - 1];
  // A character right after the previous field's last one, with no space, belongs to it.
  const continuesPrevious = previous !== undefined && previous.end === stop;
  const fieldIndex = continuesPrevious ? fields.length - 1 : fields.length;
  const field = FIELDS[fieldIndex]?.name;
  const where = field === undefined ? 'after the year field' : `in the ${field} field`;
  const tokenEnd = endOfToken(text, stop);
  const token = text.slice(stop, tokenEnd);
  const at: At = (code, message, end = tokenEnd, start = stop) =>
    makeDiagnostic({ code, message, start, end, ...(field ? { field } : {}) });

  if (/^\d/.test(token)) {
    const digits = /^\d+/.exec(token)?.[0] ?? token;
    return at('number-too-large', `number ${digits} ${where} is too large`, stop + digits.length);
  }
  if (token.includes('#')) {
    return at(
      'unsupported-special',
      `${quote(token)}: '#' (nth weekday of the month) is not supported`,
    );
  }
  if (char === '?') {
    const message = `'?' is allowed only in day-of-month and day-of-week; use * ${where}`;
    return makeDiagnostic({
      code: 'question-mark-position',
      message,
      start: stop,
      end: stop + 1,
      ...(field ? { field } : {}),
      fixes: [replaceFix('Replace ? with *', stop, stop + 1, '*')],
    });
  }
  if (char === '@') {
    return at('unexpected-character', `a shortcut such as @daily must be the whole schedule`);
  }
  if (char === ',') return listError(text, stop, where, at);
  if (char === '-') return rangeError(text, previous, continuesPrevious, stop, where, at);
  if (char === '/') return stepError(text, previous, continuesPrevious, stop, where, at);
  return at(
    'unexpected-character',
    `unexpected ${describeChar(char)} ${where}; fields use digits, names, * ? , - and /`,
    stop + char.length,
  );
}

type At = (code: DiagnosticCode, message: string, end?: number, start?: number) => CronDiagnostic;

function listError(text: string, stop: number, where: string, at: At): CronDiagnostic {
  const next = nextNonSpace(text, stop + 1);
  const nextChar = text[next];
  if (next > stop + 1 && (nextChar === '*' || nextChar === '?')) {
    const message = `${quote(nextChar)} after ',' must follow it without a space ${where}`;
    return at('unexpected-character', message, next + 1);
  }
  return at('empty-list-item', `empty list item ${where}: a value must follow each ','`, stop + 1);
}

function rangeError(
  text: string,
  previous: FieldSyntax | undefined,
  continuesPrevious: boolean,
  stop: number,
  where: string,
  at: At,
): CronDiagnostic {
  const lastItem = continuesPrevious ? previous?.items[previous.items.length - 1] : undefined;
  if (lastItem === undefined) {
    const message =
      `${quote(endToken(text, stop))} ${where}: ` +
      'a range needs a start, and negative numbers are not allowed';
    return at('incomplete-range', message);
  }
  const end = endOfWord(text, stop + 1);
  const itemText = text.slice(lastItem.start, end);
  const atItem = (code: DiagnosticCode, message: string) => at(code, message, end, lastItem.start);
  if (lastItem.kind === 'range' || lastItem.kind === 'named-range') {
    return atItem('unexpected-character', `${quote(itemText)} ${where}: a range has only one '-'`);
  }
  if (lastItem.kind === 'any' || lastItem.kind === 'all') {
    const message = `${quote(itemText)} ${where}: '${text[lastItem.start]}' cannot start a range`;
    return atItem('unexpected-character', message);
  }
  const after = text[nextNonSpace(text, stop + 1)];
  const startsWithDigit = lastItem.kind === 'point';
  if (after !== undefined && /[0-9A-Za-z]/.test(after)) {
    const endIsDigit = /[0-9]/.test(after);
    if (endIsDigit !== startsWithDigit) {
      const message =
        `${quote(itemText)} ${where}: ` +
        'a range cannot mix a number and a name; use two numbers or two names';
      return atItem('mixed-range', message);
    }
  }
  return atItem('incomplete-range', `${quote(itemText)} ${where}: the range has no end`);
}

function stepError(
  text: string,
  previous: FieldSyntax | undefined,
  continuesPrevious: boolean,
  stop: number,
  where: string,
  at: At,
): CronDiagnostic {
  const lastItem = continuesPrevious ? previous?.items[previous.items.length - 1] : undefined;
  if (lastItem === undefined) {
    return at(
      'missing-step',
      `${quote(endToken(text, stop))} ${where}: a step needs a base such as */5`,
    );
  }
  const end = endOfWord(text, stop + 1);
  const itemText = text.slice(lastItem.start, end);
  const atItem = (code: DiagnosticCode, message: string) => at(code, message, end, lastItem.start);
  if (lastItem.step !== undefined) {
    return atItem(
      'unexpected-character',
      `${quote(itemText)} ${where}: an item takes only one step`,
    );
  }
  if (lastItem.kind === 'named-point') {
    const message =
      `${quote(itemText)} ${where}: ` +
      'a step cannot follow a single name; use a range such as MON-FRI/2 or a number';
    return atItem('named-step', message);
  }
  return atItem('missing-step', `${quote(itemText)} ${where}: a number must follow '/'`);
}

// The end of the value after a separator: optional spaces, then letters or digits.
function endOfWord(text: string, from: number): number {
  let end = nextNonSpace(text, from);
  if (end >= text.length || !/[0-9A-Za-z]/.test(text[end] ?? '')) return from;
  while (/[0-9A-Za-z]/.test(text[end] ?? '')) end++;
  return end;
}

function endOfToken(text: string, start: number): number {
  let end = start;
  while (end < text.length && !isWhitespace(text[end])) end++;
  return Math.max(end, Math.min(start + 1, text.length));
}

function endToken(text: string, start: number): string {
  return text.slice(start, endOfToken(text, start));
}

function nextNonSpace(text: string, from: number): number {
  let position = from;
  while (isWhitespace(text[position])) position++;
  return position;
}

function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code > 32 && code < 127) return `character ${quote(char)}`;
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return `character U+${hex} ${quote(char)}`;
}
