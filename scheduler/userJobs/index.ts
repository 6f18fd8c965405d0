// User jobs: handlers written against TrailBase's TypeScript guest API (`trailbase-wasm`),
// found in the workspace and run in worker threads against the project's data/main.db.
import { isAbsolute, resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';

import { parse } from '../cron';
import type { JobProblem, LogLevel, SourceLocation } from '../protocol';
import { findGuestModules, MAX_FILES_VISITED } from './discovery';
import { listWasmComponents } from './wasmComponents';
import { runWorker } from './workerHost';
import type { GuestLocation } from './workerProtocol';

export interface UserJobDefinition {
  name: string;
  schedule: string;
  source: SourceLocation;
}

export interface UserJobRunContext {
  mainDbPath: string;
  timeoutMs: number;
  signal: AbortSignal;
  log(level: LogLevel, message: string): void;
}

export interface LoadedUserJobs {
  jobs: UserJobDefinition[];
  problems: JobProblem[];
  /** Rejects with an Error whose message is the job's error, e.g. "timed out after 30 s". */
  run(job: UserJobDefinition, context: UserJobRunContext): Promise<void>;
  dispose(): Promise<void>;
}

export const UNTRUSTED_PROBLEM = 'user jobs not loaded: workspace not trusted';

/** Bounds evaluating one module's top level while listing its job handlers. */
export const MANIFEST_TIMEOUT_MS = 10_000;

/** Beyond this many guest modules the rest are reported, not loaded. */
export const MAX_GUEST_MODULES = 64;

export async function loadUserJobs(options: {
  projectDir: string;
  searchRoots: string[];
  trusted: boolean;
}): Promise<LoadedUserJobs> {
  const running = new Set<Worker>();
  const problems: JobProblem[] = [];
  const jobs: UserJobDefinition[] = [];

  if (!options.trusted) {
    problems.push({ name: 'user jobs', message: UNTRUSTED_PROBLEM });
  } else {
    const roots = options.searchRoots.map((root) =>
      isAbsolute(root) ? root : resolve(options.projectDir, root),
    );
    await collectJobs(roots, running, jobs, problems);
  }
  problems.push(...listWasmComponents(options.projectDir));

  return {
    jobs,
    problems,
    run: async (job, context) => {
      await runWorker(
        { mode: 'run', file: job.source.file, jobName: job.name, mainDbPath: context.mainDbPath },
        { timeoutMs: context.timeoutMs, signal: context.signal, log: context.log, running },
      );
    },
    dispose: async () => {
      const workers = [...running];
      running.clear();
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

async function collectJobs(
  roots: string[],
  running: Set<Worker>,
  jobs: UserJobDefinition[],
  problems: JobProblem[],
): Promise<void> {
  const discovered = findGuestModules(roots);
  if (discovered.truncated) {
    const message = `stopped searching for guest modules after ${MAX_FILES_VISITED} entries`;
    problems.push({ name: 'user jobs', message });
  }
  const files = discovered.files.slice(0, MAX_GUEST_MODULES);
  for (const file of discovered.files.slice(MAX_GUEST_MODULES)) {
    const message = `not loaded: more than ${MAX_GUEST_MODULES} guest modules found`;
    problems.push({ name: file, message, source: { file, line: 0, character: 0 } });
  }

  // Modules load one after another: each takes a worker, and loading is rare.
  for (const file of files) {
    try {
      const manifest = await runWorker(
        { mode: 'manifest', file },
        { timeoutMs: MANIFEST_TIMEOUT_MS, log: () => undefined, running },
      );
      for (const job of manifest?.jobs ?? []) {
        const source = toSource(job.location);
        const invalid = checkHostSchedule(job.spec);
        if (invalid) problems.push({ name: job.name, message: invalid, source });
        else jobs.push({ name: job.name, schedule: job.spec, source });
      }
      for (const problem of manifest?.problems ?? []) {
        const source = toSource(problem.location);
        problems.push({ name: problem.name, message: problem.message, source });
      }
    } catch (error) {
      const message = `module failed to load: ${(error as Error).message}`;
      problems.push({ name: file, message, source: { file, line: 0, character: 0 } });
    }
  }
}

/**
 * Parses the spec as TrailBase's host does when it installs the component. The guest
 * package only counts fields, so '0 61 * * * *' passes there and fails here.
 */
function checkHostSchedule(spec: string): string | undefined {
  const error = parse(spec).diagnostics.find((diagnostic) => diagnostic.severity === 'error');
  return error && `invalid job spec '${spec}': ${error.message}`;
}

function toSource(location: GuestLocation): SourceLocation {
  return { file: location.file, line: location.line, character: location.character };
}
