// One real editor for a test file: a copy of the example workspace, a code-server profile with
// trailcron (and optionally the in-editor test runner) installed, and a chromium page showing
// the workbench. close() stops chromium and code-server with all their children.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import {
  createProfile,
  installExtension,
  PROFILE_SETTINGS,
  startCodeServer,
  type RunningCodeServer,
} from '../../scripts/vscode/codeServer';
import { CHROMIUM, ensureVscodeTools, REPO_ROOT } from '../../scripts/vscode/tools';
import { buildRunnerExtension } from '../vscode/build';
import { RESULT_ENV, SUITE_ENV } from '../vscode/results';
import { copyExampleWorkspace } from './workspace';

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
  // Name of the folder under test-results/e2e/logs/ that receives code-server's logs.
  constructor(private readonly name: string) {}

  readonly tempDir = mkdtempSync(join(tmpdir(), 'trailcron-e2e-'));
  readonly workspace = join(this.tempDir, 'examples');
  readonly project = join(this.workspace, 'traildepot');
  adminPort = 0;
  server: RunningCodeServer | undefined;
  browser: BrowserContext | undefined;
  page: Page | undefined;

  // Installs the tools when missing, copies the example workspace, packages and installs the
  // VSIX and starts code-server. Call open() next: the extension host starts with the page.
  async start(options: SessionOptions = {}): Promise<void> {
    ensureVscodeTools();
    copyExampleWorkspace(this.workspace);

    this.adminPort = await findFreePort();
    const profile = createProfile(join(this.tempDir, 'code-server'), {
      ...PROFILE_SETTINGS,
      'trailcron.adminPort': this.adminPort,
    });

    // The runner folder must exist before the first --install-extension: code-server
    // registers unpacked folders only when it creates its extensions.json.
    const env: NodeJS.ProcessEnv = {};
    if (options.inEditorResultPath) {
      const runner = await buildRunnerExtension(profile.extensionsDir);
      env[SUITE_ENV] = runner.suitePath;
      env[RESULT_ENV] = options.inEditorResultPath;
    }
    installExtension(profile, process.env.TRAILCRON_VSIX ?? packageVsix(this.tempDir));
    this.server = await startCodeServer(profile, { env });
  }

  async open(): Promise<Page> {
    if (!this.server) throw new Error('EditorSession.open() called before start()');
    // A persistent context is how playwright takes a chromium --user-data-dir of our choice.
    this.browser = await chromium.launchPersistentContext(join(this.tempDir, 'chromium'), {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
    });
    this.page = this.browser.pages()[0] ?? (await this.browser.newPage());
    await this.page.goto(this.server.workbenchUrl(this.workspace));
    await this.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    return this.page;
  }

  async close(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    await this.server?.stop();
    this.keepLogs();
    rmSync(this.tempDir, { recursive: true, force: true });
  }

  // Copies the editor's logs (extension host, trailcron's output channels) out of the temp
  // folder, because they explain most failures.
  private keepLogs(): void {
    const logs = join(this.tempDir, 'code-server', 'user-data', 'logs');
    if (!existsSync(logs)) return;
    const target = join(REPO_ROOT, 'test-results', 'e2e', 'logs', this.name);
    rmSync(target, { recursive: true, force: true });
    cpSync(logs, target, { recursive: true });
    if (this.server) writeFileSync(join(target, 'code-server.log'), this.server.output());
  }
}

// Packages the extension (unless TRAILCRON_VSIX names a VSIX to test instead) from the dist/ that test/run.mjs just built, without rebuilding it,
// because other suites run from that dist/ at the same time.
function packageVsix(tempDir: string): string {
  const out = join(tempDir, 'trailcron.vsix');
  const vsce = join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  const result = spawnSync(
    vsce,
    ['package', '--no-dependencies', '--allow-missing-repository', '--out', out],
    { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (result.status !== 0) {
    throw new Error(
      `vsce package failed (exit code ${result.status}):\n${result.stdout}${result.stderr}`,
    );
  }
  return out;
}

// NOTE: the port is free when this returns, but another process could take it before the
// sidecar binds it. The admin API tests then fail with a timeout naming the admin API.
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
