// Starts code-server (VS Code in the browser with a Node extension host) in a profile of its
// own: config, user data, extensions and XDG folders all live under one folder, so nothing is
// written into the home directory and each run starts clean.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_SERVER_ENTRY, NODE24, pathWithNode24 } from './tools';

export interface CodeServerProfile {
  root: string;
  configFile: string;
  userDataDir: string;
  extensionsDir: string;
  xdgConfigHome: string;
  xdgDataHome: string;
}

export interface RunningCodeServer {
  origin: string;
  // Workbench URL that opens the given folder.
  workbenchUrl(folder: string): string;
  output(): string;
  // Resolves when code-server exits, whether stop() ended it or not.
  exited: Promise<void>;
  stop(): Promise<void>;
}

// User settings for a demo or test profile. Workspace trust is off so user job code may run
// in the opened example. Telemetry, update checks and start-up pages are off, so nothing
// reaches out of the machine and the first screen is the project.
export const PROFILE_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  // Edits stay in the buffer until saved, as in desktop VS Code's default.
  'files.autoSave': 'off',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'github.gitAuthentication': false,
};

export function createProfile(
  root: string,
  settings: Record<string, unknown> = PROFILE_SETTINGS,
): CodeServerProfile {
  const profile: CodeServerProfile = {
    root,
    configFile: join(root, 'config.yaml'),
    userDataDir: join(root, 'user-data'),
    extensionsDir: join(root, 'extensions'),
    xdgConfigHome: join(root, 'xdg-config'),
    xdgDataHome: join(root, 'xdg-data'),
  };
  for (const dir of [profile.extensionsDir, profile.xdgConfigHome, profile.xdgDataHome]) {
    mkdirSync(dir, { recursive: true });
  }
  mkdirSync(join(profile.userDataDir, 'User'), { recursive: true });

  // startCodeServer() passes the address and port on the command line, which wins over this.
  writeFileSync(profile.configFile, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  writeFileSync(
    join(profile.userDataDir, 'User', 'settings.json'),
    JSON.stringify(settings, null, 2),
  );
  return profile;
}

function profileArgs(profile: CodeServerProfile): string[] {
  return [
    CODE_SERVER_ENTRY,
    '--config',
    profile.configFile,
    '--user-data-dir',
    profile.userDataDir,
    '--extensions-dir',
    profile.extensionsDir,
  ];
}

function profileEnv(profile: CodeServerProfile, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...extra,
    PATH: pathWithNode24(),
    XDG_CONFIG_HOME: profile.xdgConfigHome,
    XDG_DATA_HOME: profile.xdgDataHome,
  };
}

// Installs a VSIX into the profile's extensions folder. This works offline.
export function installExtension(profile: CodeServerProfile, vsixPath: string): void {
  const result = spawnSync(
    NODE24,
    [...profileArgs(profile), '--install-extension', vsixPath, '--force'],
    { env: profileEnv(profile, {}), encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(
      `code-server --install-extension ${vsixPath} failed (exit code ${result.status}):\n` +
        `${result.stdout}${result.stderr}`,
    );
  }
}

export interface StartOptions {
  // Variables for code-server and so for the extension host it starts.
  env?: NodeJS.ProcessEnv;
  // Port on 127.0.0.1. The default, 0, lets the system choose a free one.
  port?: number;
  timeoutMs?: number;
}

// Starts code-server on 127.0.0.1 and resolves once /healthz returns 200.
export async function startCodeServer(
  profile: CodeServerProfile,
  options: StartOptions = {},
): Promise<RunningCodeServer> {
  const args = [
    ...profileArgs(profile),
    '--bind-addr',
    `127.0.0.1:${options.port ?? 0}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  // A process group of its own lets stop() end code-server together with the extension host
  // and every process that the extensions started.
  const child = spawn(NODE24, args, {
    env: profileEnv(profile, options.env ?? {}),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = new CodeServerProcess(child);
  try {
    const origin = await server.waitForOrigin(options.timeoutMs ?? 30_000);
    await waitForHealth(origin, options.timeoutMs ?? 30_000);
    return {
      origin,
      // Slashes stay unescaped so the printed URL is readable. code-server accepts them.
      workbenchUrl: (folder) =>
        `${origin}/?folder=${encodeURIComponent(folder).replace(/%2F/g, '/')}`,
      output: () => server.output,
      exited: server.exited,
      stop: () => server.stop(),
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

const MAX_OUTPUT_CHARS = 1_000_000;

class CodeServerProcess {
  output = '';
  readonly exited: Promise<void>;
  private readonly killOnExit = () => this.signalGroup('SIGKILL');

  constructor(private readonly child: ChildProcess) {
    const record = (chunk: Buffer) => {
      this.output += chunk.toString();
      // Keeps the newest output only, so a demo left running for days stays small.
      if (this.output.length > MAX_OUTPUT_CHARS)
        this.output = this.output.slice(-MAX_OUTPUT_CHARS / 2);
    };
    child.stdout?.on('data', record);
    child.stderr?.on('data', record);
    this.exited = new Promise((resolve) => {
      child.on('exit', () => resolve());
    });
    process.on('exit', this.killOnExit);
  }

  waitForOrigin(timeoutMs: number): Promise<string> {
    const pattern = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(`code-server did not report its port in ${timeoutMs} ms:\n${this.output}`),
        );
      }, timeoutMs);
      const check = () => {
        const match = pattern.exec(this.output);
        if (!match?.[1]) return;
        cleanup();
        resolve(match[1]);
      };
      const onExit = () => {
        cleanup();
        reject(new Error(`code-server exited before it started:\n${this.output}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.child.stdout?.off('data', check);
        this.child.stderr?.off('data', check);
        this.child.off('exit', onExit);
      };
      this.child.stdout?.on('data', check);
      this.child.stderr?.on('data', check);
      this.child.on('exit', onExit);
      check();
    });
  }

  // Sends SIGTERM to the whole group, then SIGKILL to whatever is left after 5 s.
  async stop(): Promise<void> {
    this.signalGroup('SIGTERM');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, 5_000, 'timeout'));
    if ((await Promise.race([this.exited, timeout])) === 'timeout') this.signalGroup('SIGKILL');
    await this.exited;
    // Extension host children may outlive code-server itself by a moment.
    this.signalGroup('SIGKILL');
    process.off('exit', this.killOnExit);
  }

  private signalGroup(signal: NodeJS.Signals): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch (error) {
      // ESRCH: the group is already gone.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
}

async function waitForHealth(origin: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return;
      lastError = new Error(`HTTP ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`code-server at ${origin} did not answer /healthz in ${timeoutMs} ms`, {
    cause: lastError,
  });
}
