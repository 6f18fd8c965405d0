// The commands of the Jobs view and the command palette. Each takes the tree node it was
// invoked on, or `{ configUri, jobId }` from code or a keybinding, and shows a quick pick of
// jobs when run from the palette.
import * as vscode from 'vscode';
import { RunJobCommand, type RunJobCommandArgs } from '../server/protocol';
import {
  HistoryRequest,
  ListJobsRequest,
  StartJobRequest,
  StopJobRequest,
  type JobInfo,
  type RunStatus,
} from '../scheduler/protocol';
import { setJobDisabledInConfig } from './configEdits';
import type { JobsNode } from './jobsTree';
import { revealSchedule } from './revealSchedule';
import { runJobNow } from './runJob';
import type { SidecarRegistry } from './sidecarRegistry';
import type { SidecarSupervisor } from './supervisor';
import { formatDuration, formatUtc } from './timeFormat';

interface JobTarget {
  supervisor: SidecarSupervisor;
  job: JobInfo;
}

const HISTORY_PICK_LIMIT = 100;

const RUN_STATUS_ICONS: Record<RunStatus, string> = {
  running: '$(sync~spin)',
  succeeded: '$(pass)',
  failed: '$(error)',
  'timed-out': '$(watch)',
  interrupted: '$(debug-disconnect)',
};

export function registerCommands(
  registry: SidecarRegistry,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  const withJob =
    (action: (target: JobTarget) => unknown) => async (node?: JobsNode | RunJobCommandArgs) => {
      const target = await resolveJob(registry, node);
      if (target) await action(target);
    };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(RunJobCommand, (args?: RunJobCommandArgs) =>
      runFromCodeLens(registry, args),
    ),
    vscode.commands.registerCommand(
      'trailcron.jobs.run',
      withJob(({ supervisor, job }) => runJobNow(supervisor, job)),
    ),
    vscode.commands.registerCommand(
      'trailcron.jobs.stop',
      withJob((target) => setScheduled(target, false)),
    ),
    vscode.commands.registerCommand(
      'trailcron.jobs.start',
      withJob((target) => setScheduled(target, true)),
    ),
    vscode.commands.registerCommand(
      'trailcron.jobs.goToSchedule',
      withJob(({ supervisor, job }) => revealSchedule(supervisor, job)),
    ),
    vscode.commands.registerCommand(
      'trailcron.jobs.disableInConfig',
      withJob((target) => editConfig(target, true)),
    ),
    vscode.commands.registerCommand(
      'trailcron.jobs.enableInConfig',
      withJob((target) => editConfig(target, false)),
    ),
    vscode.commands.registerCommand('trailcron.jobs.showHistory', withJob(showHistory)),
    vscode.commands.registerCommand('trailcron.jobs.refresh', () => reloadJobs(registry)),
    vscode.commands.registerCommand('trailcron.showLog', () => log.show()),
    vscode.commands.registerCommand('trailcron.restartSidecar', (node?: JobsNode) =>
      node?.kind === 'project' ? node.supervisor.restart() : registry.restartAll(),
    ),
    vscode.commands.registerCommand('trailcron.enableSidecar', enableSidecar),
  );
}

/** Turns the sidecar setting on where it is turned off: in the workspace or for the user. */
async function enableSidecar(): Promise<void> {
  const config = vscode.workspace.getConfiguration('trailcron');
  const inspected = config.inspect<boolean>('sidecar.enabled');
  const target =
    inspected?.workspaceValue === false
      ? vscode.ConfigurationTarget.Workspace
      : vscode.ConfigurationTarget.Global;
  await config.update('sidecar.enabled', true, target);
}

async function runFromCodeLens(registry: SidecarRegistry, args?: RunJobCommandArgs): Promise<void> {
  if (!args) {
    const target = await pickJob(registry);
    if (target) await runJobNow(target.supervisor, target.job);
    return;
  }
  const target = findJob(registry, args);
  if (target) await runJobNow(target.supervisor, target.job);
}

