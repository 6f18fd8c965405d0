// Where things live in a TrailBase project folder ("traildepot").
import { join, resolve } from 'node:path';

export interface ProjectPaths {
  root: string;
  config: string;
  data: string;
  backups: string;
  uploads: string;
  /** Our own state folder; TrailBase never reads it. */
  state: string;
  history: string;
  adminToken: string;
}

export function projectPaths(projectDir: string): ProjectPaths {
  const root = resolve(projectDir);
  const state = join(root, '.trailcron');
  return {
    root,
    config: join(root, 'config.textproto'),
    data: join(root, 'data'),
    backups: join(root, 'backups'),
    uploads: join(root, 'uploads'),
    state,
    history: join(state, 'history.db'),
    adminToken: join(state, 'admin-token'),
  };
}

/** Path of `data/<name>.db`, e.g. `main`, `logs`, `session` or an extra database. */
export function databaseFile(paths: ProjectPaths, name: string): string {
  return join(paths.data, `${name}.db`);
}
