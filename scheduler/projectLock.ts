// One scheduler per project: a second one (another editor window, a `trailcron run` beside
// the sidecar) would run every job twice on the same files. The lock is a file holding the
// owner's process id, so a lock left by a killed process is taken over.
import { mkdirSync, openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from './history';
import type { ProjectPaths } from './project';

export interface ProjectLock {
  file: string;
  release(): void;
}

export class ProjectLockedError extends Error {
  constructor(
    readonly ownerPid: number,
    readonly file: string,
    project: string,
  ) {
    super(
      `Another trailcron scheduler (process ${ownerPid}) already runs the jobs of ${project}. ` +
        `Stop it first; its lock file is ${file}`,
    );
  }
}

export function acquireProjectLock(paths: ProjectPaths): ProjectLock {
  mkdirSync(paths.state, { recursive: true });
  const file = join(paths.state, 'scheduler.pid');

  // The second attempt follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    let descriptor: number;
    try {
      descriptor = openSync(file, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(file);
      if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
        throw new ProjectLockedError(owner, file, paths.root);
      }
      unlinkSync(file);
      continue;
    }
    writeSync(descriptor, `${process.pid}\n`);
    closeSync(descriptor);
    return { file, release: () => releaseLock(file) };
  }
  throw new Error(`Cannot take the scheduler lock ${file}: another process keeps recreating it`);
}

function readOwner(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function releaseLock(file: string): void {
  if (readOwner(file) !== process.pid) return;
  try {
    unlinkSync(file);
  } catch {
    // Already gone: nothing to release.
  }
}
