// One supervisor per TrailBase project in the workspace. Starts and stops sidecars when
// projects appear or disappear, when workspace trust is granted and when settings change.
import * as vscode from 'vscode';
import type { ClientSettings } from './settings';
import { findProjects, type TrailProject } from './projects';
import { SidecarSupervisor } from './supervisor';
import type { SidecarOptions } from './sidecarProcess';

/** State of the Jobs view when it has no job to list, matched by viewsWelcome in package.json. */
export type ViewState = 'noProject' | 'disabled' | 'starting' | 'crashed' | 'ok';

export class SidecarRegistry implements vscode.Disposable {
  private readonly supervisors = new Map<string, SidecarSupervisor>();
  private projectList: TrailProject[] = [];
  private scanned = false;
  private readonly changed = new vscode.EventEmitter<void>();

  /** Fires when the project list, a sidecar's state or any job changes. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly sidecarScript: string,
    private settings: ClientSettings,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get all(): SidecarSupervisor[] {
    return this.projectList.flatMap((project) => this.supervisors.get(key(project)) ?? []);
  }

  /** Returns the supervisor of the project whose config.textproto is `configUri`. */
  forConfig(configUri: string): SidecarSupervisor | undefined {
    // Parsing and printing again gives the same encoding as the project's own URI.
    const normalized = vscode.Uri.parse(configUri).toString();
    return this.all.find((supervisor) => supervisor.project.configUri.toString() === normalized);
  }

  viewState(): ViewState {
    if (!this.scanned) return 'starting';
    if (this.projectList.length === 0) return 'noProject';
    if (!this.settings.sidecarEnabled) return 'disabled';
    const states = this.all.map((supervisor) => supervisor.state.kind);
    if (states.includes('running')) return 'ok';
    if (states.includes('restarting')) return 'crashed';
    return 'starting';
  }

  /** Searches the workspace again and starts or stops sidecars to match. */
  async refreshProjects(): Promise<void> {
    this.projectList = await findProjects();
    this.scanned = true;
    const wanted = new Set(this.projectList.map(key));
    for (const [id, supervisor] of this.supervisors) {
      if (!wanted.has(id)) await this.remove(id, supervisor);
    }
    for (const project of this.projectList) this.ensureSupervisor(project);
    this.changed.fire();
  }

  async applySettings(settings: ClientSettings): Promise<void> {
    this.settings = settings;
    await this.restartAll();
  }

  /** Restarts every sidecar, or stops them all when the setting turns them off. */
  async restartAll(): Promise<void> {
    await Promise.all(this.all.map((supervisor) => supervisor.stop()));
    if (this.settings.sidecarEnabled) for (const supervisor of this.all) supervisor.start();
    this.changed.fire();
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.all.map((supervisor) => supervisor.stop()));
  }

  private ensureSupervisor(project: TrailProject): void {
    if (this.supervisors.has(key(project))) return;
    const supervisor = new SidecarSupervisor(project, () => this.optionsFor(project), this.log);
    supervisor.onDidChangeState(() => this.changed.fire());
    supervisor.jobs.onDidChange(() => this.changed.fire());
    this.supervisors.set(key(project), supervisor);
    if (this.settings.sidecarEnabled) supervisor.start();
  }

  private async remove(id: string, supervisor: SidecarSupervisor): Promise<void> {
    this.supervisors.delete(id);
    await supervisor.stop();
    supervisor.dispose();
  }

  private optionsFor(project: TrailProject): SidecarOptions {
    const first = this.projectList[0];
    const ownsAdminPort = !first || key(first) === key(project) || this.settings.adminPort === 0;
    return {
      script: this.sidecarScript,
      projectFolder: project.folder.fsPath,
      searchRoots: project.workspaceFolder ? [project.workspaceFolder.fsPath] : [],
      trusted: vscode.workspace.isTrusted,
      adminPort: ownsAdminPort ? this.settings.adminPort : undefined,
      historyMaxRuns: this.settings.historyMaxRuns,
      runTimeoutSeconds: this.settings.runTimeoutSeconds,
    };
  }

  dispose(): void {
    for (const supervisor of this.supervisors.values()) supervisor.dispose();
    this.changed.dispose();
  }
}

function key(project: TrailProject): string {
  return project.folder.toString();
}
