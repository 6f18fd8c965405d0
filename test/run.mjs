// Runs every test suite: builds the bundles first, because the tests start the real
// language server, sidecar and CLI from dist/, then hands all *.test.ts files to
// Node's test runner. Pass folder names (cron, server, ...) to run only those suites.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SUITES = ['cron', 'server', 'scheduler', 'cli', 'grammar', 'client', 'e2e'];

const requested = process.argv.slice(2);
const suites = requested.length > 0 ? requested : SUITES;

const build = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const files = suites.flatMap((suite) => findTests(join('test', suite)));
if (files.length === 0) {
  console.error(`No test files found in: ${suites.join(', ')}`);
  process.exit(2);
}

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);

function findTests(folder) {
  let entries;
  try {
    entries = readdirSync(folder);
  } catch {
    return [];
  }
  return entries.sort().flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return findTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}
