// Status bar item: the job that runs next and when, or the sidecar's state when it is not
// running. A click focuses the Jobs view.
import * as vscode from 'vscode';
import type { SidecarRegistry } from './sidecarRegistry';
import { formatUntil, formatUtc } from './timeFormat';

export class JobsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'trailcron.next',
    vscode.StatusBarAlignment.Left,
    10,
  );

  constructor(private readonly registry: SidecarRegistry) {
    this.item.name = 'TrailBase Jobs';
    this.item.command = 'trailcron.jobs.focus';
    this.update();
  }

  update(): void {
    const state = this.registry.viewState();
    this.item.backgroundColor = undefined;
    if (state === 'noProject') {
      this.item.hide();
      return;
    }
    if (state === 'ok') this.showNextJob();
    else this.showState(state);
    this.item.show();
  }

  private showNextJob(): void {
    const next = this.registry.all
      .flatMap((supervisor) => {
        const job = supervisor.jobs.nextJob();
        return job?.next ? [{ job, next: job.next, project: supervisor.project.label }] : [];
      })
      .sort((a, b) => a.next - b.next)[0];
    if (!next) {
      this.item.text = '$(clock) No job scheduled';
      this.item.tooltip = 'No TrailBase job is scheduled. Open the Jobs view to start one.';
      return;
    }
    const nextMs = next.next * 1000;
    this.item.text = `$(clock) ${next.job.name} ${formatUntil(nextMs, Date.now())}`;
    const when = `${formatUtc(nextMs)} UTC`;
    this.item.tooltip = `Next TrailBase job: ${next.job.name} (${next.project}) at ${when}`;
  }

  private showState(state: ReturnType<SidecarRegistry['viewState']>): void {
    if (state === 'crashed') {
      this.item.text = '$(error) Jobs sidecar crashed';
      this.item.tooltip =
        'The scheduler sidecar crashed and restarts with backoff. Open the Jobs view.';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    } else if (state === 'disabled') {
      this.item.text = '$(circle-slash) Jobs off';
      this.item.tooltip = 'The scheduler sidecar is turned off (trailcron.sidecar.enabled).';
    } else {
      this.item.text = '$(loading~spin) Jobs';
      this.item.tooltip = 'Starting the scheduler sidecar.';
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}
