// Worker thread entry for user jobs: evaluates one guest module, then either reports its
// job handlers (manifest) or runs one of them against main.db. One worker serves one
// request, so a hanging or crashing handler never affects the sidecar or another run.
import { readFileSync } from 'node:fs';
import { format } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';

import type { LogLevel } from '../protocol';
import { closeMainDatabase, declarationOf, jobHandlersOf, setMainDbPath } from './guest/runtime';
import { awaitPendingTimers, installTimerTracking } from './guest/timers';
import { loadGuestModule } from './moduleLoader';
import { checkGuestSpec } from './spec';
import type {
  GuestJob,
  GuestLocation,
  GuestProblem,
  RunRequest,
  WorkerMessage,
  WorkerRequest,
} from './workerProtocol';

const STALLED = 'job handler never settled: it awaits a promise with nothing left to run';

const MANIFEST_ARGS = JSON.stringify({ version: null, subsystems: ['jobs'] });

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

function forwardConsole(): void {
  const levels: [keyof Console, LogLevel][] = [
    ['debug', 'debug'],
    ['log', 'info'],
    ['info', 'info'],
    ['warn', 'warn'],
    ['error', 'error'],
  ];
  for (const [method, level] of levels) {
    Object.assign(console, {
      [method]: (...args: unknown[]) => post({ type: 'log', level, message: format(...args) }),
    });
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  const request = workerData as WorkerRequest;
  forwardConsole();
  installTimerTracking();

  if (request.mode === 'manifest') {
    post(collectManifest(request.file));
    return;
  }
  // The event loop of a worker empties when the handler awaits a promise that nothing
  // will settle; without this the run would end as "worker exited with code 0".
  const onIdle = () => post({ type: 'failed', message: STALLED });
  process.once('beforeExit', onIdle);
  try {
    await runJob(request);
    post({ type: 'succeeded' });
  } catch (error) {
    post({ type: 'failed', message: errorMessage(error) });
  } finally {
    process.off('beforeExit', onIdle);
    closeMainDatabase();
  }
}

function collectManifest(file: string): WorkerMessage {
  const jobs: GuestJob[] = [];
  const problems: GuestProblem[] = [];
  const fileStart: GuestLocation = { file, line: 0, character: 0 };

  let initEndpoint: unknown;
  try {
    initEndpoint = loadGuestModule(file).initEndpoint;
  } catch (error) {
    const message = `module failed to load: ${errorMessage(error)}`;
    problems.push({ name: file, message, location: errorLocation(error, file) ?? fileStart });
    return { type: 'manifest', jobs, problems };
  }

  const handlers = typeof initEndpoint === 'object' && initEndpoint && jobHandlersOf(initEndpoint);
  if (!handlers) {
    const message =
      'module does not export the initEndpoint of defineConfig(); export it as ' +
      "TrailBase's guests do: export const { initEndpoint, incomingHandler, " +
      'sqliteFunctionEndpoint } = defineConfig({ jobHandlers: [...] })';
    problems.push({ name: file, message, location: fileStart });
    return { type: 'manifest', jobs, problems };
  }

  // Ask the module for its manifest exactly as TrailBase's host does, so `init` runs too.
  const manifest = JSON.parse(
    (initEndpoint as { getManifest(args: string): string }).getManifest(MANIFEST_ARGS),
  ) as { job_handlers: { name: string; spec: string }[] | null };

  const source = readFileSync(file, 'utf8').split('\n');
  const seen = new Set<string>();
  for (const [index, entry] of (manifest.job_handlers ?? []).entries()) {
    const handler = handlers[index];
    const location = locate(handler ? declarationOf(handler) : undefined, entry.name, source, file);
    const invalid = checkGuestSpec(entry.spec);
    if (invalid) {
      problems.push({ name: entry.name, message: invalid, location });
    } else if (seen.has(entry.name)) {
      const message = `duplicate job name '${entry.name}' in this module; the first is kept`;
      problems.push({ name: entry.name, message, location });
    } else {
      seen.add(entry.name);
      jobs.push({ name: entry.name, spec: entry.spec, location });
    }
  }
  return { type: 'manifest', jobs, problems };
}

/**
 * Points at the job's name literal on the declaring line. The line comes from the call
 * site, but its column is in transpiled code, so the column is searched in the source.
 */
function locate(
  declared: GuestLocation | undefined,
  name: string,
  source: string[],
  file: string,
): GuestLocation {
  const literal = new RegExp(`(['"\`])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1`);
  if (declared && declared.file === file) {
    const column = source[declared.line]?.search(literal) ?? -1;
    return { ...declared, character: column >= 0 ? column : declared.character };
  }
  if (declared) return declared;

  const line = source.findIndex((text) => literal.test(text));
  if (line < 0) return { file, line: 0, character: 0 };
  return { file, line, character: source[line]?.search(literal) ?? 0 };
}

function errorLocation(error: unknown, file: string): GuestLocation | undefined {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
  if (!match) return undefined;
  return { file, line: Number(match[1]) - 1, character: Number(match[2]) - 1 };
}

async function runJob(request: RunRequest): Promise<void> {
  setMainDbPath(request.mainDbPath);
  const initEndpoint = loadGuestModule(request.file).initEndpoint;
  const handlers = typeof initEndpoint === 'object' && initEndpoint && jobHandlersOf(initEndpoint);
  const job = (handlers || []).find((handler) => handler.name === request.jobName);
  if (!job) throw new Error(`job handler '${request.jobName}' not found in ${request.file}`);

  try {
    await job.handler();
  } finally {
    await awaitPendingTimers();
  }
}

void main();
