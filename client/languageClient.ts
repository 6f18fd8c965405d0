// Starts the bundled language server (dist/server.js) over stdio for config.textproto and
// for job code that contains cron strings.
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SETTINGS_SECTION } from './settings';

const LANGUAGES = ['textproto', 'rust', 'typescript', 'javascript'];

// A smaller young generation keeps the server under 100 MB on a 10,000-line config at no
// measurable cost in latency (BENCHMARKS.md, language server section).
const SERVER_EXEC_ARGV = ['--max-semi-space-size=2'];

export async function startLanguageClient(
  context: vscode.ExtensionContext,
): Promise<LanguageClient> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio, options: { execArgv: SERVER_EXEC_ARGV } },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: SERVER_EXEC_ARGV } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    synchronize: { configurationSection: SETTINGS_SECTION },
  };
  const client = new LanguageClient(
    'trailcron',
    'TrailBase Jobs Language Server',
    serverOptions,
    clientOptions,
  );
  await client.start();
  return client;
}
