// Wakes the status bar and the Jobs view so "in 12 s" counts down. It only redraws from
// memory and never requests data from a sidecar.
import type * as vscode from 'vscode';
import type { SidecarRegistry } from './sidecarRegistry';

/** While a run is this close, the countdown updates every second. */
const FINE_WINDOW_MS = 90_000;
const FINE_INTERVAL_MS = 1000;
const COARSE_INTERVAL_MS = 30_000;

export class CountdownTicker implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly registry: SidecarRegistry,
    private readonly onTick: () => void,
  ) {
    this.schedule();
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.onTick();
      this.schedule();
    }, this.nextDelay());
  }

  private nextDelay(): number {
    const nowMs = Date.now();
    const soonestMs = Math.min(
      ...this.registry.all.map(
        (supervisor) => (supervisor.jobs.nextJob()?.next ?? Infinity) * 1000,
      ),
    );
    return soonestMs - nowMs <= FINE_WINDOW_MS ? FINE_INTERVAL_MS : COARSE_INTERVAL_MS;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
