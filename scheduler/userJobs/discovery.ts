// Finds guest modules: TypeScript or JavaScript files under the search roots with a line
// that starts with an import of `defineConfig` from 'trailbase-wasm', which is how a
// TrailBase guest declares its handlers. Files that only import helpers such as
// 'trailbase-wasm/db' are libraries, loaded when a guest module imports them. Test files
// (*.test.*, *.spec.*) and build or dependency folders are skipped.
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { extname, join } from 'node:path';

const SOURCE_EXTENSIONS = new Set(['.ts', '.mts', '.js', '.mjs']);
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'target', 'build', 'out']);

/** Bounds the walk so that a search root pointing at a huge tree cannot stall loading. */
export const MAX_FILES_VISITED = 20_000;
export const MAX_FILE_BYTES = 1024 * 1024;
const MAX_DEPTH = 12;

const GUEST_IMPORT = /^\s*import\s*\{[^}]*\bdefineConfig\b[^}]*\}\s*from\s*['"]trailbase-wasm['"]/m;
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]s$/;

export interface DiscoveryResult {
  files: string[];
  /** Set when the walk stopped at MAX_FILES_VISITED. */
  truncated: boolean;
}

export function findGuestModules(roots: string[]): DiscoveryResult {
  const found = new Set<string>();
  const budget = { remaining: MAX_FILES_VISITED };
  for (const root of roots) walk(root, 0, found, budget);
  return { files: [...found].sort(), truncated: budget.remaining <= 0 };
}

export function isGuestModuleSource(source: string): boolean {
  return GUEST_IMPORT.test(source);
}

function walk(
  folder: string,
  depth: number,
  found: Set<string>,
  budget: { remaining: number },
): void {
  if (depth > MAX_DEPTH) return;
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));

  for (const entry of entries) {
    if (budget.remaining <= 0) return;
    budget.remaining -= 1;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) {
        walk(path, depth + 1, found, budget);
      }
    } else if (entry.isFile() && isCandidate(entry.name) && containsGuestImport(path)) {
      found.add(path);
    }
  }
}

function isCandidate(name: string): boolean {
  return SOURCE_EXTENSIONS.has(extname(name)) && !name.endsWith('.d.ts') && !TEST_FILE.test(name);
}

function containsGuestImport(path: string): boolean {
  try {
    if (statSync(path).size > MAX_FILE_BYTES) return false;
    return isGuestModuleSource(readFileSync(path, 'utf8'));
  } catch {
    return false;
  }
}
