// Hover content: a schedule's description and next runs, a system job's definition,
// and durations in seconds shown in days.
import type { Hover, MarkupContent } from 'vscode-languageserver';
import { MarkupKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, formatRun, nextRuns } from '../../cron';
import type { Schedule } from '../../cron/types';
import type { Analysis } from '../analysis/analyze';
import type { Finding } from '../analysis/findings';
import type { OffsetRange } from '../config/model';
import { findSystemJob, UNSCHEDULED_JOB_IDS } from '../config/systemJobs';
import { fieldAt } from '../textproto/locate';
import { containsOffset, toRange } from './positions';

const NEXT_RUN_COUNT = 5;
const SECONDS_PER_DAY = 86_400;

/** Fields whose value is a duration in seconds, shown in days on hover. */
const DURATION_FIELDS = new Map([
  ['logs_retention_sec', 'Logs older than this are deleted by the Logs Cleanup job.'],
  ['refresh_token_ttl_sec', 'Lifetime of refresh tokens.'],
  ['auth_token_ttl_sec', 'Lifetime of auth tokens.'],
]);

export interface HoverContext {
  document: TextDocument;
  analysis: Analysis;
  offset: number;
  timeZone: string;
  now: Date;
}

export function computeHover(context: HoverContext): Hover | null {
  const { analysis, offset } = context;
  for (const call of analysis.jobCalls ?? []) {
    if (containsOffset(call.schedule.range, offset)) {
      return scheduleHover(context, call.schedule.value, call.schedule.range, call.parsed);
    }
  }

  const config = analysis.config;
  if (config === undefined) return null;
  for (const job of config.jobs) {
    const entry = job.entry;
    if (entry.schedule !== undefined && containsOffset(entry.scheduleRange, offset)) {
      const range = entry.scheduleRange as OffsetRange;
      return scheduleHover(context, entry.schedule, range, job.schedule);
    }
    if (entry.id !== undefined && containsOffset(entry.idRange, offset)) {
      return markdown(context, entry.idRange as OffsetRange, jobIdMarkdown(entry.id));
    }
  }
  return durationHover(context);
}

function scheduleHover(
  context: HoverContext,
  text: string,
  range: OffsetRange,
  schedule: Schedule | undefined,
): Hover {
  const lines = [`**Schedule** \`${text}\``, ''];
  const problems = findingsInside(context.analysis.findings, range);
  if (schedule !== undefined) {
    lines.push(describe(schedule), '');
    lines.push(...nextRunsTable(schedule, context.now, context.timeZone));
  }
  if (problems.length > 0) {
    lines.push('');
    for (const problem of problems) lines.push(`- ${problem.severity}: ${problem.message}`);
  }
  return markdown(context, range, lines.join('\n'));
}

interface CachedTable {
  lines: string[];
  /** The table stays correct until the first run it lists has passed. */
  validUntil: number;
}

/** Tables of next runs by time zone and schedule text; hovering one place again is common. */
const tables = new Map<string, CachedTable>();
const MAX_CACHED_TABLES = 500;
/** Reuse of a table for a schedule that never fires again, which cannot change sooner. */
const NEVER_FIRES_TTL_MS = 60_000;

function nextRunsTable(schedule: Schedule, now: Date, timeZone: string): string[] {
  const key = `${timeZone}\u0000${schedule.source}`;
  const cached = tables.get(key);
  if (cached !== undefined && now.getTime() < cached.validUntil) return cached.lines;

  const runs = nextRuns(schedule, now, NEXT_RUN_COUNT);
  const lines =
    runs.length === 0
      ? ['No run after now: this schedule never fires again.']
      : [
          `| Next runs (UTC) | Local (${timeZone}) |`,
          '|---|---|',
          ...runs.map((run) => `| ${formatRun(run, 'UTC')} | ${formatRun(run, timeZone)} |`),
        ];
  const validUntil = runs[0]?.getTime() ?? now.getTime() + NEVER_FIRES_TTL_MS;
  // Map keeps insertion order, so the first key is the oldest table.
  if (tables.size >= MAX_CACHED_TABLES) tables.delete(tables.keys().next().value as string);
  tables.set(key, { lines, validUntil });
  return lines;
}

function jobIdMarkdown(id: number): string {
  const job = findSystemJob(id);
  if (job === undefined) {
    const name = UNSCHEDULED_JOB_IDS.get(id);
    return name === undefined
      ? `**Unknown system job ${id}**: TrailBase has no system job with this id.`
      : `**${name}** (${id}): defined in TrailBase's SystemJobId, but no job runs for it.`;
  }
  const state = job.enabledByDefault ? 'enabled' : 'disabled';
  return [
    `**${job.name}** (system job ${job.id}, \`${job.enumName}\`)`,
    '',
    job.summary,
    '',
    `Default: \`${job.defaultSchedule}\`, ${state}.`,
  ].join('\n');
}

function durationHover(context: HoverContext): Hover | null {
  const document = context.analysis.config?.read.document;
  if (document === undefined) return null;
  const field = fieldAt(document, context.offset);
  const meaning = field === undefined ? undefined : DURATION_FIELDS.get(field.name);
  if (field === undefined || meaning === undefined) return null;
  const value = field.value;
  if (value?.kind !== 'scalar' || value.number === undefined) return null;
  const days = value.number / SECONDS_PER_DAY;
  const dayCount = Number.isInteger(days) ? String(days) : days.toFixed(2);
  const unit = days === 1 ? 'day' : 'days';
  const text = `**${field.name}**: ${value.number} s = ${dayCount} ${unit}\n\n${meaning}`;
  return markdown(context, field.range, text);
}

function findingsInside(findings: Finding[], range: OffsetRange): Finding[] {
  return findings.filter(
    (finding) => finding.range.start >= range.start && finding.range.end <= range.end,
  );
}

function markdown(context: HoverContext, range: OffsetRange, value: string): Hover {
  const contents: MarkupContent = { kind: MarkupKind.Markdown, value };
  return { contents, range: toRange(context.document, range) };
}
