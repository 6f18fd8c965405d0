// Job-level checks of config.textproto: the errors TrailBase raises when it loads the
// config (crates/core/src/config.rs, v0.33), and warnings for entries that load but do
// not do what they seem to.
import type { Schedule } from '../../cron/types';
import type { DocumentFix, Finding } from '../analysis/findings';
import { checkScheduleLiteral } from '../analysis/scheduleString';
import type { ReadConfigResult, SystemJobEntry } from './model';
import { findSystemJob, SYSTEM_JOBS, UNSCHEDULED_JOB_IDS } from './systemJobs';

export interface CheckedJob {
  entry: SystemJobEntry;
  /** Present when the schedule is valid. */
  schedule?: Schedule;
  /** False for a later entry with the same id, which TrailBase ignores. */
  effective: boolean;
}

export interface ConfigCheck {
  findings: Finding[];
  jobs: CheckedJob[];
}

const BACKUP_JOB_ID = 1;

/** Checks a read config; `now` decides warnings such as a schedule that only fired in the past. */
export function checkConfig(read: ReadConfigResult, now: Date, text?: string): ConfigCheck {
  const findings: Finding[] = read.problems.map((problem) => ({
    ...problem,
    fixes: problem.code === 'unknown-enum-value' ? enumNameFixes(read, problem.range) : [],
  }));
  const jobs: CheckedJob[] = [];
  const seen = new Set<number>();

  for (const entry of read.config.systemJobs) {
    const job: CheckedJob = { entry, effective: true };
    jobs.push(job);
    checkRequiredFields(entry, findings);
    job.schedule = checkSchedule(entry, now, findings, text);
    if (entry.id === undefined || entry.idRange === undefined) continue;

    if (seen.has(entry.id)) {
      job.effective = false;
      findings.push(
        warning(
          entry.idRange,
          'duplicate-job',
          `duplicate entry for job ${describeId(entry.id)}; TrailBase uses only the first entry ` +
            'and ignores this one',
        ),
      );
    }
    seen.add(entry.id);
    checkKnownId(entry, entry.id, findings);
    checkBackupOverride(entry, findings);
  }

  findings.sort((a, b) => a.range.start - b.range.start);
  return { findings, jobs };
}

function checkRequiredFields(entry: SystemJobEntry, findings: Finding[]): void {
  if (entry.idText === undefined) {
    findings.push(error(entry, 'missing-id', 'Job is missing id.'));
  } else if (entry.schedule === undefined && entry.scheduleRange === undefined) {
    findings.push(
      error(entry, 'missing-schedule', `Job '${idForMessage(entry)}' is missing schedule.`),
    );
  }
}

function checkSchedule(
  entry: SystemJobEntry,
  now: Date,
  findings: Finding[],
  text: string | undefined,
): Schedule | undefined {
  if (entry.schedule === undefined || entry.scheduleRange === undefined) return undefined;
  const literal = {
    value: entry.schedule,
    range: entry.scheduleRange,
    offsets: entry.scheduleOffsets ?? [],
    source: text?.slice(entry.scheduleRange.start, entry.scheduleRange.end),
  };
  const id = idForMessage(entry);
  const check = checkScheduleLiteral(
    literal,
    now,
    (reason) => `Schedule of job '${id}' not valid cron: ${reason}`,
  );
  findings.push(...check.findings);
  return check.schedule;
}

function checkKnownId(entry: SystemJobEntry, id: number, findings: Finding[]): void {
  const range = entry.idRange;
  if (range === undefined || findSystemJob(id) !== undefined) return;
  const unscheduled = UNSCHEDULED_JOB_IDS.get(id);
  if (id === 7) {
    findings.push(
      warning(
        range,
        'unscheduled-job',
        `job 7 (${unscheduled}) is defined in TrailBase's SystemJobId but TrailBase v0.33 does ` +
          'not schedule it, so this entry has no effect',
      ),
    );
    return;
  }
  const known = SYSTEM_JOBS.map((job) => `${job.id} ${job.name}`).join(', ');
  const subject =
    unscheduled === undefined ? `unknown system job id ${id}` : `${unscheduled} is not a job`;
  findings.push(
    warning(
      range,
      'unknown-job',
      `${subject}; TrailBase ignores this entry. ` + `Known ids: ${known}`,
    ),
  );
}

// An override replaces the whole default entry, and Backup is off only by default,
// so an override that leaves out `disabled` turns Backup on.
function checkBackupOverride(entry: SystemJobEntry, findings: Finding[]): void {
  if (entry.id !== BACKUP_JOB_ID || entry.disabled !== undefined || entry.idRange === undefined) {
    return;
  }
  const at = entry.scheduleRange?.end ?? entry.idRange.end;
  const insert = (value: boolean): DocumentFix => ({
    title: `Add 'disabled: ${value}'`,
    edits: [{ range: { start: at, end: at }, newText: ` disabled: ${value}` }],
  });
  findings.push({
    range: entry.idRange,
    severity: 'warning',
    code: 'backup-enabled-by-override',
    message:
      'this entry turns Backup on (off by default), because an override takes ' +
      "'disabled' only from itself; add 'disabled: true' to keep it off or 'disabled: false' " +
      'to state that it runs',
    fixes: [insert(false), insert(true)],
  });
}

function enumNameFixes(
  read: ReadConfigResult,
  range: { start: number; end: number },
): DocumentFix[] {
  const job = read.config.systemJobs.find((entry) => entry.idRange?.start === range.start);
  const enumName = job?.idText?.replace(/^SYSTEM_JOB_ID_/, '');
  if (job?.id === undefined || enumName === undefined || enumName === job.idText) return [];
  return [{ title: `Replace with ${enumName}`, edits: [{ range, newText: enumName }] }];
}

function idForMessage(entry: SystemJobEntry): string {
  return entry.id === undefined ? (entry.idText ?? '') : String(entry.id);
}

function describeId(id: number): string {
  const job = findSystemJob(id);
  return job === undefined ? String(id) : `${id} (${job.name})`;
}

function error(entry: SystemJobEntry, code: string, message: string): Finding {
  return { range: entry.range, severity: 'error', code, message, fixes: [] };
}

function warning(range: { start: number; end: number }, code: string, message: string): Finding {
  return { range, severity: 'warning', code, message, fixes: [] };
}