async function resolveJob(
  registry: SidecarRegistry,
  node?: JobsNode | RunJobCommandArgs,
): Promise<JobTarget | undefined> {
  if (node !== undefined && 'configUri' in node) return findJob(registry, node);
  if (node?.kind !== 'job') return pickJob(registry);
  const job = node.supervisor.jobs.get(node.jobId);
  return job ? { supervisor: node.supervisor, job } : undefined;
}

function findJob(registry: SidecarRegistry, args: RunJobCommandArgs): JobTarget | undefined {
  const supervisor = registry.forConfig(args.configUri);
  const job = supervisor?.jobs.get(args.jobId);
  if (supervisor && job) return { supervisor, job };
  void vscode.window.showWarningMessage(
    `Job ${args.jobId} is not known to a running sidecar for ${args.configUri}. ` +
      'Check that the sidecar is on (trailcron.sidecar.enabled) and that the project ' +
      'has a data/ folder.',
  );
  return undefined;
}

async function pickJob(registry: SidecarRegistry): Promise<JobTarget | undefined> {
  const several = registry.all.length > 1;
  const items = registry.all.flatMap((supervisor) =>
    supervisor.jobs.jobs.map((job) => ({
      label: job.name,
      description: several ? `${job.schedule} · ${supervisor.project.label}` : job.schedule,
      target: { supervisor, job },
    })),
  );
  if (items.length === 0) {
    void vscode.window.showInformationMessage(
      'No jobs: no scheduler sidecar is running. Open the Jobs view for details.',
    );
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(items, {
    placeHolder: 'Select a TrailBase job',
  });
  return choice?.target;
}

async function setScheduled({ supervisor, job }: JobTarget, scheduled: boolean): Promise<void> {
  const connection = supervisor.connection;
  if (!connection) return;
  const request = scheduled ? StartJobRequest : StopJobRequest;
  try {
    supervisor.jobs.update(await connection.sendRequest(request, { id: job.id }));
  } catch (error) {
    void vscode.window.showErrorMessage(
      `${scheduled ? 'Starting' : 'Stopping'} ${job.name} failed: ${String(error)}`,
    );
  }
}

async function editConfig({ supervisor, job }: JobTarget, disabled: boolean): Promise<void> {
  const result = await setJobDisabledInConfig(supervisor.project.configUri, job, disabled);
  if (result.kind === 'failed') void vscode.window.showErrorMessage(result.message);
  if (result.kind === 'unchanged') void vscode.window.showInformationMessage(result.reason);
  await supervisor.refreshConfigFlags();
}

async function showHistory({ supervisor, job }: JobTarget): Promise<void> {
  const connection = supervisor.connection;
  if (!connection) return;
  const runs = await connection.sendRequest(HistoryRequest, {
    id: job.id,
    limit: HISTORY_PICK_LIMIT,
  });
  const items = runs.map((run) => ({
    label: `${RUN_STATUS_ICONS[run.status]} ${formatUtc(run.startedAt)} UTC`,
    description: [
      run.status,
      run.durationMs === null ? '' : formatDuration(run.durationMs),
      run.trigger,
    ]
      .filter(Boolean)
      .join(' · '),
    detail: run.error ?? undefined,
  }));
  const placeHolder =
    runs.length === 0 ? `${job.name} has no recorded runs` : `Runs of ${job.name}, newest first`;
  await vscode.window.showQuickPick(items, { placeHolder, matchOnDetail: true });
}

async function reloadJobs(registry: SidecarRegistry): Promise<void> {
  await Promise.all(
    registry.all.map(async (supervisor) => {
      const connection = supervisor.connection;
      if (!connection) return;
      supervisor.jobs.replace(await connection.sendRequest(ListJobsRequest));
      await supervisor.refreshConfigFlags();
    }),
  );
}
