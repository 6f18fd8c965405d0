// The trailcron language server: diagnostics, hover, completion, code lenses, quick
// fixes, inlay hints and outline for TrailBase's config.textproto and for job schedules
// in Rust and TypeScript code. Started by the extension with `--stdio`.
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from './lsp/analyses';
import { computeCodeActions } from './lsp/codeActions';
import { computeCodeLenses, earliestNextRun, resolveCodeLens } from './lsp/codeLens';
import { computeCompletions } from './lsp/completion';
import { computeHover } from './lsp/hover';
import { computeInlayHints, computeSymbols } from './lsp/outline';
import { toOffsetRange } from './lsp/positions';
import { SettingsStore } from './lsp/settings';
import { Validator } from './lsp/validation';

/** Maximum delay between code lens refreshes, so "in 3 min" stays roughly current. */
const LENS_REFRESH_MAX_MS = 60_000;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const analyses = new AnalysisCache();
const validator = new Validator(connection, documents, analyses);
let canRequestConfiguration = false;
let canRefreshLenses = false;
let lensRefreshTimer: NodeJS.Timeout | undefined;
let lensRefreshAt = 0;
const settings = new SettingsStore(connection, () => canRequestConfiguration);

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  canRequestConfiguration = capabilities.workspace?.configuration === true;
  canRefreshLenses = capabilities.workspace?.codeLens?.refreshSupport === true;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: [':', '"', '@'] },
      codeLensProvider: { resolveProvider: true },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      inlayHintProvider: true,
      documentSymbolProvider: true,
    },
    serverInfo: { name: 'trailcron' },
  };
});

connection.onInitialized(() => {
  connection.console.info(`trailcron language server started (pid ${process.pid})`);
});

connection.onDidChangeConfiguration(() => {
  settings.invalidate();
});

documents.onDidChangeContent((change) => validator.schedule(change.document));
documents.onDidClose((event) => {
  analyses.delete(event.document.uri);
  validator.clear(event.document.uri);
});

connection.onHover(async (params, token) => {
  const document = documents.get(params.textDocument.uri);
  if (document === undefined) return null;
  const { timeZone } = await settings.get();
  return guard('hover', params.textDocument.uri, token, null, () => {
    const analysis = analyses.get(document);
    if (analysis === undefined) return null;
    const offset = document.offsetAt(params.position);
    return computeHover({ document, analysis, offset, timeZone, now: new Date() });
  });
});

connection.onCompletion((params, token) => {
  const document = documents.get(params.textDocument.uri);
  if (document === undefined) return [];
  return guard('completion', params.textDocument.uri, token, [], () => {
    const analysis = analyses.get(document);
    const tree = analysis?.config?.read.document;
    if (tree === undefined) return [];
    const offset = document.offsetAt(params.position);
    return computeCompletions(tree, document.getText(), offset, (at) => document.positionAt(at));
  });
});

connection.onCodeLens((params, token) => {
  const document = documents.get(params.textDocument.uri);
  if (document === undefined) return [];
  return guard('code lens', params.textDocument.uri, token, [], () => {
    const analysis = analyses.get(document);
    if (analysis === undefined) return [];
    scheduleLensRefresh(analysis.config?.jobs ?? []);
    return computeCodeLenses(document, analysis, document.uri);
  });
});

connection.onCodeLensResolve((lens) => resolveCodeLens(lens, new Date()));

connection.onCodeAction((params, token) => {
  const document = documents.get(params.textDocument.uri);
  if (document === undefined) return [];
  return guard('code action', params.textDocument.uri, token, [], () => {
    const analysis = analyses.get(document);
    if (analysis === undefined) return [];
    const range = toOffsetRange(document, params.range);
    return computeCodeActions(document, analysis, range, params.context.diagnostics);
  });
});

connection.languages.inlayHint.on((params, token) => {
  const document = documents.get(params.textDocument.uri);
  if (document === undefined) return [];
  return guard('inlay hint', params.textDocument.uri, token, [], () => {
    const analysis = analyses.get(document);
    if (analysis === undefined) return [];
    return computeInlayHints(document, analysis, toOffsetRange(document, params.range));
  });
});

connection.onDocumentSymbol((params, token) => {
  const document = documents.get(params.textDocument.uri);
  if (document === undefined) return [];
  return guard('document symbol', params.textDocument.uri, token, [], () => {
    const analysis = analyses.get(document);
    return analysis === undefined ? [] : computeSymbols(document, analysis);
  });
});

/**
 * Runs a request handler and returns `fallback` when the request was cancelled or the
 * handler failed, so that one bad document never stops the server.
 */
function guard<T>(
  request: string,
  uri: string,
  token: CancellationToken,
  fallback: T,
  handler: () => T,
): T {
  if (token.isCancellationRequested) return fallback;
  try {
    return handler();
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    connection.console.error(`${request} request for ${uri} failed: ${detail}`);
    return fallback;
  }
}

// One timer serves every open config, so it keeps the earliest refresh any of them needs.
function scheduleLensRefresh(jobs: Parameters<typeof earliestNextRun>[0]): void {
  if (!canRefreshLenses) return;
  const now = Date.now();
  const next = earliestNextRun(jobs, new Date(now));
  const untilNext = next === undefined ? LENS_REFRESH_MAX_MS : next.getTime() - now + 1000;
  const at = now + Math.min(Math.max(untilNext, 1000), LENS_REFRESH_MAX_MS);
  if (lensRefreshTimer !== undefined && lensRefreshAt <= at) return;

  if (lensRefreshTimer !== undefined) clearTimeout(lensRefreshTimer);
  lensRefreshAt = at;
  lensRefreshTimer = setTimeout(() => {
    lensRefreshTimer = undefined;
    connection.sendRequest(CodeLensRefreshRequest.type).catch((error: unknown) => {
      connection.console.warn(`code lens refresh failed: ${String(error)}`);
    });
  }, at - now);
  lensRefreshTimer.unref();
}

process.on('uncaughtException', (error) => {
  connection.console.error(`unexpected error: ${error.stack ?? error.message}`);
});

documents.listen(connection);
connection.listen();
