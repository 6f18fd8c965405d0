// Locations of the tools that scripts/setup-vscode installs, and a check that runs it when
// something is missing. The tools live in .tools/ (git-ignored) unless TRAILCRON_TOOLS
// points elsewhere.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const TOOLS_DIR = process.env.TRAILCRON_TOOLS ?? join(REPO_ROOT, '.tools');
export const NODE24_BIN_DIR = join(TOOLS_DIR, 'node24', 'node_modules', 'node', 'bin');
export const NODE24 = join(NODE24_BIN_DIR, 'node');
export const CODE_SERVER_ENTRY = join(
  TOOLS_DIR,
  'code-server',
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);
export const CHROMIUM = '/usr/bin/chromium';

const SETUP_SCRIPT = join(REPO_ROOT, 'scripts', 'setup-vscode');

export function vscodeToolsInstalled(): boolean {
  return [NODE24, CODE_SERVER_ENTRY, CHROMIUM].every((path) => existsSync(path));
}

// Runs scripts/setup-vscode when a tool is missing. The script prints its own progress.
export function ensureVscodeTools(): void {
  if (vscodeToolsInstalled()) return;

  const result = spawnSync('bash', [SETUP_SCRIPT], { stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`${SETUP_SCRIPT} failed with exit code ${result.status}; see its output above`);
  }
  if (!vscodeToolsInstalled()) {
    throw new Error(`${SETUP_SCRIPT} finished but ${missingTools().join(', ')} is still missing`);
  }
}

function missingTools(): string[] {
  return [NODE24, CODE_SERVER_ENTRY, CHROMIUM].filter((path) => !existsSync(path));
}

// PATH with Node 24 first, so code-server and the processes it forks find the right runtime.
export function pathWithNode24(): string {
  return [NODE24_BIN_DIR, dirname(process.execPath), process.env.PATH ?? ''].join(':');
}
