// Tree items of the Jobs view for jobs, runs and problems: label, icon, description and
// tooltip.
import * as vscode from 'vscode';
import { describe as describeSchedule, nextRuns, parse, type Schedule } from '../cron';
import type { JobInfo, JobProblem, RunRecord, RunStatus } from '../scheduler/protocol';
import {
  describeTimeZone,
  formatDuration,
  formatLocal,
  formatUntil,
  formatUtc,
} from './timeFormat';

/** Runs listed in a job's tooltip, the sidecar's next run included. */
const TOOLTIP_RUNS = 3;
const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu']);

export interface JobItemInput {
  job: JobInfo;
  disabledInConfig: boolean;
  /** Tree item id, which stays the same across refreshes so VS Code keeps the expansion. */
  id: string;
  timeZone: string;
  nowMs: number;
}

export function createJobItem(input: JobItemInput): vscode.TreeItem {
  const { job } = input;
  const item = new vscode.TreeItem(job.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = input.id;
  item.iconPath = jobIcon(job);
  item.description = describeJob(job, input.nowMs);
  item.tooltip = jobTooltip(input);
  item.contextValue = jobContext(job, input.disabledInConfig);
  return item;
}

function jobIcon(job: JobInfo): vscode.ThemeIcon {
  if (job.running) return new vscode.ThemeIcon('sync~spin');
  if (job.latest?.[2])
    return new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  if (!job.enabled)
    return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
  return new vscode.ThemeIcon('clock');
}

/** Describes a job with the next run first, so a narrow view still shows it, then the schedule. */
export function describeJob(job: JobInfo, nowMs: number): string {
  if (job.running) return `running · ${job.schedule}`;
  if (!job.enabled) return `stopped · ${job.schedule}`;
  if (job.next === null) return `no next run · ${job.schedule}`;
  return `${formatUntil(job.next * 1000, nowMs)} · ${job.schedule}`;
}

/** Space-separated flags that the `viewItem =~` menu conditions in package.json match. */
function jobContext(job: JobInfo, disabledInConfig: boolean): string {
  const flags = [
    'job',
    job.enabled ? 'scheduled' : 'stopped',
    job.running ? 'running' : 'idle',
    job.kind,
  ];
  if (job.kind === 'system') flags.push(disabledInConfig ? 'configDisabled' : 'configEnabled');
  return flags.join(' ');
}

function jobTooltip(input: JobItemInput): vscode.MarkdownString {
  const { job, timeZone } = input;
  const markdown = new vscode.MarkdownString('', true);
  markdown.appendMarkdown(`**${escape(job.name)}** · ${job.kind} job ${job.id}\n\n`);
  const parsed = parse(job.schedule).schedule;
  const summary = parsed ? ` ${escape(describeSchedule(parsed))}` : '';
  markdown.appendMarkdown(`Schedule \`${job.schedule}\`:${summary}\n\n`);
  appendNextRuns(markdown, job, parsed, timeZone);
  appendLatestRun(markdown, job, timeZone);
  if (input.disabledInConfig) markdown.appendMarkdown('Disabled in config.textproto.\n\n');
  return markdown;
}

/**
 * Appends the sidecar's next run and the runs after it, as the cron module computes them,
 * in UTC and in the chosen zone. The zone column is left out when that zone is UTC.
 */
function appendNextRuns(
  markdown: vscode.MarkdownString,
  job: JobInfo,
  schedule: Schedule | undefined,
  timeZone: string,
): void {
  if (job.next === null) {
    markdown.appendMarkdown(job.enabled ? 'No next run.\n\n' : 'Stopped: no next run.\n\n');
    return;
  }
  const firstMs = job.next * 1000;
  const laterMs = schedule
    ? nextRuns(schedule, new Date(firstMs), TOOLTIP_RUNS - 1).map((run) => run.getTime())
    : [];
  const zone = describeTimeZone(timeZone);
  const showZone = !UTC_ZONES.has(zone);
  markdown.appendMarkdown(
    showZone ? `| Next runs (UTC) | ${zone} |\n|---|---|\n` : '| Next runs (UTC) |\n|---|\n',
  );
  for (const runMs of [firstMs, ...laterMs]) {
    const local = showZone ? ` ${formatLocal(runMs, timeZone)} |` : '';
    markdown.appendMarkdown(`| ${formatUtc(runMs)} |${local}\n`);
  }
  markdown.appendMarkdown('\n');
}

function appendLatestRun(markdown: vscode.MarkdownString, job: JobInfo, timeZone: string): void {
  if (!job.latest) {
    markdown.appendMarkdown('Not run since the sidecar started.\n\n');
    return;
  }
  const [startSeconds, durationMs, error] = job.latest;
  const startMs = startSeconds * 1000;
  const result = error ? '$(error) failed' : '$(pass) succeeded';
  markdown.appendMarkdown(
    `Last run ${result} in ${formatDuration(durationMs)}, started ${formatUtc(startMs)} UTC ` +
      `(${formatLocal(startMs, timeZone)})\n\n`,
  );
  if (error) markdown.appendCodeblock(error, 'text');
}

export function createRunItem(run: RunRecord, timeZone: string): vscode.TreeItem {
  const item = new vscode.TreeItem(formatLocal(run.startedAt, timeZone, false));
  item.iconPath = runIcon(run.status);
  const duration = run.durationMs === null ? '' : ` · ${formatDuration(run.durationMs)}`;
  item.description = `${run.status}${duration} · ${run.trigger}`;
  const tooltip = new vscode.MarkdownString('', true);
  tooltip.appendMarkdown(`Run ${run.runId} of **${escape(run.jobName)}**: ${run.status}\n\n`);
  const started = `${formatUtc(run.startedAt)} UTC (${formatLocal(run.startedAt, timeZone)})`;
  tooltip.appendMarkdown(`Started ${started}\n\n`);
  if (run.error) tooltip.appendCodeblock(run.error, 'text');
  item.tooltip = tooltip;
  item.contextValue = 'run';
  return item;
}

function runIcon(status: RunStatus): vscode.ThemeIcon {
  switch (status) {
    case 'running':
      return new vscode.ThemeIcon('sync~spin');
    case 'succeeded':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'failed':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
    case 'timed-out':
      return new vscode.ThemeIcon('watch', new vscode.ThemeColor('testing.iconFailed'));
    case 'interrupted':
      return new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('testing.iconSkipped'));
  }
}

