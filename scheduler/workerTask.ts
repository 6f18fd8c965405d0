// Runs a system job's task in a fresh worker thread. A worker per run keeps runs isolated and
// makes a timeout or shutdown a plain terminate(); starting one costs a few tens of ms, which
// is small next to jobs that run hourly or daily.
import { Worker } from 'node:worker_threads';
import type { JobRunContext } from './job';
import type { SystemTask, WorkerMessage } from './systemJobs/task';

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
    const worker = new Worker(workerFile, { workerData: task });
    let settled = false;
    const settle = (error: unknown): void => {
      if (settled) return;
      settled = true;
      context.signal.removeEventListener('abort', onAbort);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onAbort = (): void => {
      settle(context.signal.reason);
      void worker.terminate();
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
