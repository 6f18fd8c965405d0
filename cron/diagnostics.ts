// Diagnostic codes of the schedule language. Codes are stable: the language server's quick
// fixes and the tests key on them, so rename none.
//
// | code                   | severity | meaning                                               |
// |------------------------|----------|-------------------------------------------------------|
// | empty-schedule         | error    | the text is empty or only whitespace                  |
// | unix-five-fields       | error    | 5 fields, Unix crontab style (fix: prepend `0 `)      |
// | too-few-fields         | error    | fewer than 5 fields                                   |
// | too-many-fields        | error    | more than 7 fields                                    |
// | unexpected-character   | error    | a character the grammar cannot read at that point     |
// | empty-list-item        | error    | `1,,2`, `1,` or a list starting with `,`              |
// | incomplete-range       | error    | `MON-` or `-5`: a range without its start or end      |
// | mixed-range            | error    | `4-Thu`: a range of a number and a name               |
// | missing-step           | error    | `5/`: no number after `/`                             |
// | named-step             | error    | `MON/2`: a step on a single name                      |
// | number-too-large       | error    | a number that does not fit in 32 bits                 |
// | field-out-of-range     | error    | a value outside the field's range                     |
// | day-of-week-zero       | error    | day-of-week 0 (fix: `1` or `SUN`)                     |
// | reversed-range         | error    | `22-2`, `FRI-MON` (fix: a list of two ranges)         |
// | step-zero              | error    | `*/0`                                                 |
// | step-too-large         | error    | a step above the field's maximum, such as `*/60`      |
// | names-not-allowed      | error    | a name in a numeric field                             |
// | unknown-name           | error    | `Sept`, `Thur`: not a month or weekday name           |
// | question-mark-position | error    | `?` outside day-of-month and day-of-week              |
// | unsupported-special    | error    | `L`, `W`, `#` (Quartz extensions)                     |
// | unsupported-shortcut   | error    | `@annually`, `@midnight` (fixes), `@reboot`, `@every` |
// | shortcut-case          | error    | `@DAILY` (fix: `@daily`); shortcuts are lower case    |
// | unknown-shortcut       | error    | `@dail`                                               |
// | shortcut-extra-text    | error    | text after a shortcut, such as `@yearly 0`            |
// | never-fires            | warning  | valid, but no time until 2100 matches                 |
// | only-past              | warning  | fires only before now (a past year)                   |
// | every-second           | warning  | fires every second                                    |
// | day-of-month-and-week  | info     | both restricted; they combine with AND, not OR        |
// | day-of-week-seven      | warning  | `7` in day-of-week is Saturday, not Sunday            |
// | spaces-in-field        | warning  | spaces inside a list or range, such as `1 - 5`        |
import type { CronDiagnostic, CronFix, FieldName, Severity } from './types';

export type DiagnosticCode =
  | 'empty-schedule'
  | 'unix-five-fields'
  | 'too-few-fields'
  | 'too-many-fields'
  | 'unexpected-character'
  | 'empty-list-item'
  | 'incomplete-range'
  | 'mixed-range'
  | 'missing-step'
  | 'named-step'
  | 'number-too-large'
  | 'field-out-of-range'
  | 'day-of-week-zero'
  | 'reversed-range'
  | 'step-zero'
  | 'step-too-large'
  | 'names-not-allowed'
  | 'unknown-name'
  | 'question-mark-position'
  | 'unsupported-special'
  | 'unsupported-shortcut'
  | 'shortcut-case'
  | 'unknown-shortcut'
  | 'shortcut-extra-text'
  | 'never-fires'
  | 'only-past'
  | 'every-second'
  | 'day-of-month-and-week'
  | 'day-of-week-seven'
  | 'spaces-in-field';

export interface DiagnosticInit {
  code: DiagnosticCode;
  message: string;
  start: number;
  end: number;
  field?: FieldName;
  fixes?: CronFix[];
  severity?: Severity;
}

export function makeDiagnostic(init: DiagnosticInit): CronDiagnostic {
  const diagnostic: CronDiagnostic = {
    code: init.code,
    severity: init.severity ?? 'error',
    message: init.message,
    start: init.start,
    end: Math.max(init.end, init.start),
    fixes: init.fixes ?? [],
  };
  if (init.field !== undefined) diagnostic.field = init.field;
  return diagnostic;
}

/** Builds a fix that replaces one range of the schedule text. */
export function replaceFix(title: string, start: number, end: number, newText: string): CronFix {
  return { title, edits: [{ start, end, newText }] };
}

/** Quotes user text for a message, showing invisible characters by their escapes. */
export function quote(text: string): string {
  const escaped = JSON.stringify(text).slice(1, -1);
  return `'${escaped}'`;
}
