// User jobs: handlers written against TrailBase's TypeScript guest API (`trailbase-wasm`),
// found in the workspace and run in worker threads against the project's data/main.db.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { JobProblem, LogLevel, SourceLocation } from '../protocol';

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

export async function loadUserJobs(options: {
  projectDir: string;
  searchRoots: string[];
  trusted: boolean;
}): Promise<LoadedUserJobs> {
  const problems: JobProblem[] = listWasmComponents(options.projectDir);
  if (!options.trusted) problems.unshift({ name: 'user jobs', message: UNTRUSTED_PROBLEM });

  return {
    jobs: [],
    problems,
    run: (job) => Promise.reject(new Error(`user job '${job.name}' is not loaded`)),
    dispose: () => Promise.resolve(),
  };
}

function listWasmComponents(projectDir: string): JobProblem[] {
  const folder = join(projectDir, 'wasm');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.wasm'))
    .map((name) => ({
      name,
      message: 'WASM component not runnable yet: the sidecar does not host the component runtime',
      source: { file: join(folder, name), line: 0, character: 0 },
    }));
}
