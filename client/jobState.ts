// The jobs of one project as its sidecar last reported them. Notifications update it,
// and the tree and the status bar only read it.
import * as vscode from 'vscode';
import type { JobInfo, JobProblem, ListJobsResult } from '../scheduler/protocol';

export class ProjectJobs implements vscode.Disposable {
  private readonly jobsById = new Map<number, JobInfo>();
  private problemList: JobProblem[] = [];
  /** System jobs that config.textproto turns off, whatever their state in this session. */
  private disabledInConfig = new Set<number>();
  private readonly changed = new vscode.EventEmitter<void>();

  /** Fires after any change to the job list, a job, or the config flags. */
  readonly onDidChange = this.changed.event;

  get jobs(): JobInfo[] {
    return [...this.jobsById.values()].sort(compareJobs);
  }

  get problems(): readonly JobProblem[] {
    return this.problemList;
  }

  get(id: number): JobInfo | undefined {
    return this.jobsById.get(id);
  }

  isDisabledInConfig(id: number): boolean {
    return this.disabledInConfig.has(id);
  }

  replace(result: ListJobsResult): void {
    this.jobsById.clear();
    for (const job of result.jobs) this.jobsById.set(job.id, job);
    this.problemList = result.problems;
    this.changed.fire();
  }

  update(job: JobInfo): void {
    this.jobsById.set(job.id, job);
    this.changed.fire();
  }

  setDisabledInConfig(ids: Set<number>): void {
    this.disabledInConfig = ids;
    this.changed.fire();
  }

  clear(): void {
    this.jobsById.clear();
    this.problemList = [];
    this.changed.fire();
  }

  /** Returns the scheduled job that runs first, if any. */
  nextJob(): JobInfo | undefined {
    let best: JobInfo | undefined;
    for (const job of this.jobsById.values()) {
      if (job.next === null) continue;
      if (!best || job.next < (best.next ?? Infinity)) best = job;
    }
    return best;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** System jobs first in id order, then user jobs by name. */
function compareJobs(a: JobInfo, b: JobInfo): number {
  if (a.kind !== b.kind) return a.kind === 'system' ? -1 : 1;
  return a.kind === 'system' ? a.id - b.id : a.name.localeCompare(b.name);
}
