// Runs a system job's task in a fresh worker thread. A worker per run keeps runs isolated;
// starting one costs tens of ms, small next to jobs that run hourly or daily. An aborted run
// (timeout, shutdown) settles at once, while its worker is cancelled cooperatively and left to
// finish its current statement, which the busy timeout bounds.
import { Worker } from 'node:worker_threads';
import type { JobRunContext } from './job';
import { cancel, createCancelFlag } from './systemJobs/cancel';
import type { SystemTask, WorkerMessage } from './systemJobs/task';

const liveWorkers = new Set<Promise<void>>();
const liveTerminators = new Set<() => Promise<number>>();

export function runInWorker(
  workerFile: string,
  task: SystemTask,
  context: JobRunContext,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (context.signal.aborted) {
      reject(context.signal.reason);
      return;
    }
    const cancelFlag = createCancelFlag();
    const worker = new Worker(workerFile, { workerData: { task, cancelFlag } });
    const terminate = () => worker.terminate();
    const exited = new Promise<void>((resolveExit) => worker.once('exit', () => resolveExit()));
    liveWorkers.add(exited);
    liveTerminators.add(terminate);
    void exited.then(() => {
      liveWorkers.delete(exited);
      liveTerminators.delete(terminate);
    });

    let settled = false;
    const settle = (error: unknown): void => {
      if (settled) return;
      settled = true;
      context.signal.removeEventListener('abort', onAbort);
      if (error === undefined) resolve();
      else reject(error);
    };
    // NOTE: the run ends here, but the worker may still finish its current statement (up to
    // the busy timeout), so a new run of the same job can briefly overlap with it.
    const onAbort = (): void => {
      cancel(cancelFlag);
      settle(context.signal.reason);
    };
    context.signal.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'log') {
        context.log(message.level, message.message);
      } else {
        settle(message.error === null ? undefined : new Error(message.error));
      }
    });
    worker.on('error', (error) => settle(error));
    worker.on('exit', (code) => {
      settle(new Error(`worker exited with code ${code} before the job finished`));
    });
  });
}

/**
 * Waits up to `timeoutMs` for every worker, cancelled ones included, to exit; workers still
 * alive after that are terminated.
 */
export async function drainWorkers(timeoutMs: number): Promise<void> {
  if (liveWorkers.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([Promise.all(liveWorkers), deadline]);
  clearTimeout(timer);
  // NOTE: terminating a worker inside an SQLite statement can abort the process (see
  // systemJobs/cancel.ts); this is reached only when a statement outlives the deadline.
  await Promise.all([...liveTerminators].map((terminate) => terminate()));
}
