// One executing run, and the deadlines of all executing runs. Thousands of jobs can be due in
// the same millisecond, so a run allocates little. The run object is itself the job's context.
// The AbortController exists only once a job reads its signal, a result promise only once a
// caller waits, and all timeouts share one timer.
import type { JobRunContext } from './job';
import type { LogLevel, RunJobResult, RunRecord, RunStatus } from './protocol';
import { MAX_TIMER_CHUNK_MS } from './timerQueue';

export interface RunOutcome {
  status: Exclude<RunStatus, 'running'>;
  error: string | null;
}

/** The runtime side of a run: records the outcome and prefixes the job's log lines. */
export interface RunOwner<State> {
  finish(run: ActiveRun<State>, outcome: RunOutcome): RunJobResult;
  logRun(run: ActiveRun<State>, level: LogLevel, message: string): void;
}

export class ActiveRun<State> implements JobRunContext {
  /** Neighbours in the deadline list. */
  previous: ActiveRun<State> | undefined;
  next: ActiveRun<State> | undefined;
  private controller: AbortController | undefined;
  private result: RunJobResult | undefined;
  private waiters: ((result: RunJobResult) => void)[] | undefined;

  constructor(
    readonly record: RunRecord,
    readonly state: State,
    /** Unix ms after which the run times out. */
    readonly deadline: number,
    readonly timeoutMs: number,
    private readonly owner: RunOwner<State>,
  ) {}

  get signal(): AbortSignal {
    this.controller ??= new AbortController();
    return this.controller.signal;
  }

  get finished(): boolean {
    return this.result !== undefined;
  }

  log(level: LogLevel, message: string): void {
    this.owner.logRun(this, level, message);
  }

  /** Calls the job; a synchronous throw counts as a failure like a rejection. */
  start(run: (context: JobRunContext) => Promise<void>): void {
    let promise: Promise<void>;
    try {
      promise = run(this);
    } catch (error) {
      promise = Promise.reject(error);
    }
    promise.then(
      () => this.settle({ status: 'succeeded', error: null }),
      (error: unknown) => this.settle({ status: 'failed', error: messageOf(error) }),
    );
  }

  /** Ends the run now with `status` and aborts the job's signal. */
  abort(status: 'timed-out' | 'interrupted', message: string): void {
    if (this.finished) return;
    this.settle({ status, error: message });
    this.controller?.abort(new Error(message));
  }

  /** Resolves with the recorded result once the run has ended. */
  completion(): Promise<RunJobResult> {
    if (this.result !== undefined) return Promise.resolve(this.result);
    return new Promise((resolve) => (this.waiters ??= []).push(resolve));
  }

  private settle(outcome: RunOutcome): void {
    if (this.result !== undefined) return;
    this.result = this.owner.finish(this, outcome);
    for (const resolve of this.waiters ?? []) resolve(this.result);
    this.waiters = undefined;
  }
}

/**
 * Executing runs in start order, as a doubly linked list with one timer for the oldest. All
 * runs of a runtime share one timeout, so deadlines grow in start order and only the head can
 * be the next to expire.
 */
export class RunDeadlines<State> {
  private head: ActiveRun<State> | undefined;
  private tail: ActiveRun<State> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly onExpired: (run: ActiveRun<State>) => void,
    private readonly now: () => number,
  ) {}

  add(run: ActiveRun<State>): void {
    run.previous = this.tail;
    run.next = undefined;
    if (this.tail === undefined) this.head = run;
    else this.tail.next = run;
    this.tail = run;
    if (this.timer === undefined) this.arm();
  }

  remove(run: ActiveRun<State>): void {
    if (run.previous === undefined && this.head !== run) return;
    if (run.previous === undefined) this.head = run.next;
    else run.previous.next = run.next;
    if (run.next === undefined) this.tail = run.previous;
    else run.next.previous = run.previous;
    run.previous = undefined;
    run.next = undefined;
    if (this.head === undefined) this.close();
  }

  /** Executing runs, oldest first. */
  list(): ActiveRun<State>[] {
    const runs: ActiveRun<State>[] = [];
    for (let run = this.head; run !== undefined; run = run.next) runs.push(run);
    return runs;
  }

  close(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    const head = this.head;
    if (head === undefined) return;
    const delay = Math.min(Math.max(head.deadline - this.now(), 0), MAX_TIMER_CHUNK_MS);
    this.timer = setTimeout(() => this.fire(), delay);
  }

  private fire(): void {
    this.timer = undefined;
    const now = this.now();
    while (this.head !== undefined && this.head.deadline <= now) {
      const expired = this.head;
      this.remove(expired);
      this.onExpired(expired);
    }
    this.arm();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
