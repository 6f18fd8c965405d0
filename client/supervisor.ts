// Keeps one project's sidecar alive: starts it, restarts it with exponential backoff
// after a crash, and stops it on request. It also feeds the sidecar's notifications
// into the project's job state.
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import {
  JobChangedNotification,
  JobsReloadedNotification,
  ListJobsRequest,
  LogNotification,
  SidecarInfoRequest,
  type LogLevel,
  type SidecarInfo,
} from '../scheduler/protocol';
import { isDisabledInConfig, scanConfig } from './configScan';
import { ProjectJobs } from './jobState';
import type { TrailProject } from './projects';
import {
  startSidecar,
  stopSidecar,
  type SidecarOptions,
  type SidecarProcess,
} from './sidecarProcess';

export type SidecarState =
  | { kind: 'starting' }
  | { kind: 'running'; info: SidecarInfo | undefined }
  | { kind: 'restarting'; reason: string; retryAtMs: number }
  | { kind: 'stopped' };

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 60_000;
/** A sidecar that ran this long counts as stable, so the next crash retries after 1 s again. */
const STABLE_AFTER_MS = 60_000;
/** The sidecar gives running jobs 3 s to finish on shutdown, and this adds time for its exit. */
const SHUTDOWN_GRACE_MS = 5000;
/** A line the sidecar's logger wrote: ISO time, then the padded level. */
const LOG_LINE = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z (TRACE|DEBUG|INFO |WARN |ERROR) /;

export class SidecarSupervisor implements vscode.Disposable {
  readonly jobs = new ProjectJobs();
  private sidecar: SidecarProcess | undefined;
  private currentState: SidecarState = { kind: 'stopped' };
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly stateChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeState = this.stateChanged.event;

  constructor(
    readonly project: TrailProject,
    private readonly options: () => SidecarOptions,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get state(): SidecarState {
    return this.currentState;
  }

  /** The JSON-RPC connection while the sidecar runs. */
  get connection(): MessageConnection | undefined {
    return this.currentState.kind === 'running' ? this.sidecar?.connection : undefined;
  }

  start(): void {
    if (this.sidecar) return;
    this.clearRetry();
    this.setState({ kind: 'starting' });
    const options = this.options();
    this.log.info(`[${this.project.label}] Starting sidecar (trusted: ${options.trusted}).`);
    const sidecar = startSidecar(options, (line) => this.forwardStderr(line));
    this.sidecar = sidecar;
    const startedAt = Date.now();
    void sidecar.exited.then((exit) => this.handleExit(sidecar, exit, startedAt));
    this.listen(sidecar.connection);
    sidecar.connection.listen();
    void this.loadJobs(sidecar);
  }

  async stop(): Promise<void> {
    this.clearRetry();
    const sidecar = this.sidecar;
    this.sidecar = undefined;
    this.setState({ kind: 'stopped' });
    this.jobs.clear();
    if (!sidecar) return;
    this.log.info(`[${this.project.label}] Stopping sidecar (pid ${sidecar.child.pid}).`);
    await stopSidecar(sidecar, SHUTDOWN_GRACE_MS);
  }

  async restart(): Promise<void> {
    await this.stop();
    this.failures = 0;
    this.start();
  }

  /** Reads config.textproto again for the enable/disable flags shown in the tree. */
  async refreshConfigFlags(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.project.configUri.fsPath, 'utf8');
    } catch (error) {
      this.log.warn(`[${this.project.label}] Reading config.textproto failed: ${String(error)}`);
      return;
    }
    const scan = scanConfig(text);
    if (!scan.ok) return;
    const disabled = this.jobs.jobs
      .filter((job) => job.kind === 'system' && isDisabledInConfig(scan.config, job.id))
      .map((job) => job.id);
    this.jobs.setDisabledInConfig(new Set(disabled));
  }

  private listen(connection: MessageConnection): void {
    connection.onNotification(JobChangedNotification, (job) => this.jobs.update(job));
    connection.onNotification(JobsReloadedNotification, (result) => {
      this.jobs.replace(result);
      void this.refreshConfigFlags();
    });
    connection.onNotification(LogNotification, (params) =>
      this.writeLog(params.level, `[${this.project.label}] ${params.message}`),
    );
    connection.onError(([error]) =>
      this.log.error(`[${this.project.label}] Sidecar connection error: ${error.message}`),
    );
  }

  private async loadJobs(sidecar: SidecarProcess): Promise<void> {
    try {
      const result = await sidecar.connection.sendRequest(ListJobsRequest);
      const info = await sidecar.connection.sendRequest(SidecarInfoRequest);
      if (this.sidecar !== sidecar) return;
      this.jobs.replace(result);
      this.setState({ kind: 'running', info });
      this.log.info(
        `[${this.project.label}] Sidecar ${info.version} running (pid ${info.pid}, ` +
          `${result.jobs.length} jobs, admin API ${info.adminUrl ?? 'off'}).`,
      );
      await this.refreshConfigFlags();
    } catch (error) {
      // The exit handler reports crashes, so this logs only a sidecar that runs but fails to
      // respond.
      if (this.sidecar === sidecar) {
        this.log.error(`[${this.project.label}] Listing jobs failed: ${String(error)}`);
      }
    }
  }

  private handleExit(sidecar: SidecarProcess, exit: number | string, startedAt: number): void {
    sidecar.connection.dispose();
    if (this.sidecar !== sidecar) return;
    this.sidecar = undefined;
    this.jobs.clear();
    if (Date.now() - startedAt >= STABLE_AFTER_MS) this.failures = 0;
    const delayMs = Math.min(FIRST_RETRY_MS * 2 ** this.failures, MAX_RETRY_MS);
    this.failures++;
    const reason = `exited with ${exit}`;
    this.log.error(
      `[${this.project.label}] Sidecar ${reason}; restarting in ${delayMs / 1000} s ` +
        `(failure ${this.failures}).`,
    );
    this.setState({ kind: 'restarting', reason, retryAtMs: Date.now() + delayMs });
    this.retryTimer = setTimeout(() => this.start(), delayMs);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private setState(state: SidecarState): void {
    this.currentState = state;
    this.stateChanged.fire();
  }

  /**
   * Forwards stderr output other than the sidecar's own log lines, which arrive with
   * their level as LogNotification. What remains is startup errors and crash traces.
   */
  private forwardStderr(line: string): void {
    if (LOG_LINE.test(line) || line.trim() === '') return;
    this.log.error(`[${this.project.label}] ${line}`);
  }

  private writeLog(level: LogLevel, message: string): void {
    this.log[level](message);
  }

  dispose(): void {
    this.clearRetry();
    this.jobs.dispose();
    this.stateChanged.dispose();
  }
}
