// Starts the built language server (dist/server.js) as a child process and speaks
// JSON-RPC to it over stdio, as an editor would.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  Diagnostic,
  InitializeParams,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

export const SERVER_PATH = resolve(__dirname, '../../dist/server.js');

export interface ClientOptions {
  /** Value of the `trailcron` settings section returned to the server. */
  settings?: { timeZone: string };
}

export class LspClient {
  readonly connection: MessageConnection;
  readonly logs: string[] = [];
  readonly lensRefreshes: number[] = [];
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: (() => void)[] = [];
  private versions = new Map<string, number>();

  private constructor(
    private readonly child: ChildProcess,
    options: ClientOptions,
  ) {
    this.connection = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      const list = this.diagnostics.get(params.uri) ?? [];
      list.push(params as PublishDiagnosticsParams);
      this.diagnostics.set(params.uri, list);
      for (const waiter of this.waiters.splice(0)) waiter();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
      params.items.map(() => options.settings ?? { timeZone: '' }),
    );
    this.connection.onRequest('workspace/codeLens/refresh', () => {
      this.lensRefreshes.push(Date.now());
      return null;
    });
    this.connection.listen();
  }

  static async start(options: ClientOptions = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const client = new LspClient(child, options);
    const params: InitializeParams = {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true, codeLens: { refreshSupport: true } },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    };
    await client.connection.sendRequest('initialize', params);
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Waits for diagnostics of `uri` published for `version` (or any version when omitted). */
  async diagnosticsFor(uri: string, version?: number): Promise<Diagnostic[]> {
    for (;;) {
      const found = (this.diagnostics.get(uri) ?? []).find(
        (params) => version === undefined || params.version === version,
      );
      if (found !== undefined) return found.diagnostics;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Forgets received diagnostics, so the next wait sees only new ones. */
  resetDiagnostics(uri: string): void {
    this.diagnostics.delete(uri);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await this.connection.sendRequest('shutdown');
        await this.connection.sendNotification('exit');
      } catch {
        // The process may already be gone; it is killed below either way.
      }
    }
    this.connection.dispose();
    if (!this.exited) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      const timer = setTimeout(() => this.child.kill(), 2000);
      await exited;
      clearTimeout(timer);
    }
  }
}

/** Returns the position of the `occurrence`-th match of `needle`, moved by `extra` characters. */
export function positionOf(text: string, needle: string, extra = 0, occurrence = 0) {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) offset = text.indexOf(needle, offset + 1);
  if (offset === -1) throw new Error(`'${needle}' not found in the fixture`);
  return offsetToPosition(text, offset + extra);
}

export function offsetToPosition(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
