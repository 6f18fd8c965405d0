// Runs the in-editor suite (test/vscode/suite) in desktop VS Code with @vscode/test-electron,
// for machines that can download VS Code. Where that download is blocked, `npm test` runs
// the same suite inside code-server instead (test/e2e/inEditor.test.ts).
//
// Usage: npm run build && node --import tsx scripts/test-electron.ts
import { runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyExampleWorkspace } from '../test/e2e/workspace';
import { REPO_ROOT, TOOLS_DIR } from './vscode/tools';

// The sidecar's admin API port for the run; the suite reads jobs from it.
const ADMIN_PORT = Number(process.env.TRAILCRON_ADMIN_PORT ?? 47_821);

async function main(): Promise<number> {
  const tempDir = mkdtempSync(join(tmpdir(), 'trailcron-electron-'));
  try {
    const workspace = join(tempDir, 'examples');
    copyExampleWorkspace(workspace);
    // A workspace setting works here because trailcron.adminPort has window scope.
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(
      join(workspace, '.vscode', 'settings.json'),
      JSON.stringify({ 'trailcron.adminPort': ADMIN_PORT }, null, 2),
    );

    // The entry must live inside the extension folder (the repository), because VS Code
    // hands `require('vscode')` only to files inside an extension.
    const entry = join(TOOLS_DIR, 'electron-suite', 'index.js');
    await esbuild.build({
      entryPoints: [join(REPO_ROOT, 'test', 'vscode', 'electron.ts')],
      outfile: entry,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['vscode'],
      logLevel: 'warning',
    });

    return await runTests({
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: entry,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`In-editor tests under @vscode/test-electron failed: ${String(error)}`);
    process.exit(1);
  },
);
