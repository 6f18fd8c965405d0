// Public types of the schedule language. Offsets are UTF-16 indexes into the schedule
// text exactly as the user wrote it (before trimming), so callers can map them to
// editor ranges by adding the offset of the string's content.

export type FieldName =
  'second' | 'minute' | 'hour' | 'day-of-month' | 'month' | 'day-of-week' | 'year';

export type Severity = 'error' | 'warning' | 'info';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface CronFix {
  title: string;
  edits: TextEdit[];
}

export interface CronDiagnostic {
  /** Stable identifier such as `field-out-of-range`; tests and quick fixes key on it. */
  code: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  field?: FieldName;
  fixes: CronFix[];
}

/** A parsed schedule: the allowed values of each field, as TrailBase's cron crate reads them. */
export interface Schedule {
  source: string;
  /** The shortcut used (`@daily`), if any. */
  shortcut?: string;
  seconds: readonly number[];
  minutes: readonly number[];
  hours: readonly number[];
  daysOfMonth: readonly number[];
  months: readonly number[];
  /** 1 = Sunday … 7 = Saturday, as in the crate. */
  daysOfWeek: readonly number[];
  /** Empty means every year from 1970 to 2100. */
  years: readonly number[];
}

export interface ParseResult {
  /** Present only when there are no errors; warnings may still be present. */
  schedule?: Schedule;
  diagnostics: CronDiagnostic[];
}
