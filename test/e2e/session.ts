// One real editor for a test file: a copy of the example project, a code-server profile with
// trailcron (and optionally the in-editor test runner) installed, and a chromium page showing
// the workbench. close() stops chromium and code-server with all their children.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import {
  createProfile,
  installExtension,
  startCodeServer,
  type RunningCodeServer,
} from '../../scripts/vscode/codeServer';
import { CHROMIUM, ensureVscodeTools, REPO_ROOT } from '../../scripts/vscode/tools';
import { buildRunnerExtension } from '../vscode/build';
import { RESULT_ENV, SUITE_ENV } from '../vscode/results';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface SessionOptions {
  // Install the in-editor test runner next to trailcron and have it write its results to
  // this file.
  inEditorResultPath?: string;
}

export class EditorSession {
  readonly tempDir = mkdtempSync(join(tmpdir(), 'trailcron-e2e-'));
  readonly project = join(this.tempDir, 'traildepot');
  server: RunningCodeServer | undefined;
  browser: BrowserContext | undefined;
  page: Page | undefined;

  // Installs the tools when missing, copies the example project, builds and installs the
  // VSIX and starts code-server. Call open() next to start the extension host.
  async start(options: SessionOptions = {}): Promise<void> {
    ensureVscodeTools();
    copyExampleProject(this.project);

    const profile = createProfile(join(this.tempDir, 'code-server'));
    installExtension(profile, packageVsix(this.tempDir));

    const env: NodeJS.ProcessEnv = {};
    if (options.inEditorResultPath) {
      const runner = await buildRunnerExtension(profile.extensionsDir);
      env[SUITE_ENV] = runner.suitePath;
      env[RESULT_ENV] = options.inEditorResultPath;
    }
    this.server = await startCodeServer(profile, { env });
  }

  // Opens the workbench on the project copy; the extension host starts with the page.
  async open(): Promise<Page> {
    if (!this.server) throw new Error('EditorSession.open() called before start()');
    // A persistent context is how playwright takes a chromium --user-data-dir of our choice.
    this.browser = await chromium.launchPersistentContext(join(this.tempDir, 'chromium'), {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
    });
    this.page = this.browser.pages()[0] ?? (await this.browser.newPage());
    await this.page.goto(this.server.workbenchUrl(this.project));
    await this.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    return this.page;
  }

  async close(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    await this.server?.stop();
    rmSync(this.tempDir, { recursive: true, force: true });
  }
}

// Copies examples/traildepot (with the data that `npm run example:data` makes) so tests never
// change the example itself.
function copyExampleProject(target: string): void {
  const source = join(REPO_ROOT, 'examples', 'traildepot');
  if (!existsSync(join(source, 'data'))) runNpmScript('example:data');
  cpSync(source, target, { recursive: true });
}

// Packages the extension from the dist/ that test/run.mjs just built, without rebuilding it,
// because other suites run from that dist/ at the same time.
function packageVsix(tempDir: string): string {
  const out = join(tempDir, 'trailcron.vsix');
  const vsce = join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  const result = spawnSync(
    vsce,
    ['package', '--no-dependencies', '--allow-missing-repository', '--out', out],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(
      `vsce package failed (exit code ${result.status}):\n${result.stdout}${result.stderr}`,
    );
  }
  return out;
}

function runNpmScript(name: string): void {
  const result = spawnSync('npm', ['run', name], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0)
    throw new Error(`npm run ${name} failed with exit code ${result.status}`);
}
