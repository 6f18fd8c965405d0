// The Jobs view: projects (when there are several), their jobs, and each job's recent runs.
import * as vscode from 'vscode';
import { HistoryRequest, type JobProblem, type RunRecord } from '../scheduler/protocol';
import {
  createJobItem,
  createMessageItem,
  createProblemItem,
  createRunItem,
  describeJob,
} from './jobItems';
import type { SidecarRegistry } from './sidecarRegistry';
import type { SidecarSupervisor } from './supervisor';
import { formatUntil } from './timeFormat';

export type JobsNode =
  | { kind: 'project'; supervisor: SidecarSupervisor }
  | { kind: 'job'; supervisor: SidecarSupervisor; jobId: number }
  | { kind: 'run'; run: RunRecord }
  | { kind: 'problem'; problem: JobProblem }
  | { kind: 'message'; text: string; icon: string; tooltip?: string };

type ProjectNode = Extract<JobsNode, { kind: 'project' }>;
type JobNode = Extract<JobsNode, { kind: 'job' }>;

/** Runs listed under each job. "Show History" lists more. */
const RUNS_PER_JOB = 10;

export class JobsTreeProvider implements vscode.TreeDataProvider<JobsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<JobsNode | JobsNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /**
   * Project and job nodes by tree item id. VS Code matches a node in a change event by
   * object identity, so the same object is returned on every call.
   */
  private readonly nodes = new Map<string, ProjectNode | JobNode>();
  /** Description last shown per project and job node, so a tick redraws only changed ones. */
  private readonly shown = new Map<JobsNode, string>();
  /** Runs per job node id, dropped on every change a sidecar reports so a tick never refetches. */
  private readonly history = new Map<string, Promise<RunRecord[]>>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly registry: SidecarRegistry,
    private readonly timeZone: () => string,
  ) {
    this.subscription = registry.onDidChange(() => this.refresh());
  }

  /** Redraws the whole tree and fetches the history of expanded jobs again. */
  refresh(): void {
    this.history.clear();
    this.shown.clear();
    this.changed.fire(undefined);
  }

  /** Redraws the nodes whose countdown text changed, without requests to the sidecars. */
  tick(): void {
    const nowMs = Date.now();
    const stale = [...this.shown].filter(([node, text]) => this.describe(node, nowMs) !== text);
    if (stale.length > 0) this.changed.fire(stale.map(([node]) => node));
  }

  getChildren(node?: JobsNode): JobsNode[] | Promise<JobsNode[]> {
    if (!node) return this.rootNodes();
    if (node.kind === 'project') return this.projectChildren(node.supervisor);
    if (node.kind === 'job') return this.runNodes(node.supervisor, node.jobId);
    return [];
  }

  getTreeItem(node: JobsNode): vscode.TreeItem {
    const item = this.createItem(node, Date.now());
    if (node.kind === 'project' || node.kind === 'job') {
      this.shown.set(node, String(item.description ?? ''));
    }
    return item;
  }

  private createItem(node: JobsNode, nowMs: number): vscode.TreeItem {
    switch (node.kind) {
      case 'project':
        return projectItem(node.supervisor, nowMs);
      case 'job':
        return this.jobItem(node, nowMs);
      case 'run':
        return createRunItem(node.run, this.timeZone());
      case 'problem':
        return problemItem(node.problem);
      case 'message':
        return createMessageItem(node.text, node.icon, node.tooltip);
    }
  }

  /** Returns the description alone, without building tooltips, for the check each tick. */
  private describe(node: JobsNode, nowMs: number): string {
    if (node.kind === 'job') {
      const job = node.supervisor.jobs.get(node.jobId);
      return job ? describeJob(job, nowMs) : '';
    }
    return String(this.createItem(node, nowMs).description ?? '');
  }

  private rootNodes(): JobsNode[] {
    if (this.registry.viewState() !== 'ok') return [];
    const supervisors = this.registry.all;
    if (supervisors.length === 1) return this.projectChildren(supervisors[0]!);
    return supervisors.map((supervisor) =>
      this.cachedNode(`${projectKey(supervisor)}/project`, () => ({ kind: 'project', supervisor })),
    );
  }

  private projectChildren(supervisor: SidecarSupervisor): JobsNode[] {
    const state = supervisor.state;
    if (state.kind !== 'running') return [stateMessage(supervisor)];
    const jobs = supervisor.jobs.jobs.map((job) =>
      this.cachedNode(jobNodeId(supervisor, job.id), () => ({
        kind: 'job',
        supervisor,
        jobId: job.id,
      })),
    );
    const problems: JobsNode[] = supervisor.jobs.problems.map((problem) => ({
      kind: 'problem',
      problem,
    }));
    return [...jobs, ...problems];
  }

  private cachedNode<T extends ProjectNode | JobNode>(id: string, create: () => T): T {
    const existing = this.nodes.get(id);
    if (existing) return existing as T;
    const node = create();
    this.nodes.set(id, node);
    return node;
  }

  private jobItem(node: JobNode, nowMs: number): vscode.TreeItem {
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
      const params = { id: jobId, limit: RUNS_PER_JOB };
      runs = Promise.resolve(connection.sendRequest(HistoryRequest, params));
      this.history.set(id, runs);
    }
    try {
      const records = await runs;
      if (records.length === 0) {
        return [{ kind: 'message', text: 'No runs yet', icon: 'circle-outline' }];
      }
      return records.map((run) => ({ kind: 'run', run }));
    } catch (error) {
      this.history.delete(id);
      const tooltip = String(error);
      return [{ kind: 'message', text: 'History not available', icon: 'warning', tooltip }];
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function stateMessage(supervisor: SidecarSupervisor): JobsNode {
  const state = supervisor.state;
  if (state.kind === 'starting') {
    return { kind: 'message', text: 'Starting sidecar…', icon: 'loading~spin' };
  }
  if (state.kind === 'restarting') {
    const text = `Sidecar ${state.reason}; restarting ${formatUntil(state.retryAtMs, Date.now())}`;
    const tooltip = 'Run "Show Sidecar Log" for details.';
    return { kind: 'message', text, icon: 'error', tooltip };
  }
  return { kind: 'message', text: 'Sidecar stopped', icon: 'debug-stop' };
}

function projectItem(supervisor: SidecarSupervisor, nowMs: number): vscode.TreeItem {
  const label = supervisor.project.label;
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `${projectKey(supervisor)}/project`;
  item.iconPath = new vscode.ThemeIcon('database');
  const state = supervisor.state;
  const next = supervisor.jobs.nextJob();
  if (state.kind === 'running' && next?.next) {
    item.description = `${next.name} ${formatUntil(next.next * 1000, nowMs)}`;
  } else {
    item.description = state.kind;
  }
  item.tooltip = supervisor.project.folder.fsPath;
  item.contextValue = 'project';
  return item;
}

function problemItem(problem: JobProblem): vscode.TreeItem {
  const item = createProblemItem(problem);
  const source = problem.source;
  if (source) {
    const position = new vscode.Position(source.line, source.character);
    item.command = {
      command: 'vscode.open',
      title: 'Go to Job',
      arguments: [
        vscode.Uri.file(source.file),
        { selection: new vscode.Range(position, position) },
      ],
    };
  }
  return item;
}

function projectKey(supervisor: SidecarSupervisor): string {
  return supervisor.project.folder.toString();
}

export function jobNodeId(supervisor: SidecarSupervisor, jobId: number): string {
  return `${projectKey(supervisor)}/job/${jobId}`;
}
