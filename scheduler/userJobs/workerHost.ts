// Runs one worker request on a fresh thread and settles with its result, a timeout, an
// abort, or the thread's exit code. Every outcome terminates the thread.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

import type { LogLevel } from '../protocol';
import type { ManifestResult, WorkerMessage, WorkerRequest } from './workerProtocol';

export interface WorkerRunOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  log(level: LogLevel, message: string): void;
  /** Receives the worker while it runs, so its owner can terminate it on dispose. */
  running: Set<Worker>;
}

/** Heap limit per worker, so a runaway handler ends its own run and not the sidecar. */
const MAX_HEAP_MB = 256;

/** How long a worker that reported its result may take to exit before it is terminated. */
const EXIT_GRACE_MS = 1000;

/** Finds the bundled worker: beside this bundle in dist/, or in dist/ when run from source. */
export function workerScript(): string {
  const candidates = [
    join(__dirname, 'user-job-worker.js'),
    join(__dirname, '..', '..', 'dist', 'user-job-worker.js'),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`user job worker not found; build it first (${candidates[0]})`);
  return found;
}

export function runWorker(
  request: WorkerRequest,
  options: WorkerRunOptions,
): Promise<ManifestResult | undefined> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript(), {
      workerData: request,
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB },
    });
    options.running.add(worker);
    let settled = false;

    const finish = (error: Error | undefined, result?: ManifestResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      options.running.delete(worker);
      void worker.terminate();
      if (error) reject(error);
      else resolve(result);
    };

    const timer = setTimeout(() => {
      finish(new Error(`timed out after ${formatSeconds(options.timeoutMs)} s`));
    }, options.timeoutMs);

    const onAbort = () => finish(new Error(abortMessage(options.signal)));
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    forwardStream(worker.stdout, 'info', options.log);
    forwardStream(worker.stderr, 'warn', options.log);

    // After its result the worker is given a moment to exit by itself, so output it wrote
    // just before still arrives; a worker kept alive by leftover handles is terminated.
    let reported: { error?: Error; result?: ManifestResult } | undefined;
    const report = (outcome: { error?: Error; result?: ManifestResult }) => {
      reported ??= outcome;
      clearTimeout(timer);
      setTimeout(() => finish(reported?.error, reported?.result), EXIT_GRACE_MS).unref();
    };

    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'log') options.log(message.level, message.message);
      else if (message.type === 'manifest') report({ result: message });
      else if (message.type === 'succeeded') report({});
      else report({ error: new Error(message.message) });
    });
    worker.on('error', (error) => finish(error));
    worker.on('exit', (code) => {
      if (reported) finish(reported.error, reported.result);
      else finish(new Error(`worker exited with code ${code}`));
    });
  });
}

function forwardStream(
  stream: NodeJS.ReadableStream,
  level: LogLevel,
  log: WorkerRunOptions['log'],
): void {
  stream.setEncoding('utf8');
  stream.on('data', (text: string) => {
    for (const line of text.split('\n')) if (line.trim() !== '') log(level, line);
  });
}

function formatSeconds(ms: number): string {
  return Number.isInteger(ms / 1000) ? String(ms / 1000) : (ms / 1000).toFixed(1);
}

function abortMessage(signal: AbortSignal | undefined): string {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name !== 'AbortError') return `aborted: ${reason.message}`;
  if (typeof reason === 'string') return `aborted: ${reason}`;
  return 'aborted';
}
