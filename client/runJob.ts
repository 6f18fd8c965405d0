// Runs a job now through its sidecar, with a progress notification when the run takes
// longer than a second, and reports the result.
import * as vscode from 'vscode';
import { RunJobRequest, type JobInfo, type RunJobResult } from '../scheduler/protocol';
import type { JobsNode } from './jobsTree';
import type { SidecarSupervisor } from './supervisor';
import { formatDuration } from './timeFormat';

const PROGRESS_AFTER_MS = 1000;

export async function runJobNow(supervisor: SidecarSupervisor, job: JobInfo): Promise<void> {
  const connection = supervisor.connection;
  if (!connection) {
    void vscode.window.showWarningMessage(
      `${job.name} cannot run: the sidecar for ${supervisor.project.label} is not running.`,
    );
    return;
  }
  const startedAt = Date.now();
  const request = Promise.resolve(connection.sendRequest(RunJobRequest, { id: job.id }));
  const progressTimer = setTimeout(() => showProgress(job, request), PROGRESS_AFTER_MS);
  try {
    reportResult(supervisor, job, await request, Date.now() - startedAt);
  } catch (error) {
    void vscode.window.showErrorMessage(`Running ${job.name} failed: ${String(error)}`);
  } finally {
    clearTimeout(progressTimer);
  }
}

function showProgress(job: JobInfo, request: Promise<RunJobResult>): void {
  void vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Running ${job.name}…` },
    () => request.catch(() => undefined),
  );
}

function reportResult(
  supervisor: SidecarSupervisor,
  job: JobInfo,
  result: RunJobResult,
  elapsedMs: number,
): void {
  if (result.rejected) {
    void vscode.window.showWarningMessage(`${job.name} did not run: ${result.rejected}`);
    return;
  }
  if (result.error !== null) {
    void showFailure(supervisor, job, result.error, elapsedMs);
    return;
  }
  vscode.window.setStatusBarMessage(
    `$(pass) ${job.name} succeeded in ${formatDuration(elapsedMs)}`,
    5000,
  );
}

async function showFailure(
  supervisor: SidecarSupervisor,
  job: JobInfo,
  error: string,
  elapsedMs: number,
): Promise<void> {
  const choice = await vscode.window.showErrorMessage(
    `${job.name} failed after ${formatDuration(elapsedMs)}: ${error}`,
    'Show History',
    'Show Log',
  );
  if (choice === 'Show History') {
    const node: JobsNode = { kind: 'job', supervisor, jobId: job.id };
    await vscode.commands.executeCommand('trailcron.jobs.showHistory', node);
  }
  if (choice === 'Show Log') await vscode.commands.executeCommand('trailcron.showLog');
}
