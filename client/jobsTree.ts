// The Jobs view: projects (when there are several), their jobs, and each job's recent runs.
import * as vscode from 'vscode';
import { HistoryRequest, type JobProblem, type RunRecord } from '../scheduler/protocol';
import { createJobItem, createMessageItem, createProblemItem, createRunItem } from './jobItems';
import type { SidecarRegistry } from './sidecarRegistry';
import type { SidecarSupervisor } from './supervisor';
import { formatUntil } from './timeFormat';

export type JobsNode =
  | { kind: 'project'; supervisor: SidecarSupervisor }
  | { kind: 'job'; supervisor: SidecarSupervisor; jobId: number }
  | { kind: 'run'; run: RunRecord }
  | { kind: 'problem'; problem: JobProblem }
  | { kind: 'message'; text: string; icon: string; tooltip?: string };

/** Runs listed under each job; "Show History" lists more. */
const RUNS_PER_JOB = 10;

export class JobsTreeProvider implements vscode.TreeDataProvider<JobsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<JobsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Runs per job node id, dropped on every change a sidecar reports so a tick never refetches. */
  private readonly history = new Map<string, Promise<RunRecord[]>>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly registry: SidecarRegistry,
    private readonly timeZone: () => string,
  ) {
    this.subscriptions.push(
      registry.onDidChange(() => {
        this.history.clear();
        this.refresh();
      }),
    );
  }

  /** Redraws the tree from the job state in memory; nothing is requested from the sidecars. */
  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: JobsNode): JobsNode[] | Promise<JobsNode[]> {
    if (!node) return this.rootNodes();
    if (node.kind === 'project') return projectChildren(node.supervisor);
    if (node.kind === 'job') return this.runNodes(node.supervisor, node.jobId);
    return [];
  }

  getTreeItem(node: JobsNode): vscode.TreeItem {
    const nowMs = Date.now();
    switch (node.kind) {
      case 'project':
        return projectItem(node.supervisor, nowMs);
      case 'job':
        return this.jobItem(node, nowMs);
      case 'run':
        return createRunItem(node.run, this.timeZone(), nowMs);
      case 'problem':
        return problemItem(node.problem);
      case 'message':
        return createMessageItem(node.text, node.icon, node.tooltip);
    }
  }

  private rootNodes(): JobsNode[] {
    if (this.registry.viewState() !== 'ok') return [];
    const supervisors = this.registry.all;
    if (supervisors.length === 1) return projectChildren(supervisors[0]!);
    return supervisors.map((supervisor) => ({ kind: 'project', supervisor }));
  }

  private jobItem(node: Extract<JobsNode, { kind: 'job' }>, nowMs: number): vscode.TreeItem {
    const job = node.supervisor.jobs.get(node.jobId);
    if (!job) return createMessageItem('Job no longer exists', 'question');
    return createJobItem({
      job,
      disabledInConfig: node.supervisor.jobs.isDisabledInConfig(job.id),
      id: jobNodeId(node.supervisor, job.id),
      timeZone: this.timeZone(),
      nowMs,
    });
  }

  private async runNodes(supervisor: SidecarSupervisor, jobId: number): Promise<JobsNode[]> {
    const connection = supervisor.connection;
    if (!connection) return [];
    const id = jobNodeId(supervisor, jobId);
    let runs = this.history.get(id);
    if (!runs) {
      runs = Promise.resolve(
        connection.sendRequest(HistoryRequest, { id: jobId, limit: RUNS_PER_JOB }),
      );
      this.history.set(id, runs);
    }
    try {
      const records = await runs;
      if (records.length === 0)
        return [{ kind: 'message', text: 'No runs yet', icon: 'circle-outline' }];
      return records.map((run) => ({ kind: 'run', run }));
    } catch (error) {
      this.history.delete(id);
      return [
        { kind: 'message', text: 'History not available', icon: 'warning', tooltip: String(error) },
      ];
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

function projectChildren(supervisor: SidecarSupervisor): JobsNode[] {
  const state = supervisor.state;
  if (state.kind === 'starting')
    return [{ kind: 'message', text: 'Starting sidecar…', icon: 'loading~spin' }];
  if (state.kind === 'stopped')
    return [{ kind: 'message', text: 'Sidecar stopped', icon: 'debug-stop' }];
  if (state.kind === 'restarting') {
    const text = `Sidecar ${state.reason}; restarting ${formatUntil(state.retryAtMs, Date.now())}`;
    return [
      { kind: 'message', text, icon: 'error', tooltip: 'Run "Show Sidecar Log" for details.' },
    ];
  }
  const jobs: JobsNode[] = supervisor.jobs.jobs.map((job) => ({
    kind: 'job',
    supervisor,
    jobId: job.id,
  }));
  const problems: JobsNode[] = supervisor.jobs.problems.map((problem) => ({
    kind: 'problem',
    problem,
  }));
  return [...jobs, ...problems];
}

function projectItem(supervisor: SidecarSupervisor, nowMs: number): vscode.TreeItem {
  const item = new vscode.TreeItem(
    supervisor.project.label,
    vscode.TreeItemCollapsibleState.Expanded,
  );
  item.id = `${supervisor.project.folder.toString()}/project`;
  item.iconPath = new vscode.ThemeIcon('database');
  const state = supervisor.state;
  const next = supervisor.jobs.nextJob();
  if (state.kind === 'running' && next?.next) {
    item.description = `next: ${next.name} ${formatUntil(next.next * 1000, nowMs)}`;
  } else {
    item.description = state.kind;
  }
  item.tooltip = supervisor.project.folder.fsPath;
  item.contextValue = 'project';
  return item;
}

function problemItem(problem: JobProblem): vscode.TreeItem {
  const item = createProblemItem(problem);
  if (problem.source) {
    item.command = {
      command: 'vscode.open',
      title: 'Go to Job',
      arguments: [
        vscode.Uri.file(problem.source.file),
        {
          selection: new vscode.Range(
            problem.source.line,
            problem.source.character,
            problem.source.line,
            problem.source.character,
          ),
        },
      ],
    };
  }
  return item;
}

export function jobNodeId(supervisor: SidecarSupervisor, jobId: number): string {
  return `${supervisor.project.folder.toString()}/job/${jobId}`;
}
