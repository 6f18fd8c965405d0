// Checks one schedule written as a string literal, in config.textproto or in job code,
// and maps the schedule language's diagnostics and fixes back to document offsets.
import type { CronDiagnostic, Schedule } from '../../cron/types';
import type { OffsetRange } from '../config/model';
import type { DocumentFix, Finding } from './findings';
import { checkScheduleText } from './scheduleCache';

export interface ScheduleLiteral {
  /** Decoded value of the literal. */
  value: string;
  /** Range of the literal, quotes included. */
  range: OffsetRange;
  /** Document offset of each character of `value`, plus its end. */
  offsets: number[];
  /** Source text of the literal (`range`), used to find where an escape ends. */
  source?: string;
}

export interface ScheduleCheck {
  schedule?: Schedule;
  findings: Finding[];
}

/** Wraps the message of an error (not a warning) with the context TrailBase adds. */
export type ErrorMessage = (reason: string) => string;

export function checkScheduleLiteral(
  literal: ScheduleLiteral,
  now: Date,
  errorMessage: ErrorMessage = (reason) => reason,
): ScheduleCheck {
  const { result, warnings } = checkScheduleText(literal.value, now);
  const diagnostics = [...result.diagnostics, ...warnings];

  const findings = diagnostics.map((diagnostic) => ({
    range: mapRange(literal, diagnostic.start, diagnostic.end),
    severity: diagnostic.severity,
    code: diagnostic.code,
    message:
      diagnostic.severity === 'error' ? errorMessage(diagnostic.message) : diagnostic.message,
    fixes: mapFixes(literal, diagnostic),
  }));
  return { schedule: result.schedule, findings };
}

/** Maps a range inside the schedule value to the document. */
export function mapRange(literal: ScheduleLiteral, start: number, end: number): OffsetRange {
  const offsets = literal.offsets;
  const last = offsets.length - 1;
  const from = offsets[clamp(start, 0, last)] ?? literal.range.start;
  if (end <= start) return { start: from, end: from };

  // The end follows the last character of the range: the next character's offset when
  // both sit in the same literal, so that a range ending before a joined literal
  // (`"0 0" " *"`) does not cover the quotes between them.
  const lastChar = clamp(end - 1, 0, last);
  const lastOffset = offsets[lastChar] ?? from;
  const next = offsets[lastChar + 1] ?? lastOffset + 1;
  const to = sameLiteral(literal, lastOffset, next) ? next : lastOffset + 1;
  return { start: from, end: Math.max(from, to) };
}

/** Tells whether the text from `offset` up to `next` is one character or one escape. */
function sameLiteral(literal: ScheduleLiteral, offset: number, next: number): boolean {
  if (next - offset <= 1) return true;
  const source = literal.source;
  if (source === undefined) return false;
  const local = offset - literal.range.start;
  if (source[local] !== '\\') return false;
  // After the backslash and the escaped character, a quote means a new literal began.
  return !/["'`]/.test(source.slice(local + 2, next - literal.range.start));
}

// Edits are only offered when the value's characters sit side by side in one literal,
// because an edit across escapes or joined literals could corrupt the string. Edits
// that would need escaping are left out too, so raw strings stay valid.
function mapFixes(literal: ScheduleLiteral, diagnostic: CronDiagnostic): DocumentFix[] {
  if (!isContiguous(literal.offsets)) return [];
  const contentStart = literal.offsets[0] ?? literal.range.start + 1;
  return diagnostic.fixes
    .filter((fix) => fix.edits.every((edit) => !/[\\"'`]/.test(edit.newText)))
    .map((fix) => ({
      title: fix.title,
      edits: fix.edits.map((edit) => ({
        range: { start: contentStart + edit.start, end: contentStart + edit.end },
        newText: edit.newText,
      })),
    }));
}

function isContiguous(offsets: number[]): boolean {
  for (let i = 1; i < offsets.length; i++) {
    if ((offsets[i] as number) - (offsets[i - 1] as number) !== 1) return false;
  }
  return offsets.length > 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