export function createProblemItem(problem: JobProblem): vscode.TreeItem {
  const item = new vscode.TreeItem(problem.name);
  item.iconPath = new vscode.ThemeIcon(
    'warning',
    new vscode.ThemeColor('problemsWarningIcon.foreground'),
  );
  item.description = summarizeProblem(problem.message);
  item.tooltip = problem.message;
  item.contextValue = 'problem';
  if (problem.source !== undefined) {
    const { file, line, character } = problem.source;
    const position = new vscode.Position(line, character);
    item.command = {
      title: 'Go to Problem',
      command: 'vscode.open',
      arguments: [vscode.Uri.file(file), { selection: new vscode.Range(position, position) }],
    };
  }
  return item;
}

const PROBLEM_SUMMARY_LENGTH = 60;

// The row shows the first clause of the message ("Duplicate job definition for 'Heartbeat'"),
// so a skipped duplicate does not read like a second job. The tooltip has the whole text.
function summarizeProblem(message: string): string {
  const clause = message.split(/[:;]\s/)[0] ?? message;
  if (clause.length <= PROBLEM_SUMMARY_LENGTH) return clause;
  return `${clause.slice(0, PROBLEM_SUMMARY_LENGTH - 1)}…`;
}

export function createMessageItem(text: string, icon: string, tooltip?: string): vscode.TreeItem {
  const item = new vscode.TreeItem(text);
  item.iconPath = new vscode.ThemeIcon(icon);
  item.tooltip = tooltip;
  item.contextValue = 'message';
  return item;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
