// The admin API's bearer token: random per start, written where the user can read it
// (<project>/.trailcron/admin-token, mode 0600) and never logged.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { ProjectPaths } from './project';

export function createAdminToken(paths: ProjectPaths): string {
  const token = randomBytes(32).toString('base64url');
  mkdirSync(paths.state, { recursive: true });
  writeFileSync(paths.adminToken, `${token}\n`, { mode: 0o600 });
  return token;
}
