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

export async function startLanguageClient(
  context: vscode.ExtensionContext,
): Promise<LanguageClient> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio },
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
