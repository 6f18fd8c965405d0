// Starts one scheduler sidecar process and connects to it with JSON-RPC over its
// stdin/stdout. Its stderr is a human-readable log, forwarded line by line.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { ShutdownRequest } from '../scheduler/protocol';

export interface SidecarOptions {
  /** Path of dist/sidecar.js. */
  script: string;
  projectFolder: string;
  searchRoots: string[];
  trusted: boolean;
  /** Undefined keeps the sidecar's default; 0 turns the admin API off. */
  adminPort: number | undefined;
  historyMaxRuns: number;
  runTimeoutSeconds: number;
}

export interface SidecarProcess {
  child: ChildProcess;
  connection: MessageConnection;
  /** Resolves with the exit code, or the signal name, when the process has ended. */
  exited: Promise<number | string>;
}

export function buildSidecarArgs(options: SidecarOptions): string[] {
  const args = [options.script, '--stdio', '--project', options.projectFolder];
  if (options.trusted) args.push('--trust');
  for (const root of options.searchRoots) args.push('--search-root', root);
  if (options.adminPort === 0) args.push('--no-admin');
  else if (options.adminPort !== undefined) args.push('--admin-port', String(options.adminPort));
  args.push('--history-max-runs', String(options.historyMaxRuns));
  args.push('--run-timeout-sec', String(options.runTimeoutSeconds));
  args.push('--parent-pid', String(process.pid));
  return args;
}

/**
 * Spawns the sidecar with the editor's own runtime: ELECTRON_RUN_AS_NODE makes VS Code's
 * Electron binary behave as Node, and code-server's execPath is Node already.
 */
export function startSidecar(
  options: SidecarOptions,
  onStderrLine: (line: string) => void,
): SidecarProcess {
  const child = spawn(process.execPath, buildSidecarArgs(options), {
    cwd: options.projectFolder,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (error) => resolve(error.message));
  });
  createInterface({ input: child.stderr! }).on('line', onStderrLine);
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  return { child, connection, exited };
}

/**
 * Asks the sidecar to shut down, and kills it when it has not exited within
 * `graceMs`, so no process outlives the extension host.
 */
export async function stopSidecar(sidecar: SidecarProcess, graceMs: number): Promise<void> {
  if (sidecar.child.exitCode !== null || sidecar.child.signalCode !== null) return;
  const shutdown = sidecar.connection.sendRequest(ShutdownRequest).catch(() => undefined);
  const exitedInTime = await Promise.race([
    sidecar.exited.then(() => true),
    delay(graceMs).then(() => false),
  ]);
  void shutdown;
  if (!exitedInTime) {
    sidecar.child.kill('SIGKILL');
    await sidecar.exited;
  }
  sidecar.connection.dispose();
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
