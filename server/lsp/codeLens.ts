// Code lenses above each system_jobs entry: when the job runs next and "Run now", or why
// TrailBase registers no job for the entry.
// Titles depend on the clock, so lenses are created without a title and resolved when
// shown, and the client is asked to refresh them when the earliest next run passes.
import type { CodeLens, Command } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatRelative, formatRun, nextRun } from '../../cron';
import type { Schedule } from '../../cron/types';
import type { Analysis } from '../analysis/analyze';
import { checkScheduleText } from '../analysis/scheduleCache';
import type { CheckedJob } from '../config/checks';
import { findSystemJob, UNSCHEDULED_JOB_IDS } from '../config/systemJobs';
import { RunJobCommand, type RunJobCommandArgs } from '../protocol';

export interface NextRunLensData {
  kind: 'next-run';
  schedule?: string;
  disabled: boolean;
  ignored: boolean;
}

export function computeCodeLenses(
  document: TextDocument,
  analysis: Analysis,
  configUri: string,
): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const job of analysis.config?.jobs ?? []) {
    const entry = job.entry;
    const line = document.positionAt(entry.range.start).line;
    const range = { start: { line, character: 0 }, end: { line, character: 0 } };
    const notJob = notJobReason(job);
    if (notJob !== undefined) {
      lenses.push({ range, command: { title: `not a TrailBase job: ${notJob}`, command: '' } });
      continue;
    }

    const data: NextRunLensData = {
      kind: 'next-run',
      schedule: job.schedule === undefined ? undefined : entry.schedule,
      disabled: entry.disabled === true,
      ignored: !job.effective,
    };
    lenses.push({ range, data });
    if (entry.id !== undefined && job.effective) {
      const args: RunJobCommandArgs = { configUri, jobId: entry.id };
      lenses.push({
        range,
        command: { title: 'Run now', command: RunJobCommand, arguments: [args] },
      });
    }
  }
  return lenses;
}

/** Returns why TrailBase registers no job for an entry, or undefined when it registers one. */
function notJobReason(job: CheckedJob): string | undefined {
  const { id, idText } = job.entry;
  if (idText === undefined) return 'the id is missing';
  if (id === undefined) return `unknown id '${idText}'`;
  if (findSystemJob(id) !== undefined) return undefined;
  if (UNSCHEDULED_JOB_IDS.has(id) && id !== 0) return `TrailBase does not schedule id ${id}`;
  return `unknown id ${id}`;
}

/** Fills in the title of a next-run lens at the current time. */
export function resolveCodeLens(lens: CodeLens, now: Date): CodeLens {
  const data = lens.data as NextRunLensData | undefined;
  if (data?.kind !== 'next-run') return lens;
  lens.command = { title: nextRunTitle(data, now), command: '' } satisfies Command;
  return lens;
}

function nextRunTitle(data: NextRunLensData, now: Date): string {
  if (data.ignored) return 'ignored: an earlier entry has the same id';
  if (data.disabled) return 'disabled';
  if (data.schedule === undefined) return 'not scheduled: the schedule is missing or invalid';
  const schedule = checkScheduleText(data.schedule, now).result.schedule;
  const next = schedule === undefined ? undefined : nextRun(schedule, now);
  if (next === undefined) return 'never runs again';
  const at = formatRun(next, 'UTC').replace(/:00 UTC$/, ' UTC');
  return `next run ${formatRelative(next, now)} (${at})`;
}

/** Returns the earliest next run among the enabled, valid jobs, to time a refresh. */
export function earliestNextRun(jobs: readonly CheckedJob[], now: Date): Date | undefined {
  let earliest: Date | undefined;
  for (const job of jobs) {
    if (!job.effective || job.entry.disabled === true || job.schedule === undefined) continue;
    if (notJobReason(job) !== undefined) continue;
    const next = nextRun(job.schedule as Schedule, now);
    if (next !== undefined && (earliest === undefined || next < earliest)) earliest = next;
  }
  return earliest;
}
