// Wires the parts of the extension together for one activation: sidecars, Jobs view,
// status bar, commands and the reactions to trust, settings and file changes.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { JobsTreeProvider } from './jobsTree';
import { watchProjects } from './projects';
import { affectsDisplay, affectsSidecars, readSettings } from './settings';
import { SidecarRegistry } from './sidecarRegistry';
import { JobsStatusBar } from './statusBar';
import { CountdownTicker } from './ticker';

export interface Session {
  log: vscode.LogOutputChannel;
  /** Stops the sidecars and the language server, and resolves when their processes have ended. */
  stop(): Promise<void>;
}

export function startSession(context: vscode.ExtensionContext): Session {
  const log = vscode.window.createOutputChannel('TrailBase Jobs', { log: true });
  let settings = readSettings();
  const registry = new SidecarRegistry(context.asAbsolutePath('dist/sidecar.js'), settings, log);
  const tree = new JobsTreeProvider(registry, () => settings.timeZone);
  const treeView = vscode.window.createTreeView('trailcron.jobs', {
    treeDataProvider: tree,
    showCollapseAll: true,
  });
  const statusBar = new JobsStatusBar(registry);
  const ticker = new CountdownTicker(registry, () => {
    statusBar.update();
    if (treeView.visible) tree.tick();
  });
  const updateView = () => {
    statusBar.update();
    updateContext(registry, treeView);
  };
  context.subscriptions.push(
    log,
    registry,
    tree,
    treeView,
    statusBar,
    ticker,
    registry.onDidChange(updateView),
    registerCommands(registry, log),
    watchProjects(() => void registry.refreshProjects()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      log.info('Workspace trusted: restarting sidecars so user jobs can run.');
      void registry.restartAll();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      settings = readSettings();
      if (affectsSidecars(event)) void registry.applySettings(settings);
      if (affectsDisplay(event)) tree.refresh();
    }),
  );
  updateView();
  void registry
    .refreshProjects()
    .catch((error) => log.error(`Finding TrailBase projects failed: ${String(error)}`));
  const client = startLanguageServer(context, log);
  return { log, stop: () => stopAll(registry, client) };
}

function updateContext(registry: SidecarRegistry, treeView: vscode.TreeView<unknown>): void {
  void vscode.commands.executeCommand('setContext', 'trailcron.viewState', registry.viewState());
  void vscode.commands.executeCommand('setContext', 'trailcron.projectCount', registry.all.length);
  treeView.message =
    vscode.workspace.isTrusted || registry.viewState() !== 'ok'
      ? undefined
      : 'Restricted Mode: user jobs do not run until you trust this workspace.';
}

/** Loads vscode-languageclient only now, so activation does not wait for it. */
async function startLanguageServer(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
): Promise<LanguageClient | undefined> {
  const startedAt = performance.now();
  try {
    const { startLanguageClient } = await import('./languageClient.js');
    const client = await startLanguageClient(context);
    log.info(`Language server started in ${Math.round(performance.now() - startedAt)} ms.`);
    return client;
  } catch (error) {
    log.error(`Starting the language server failed: ${String(error)}`);
    return undefined;
  }
}

async function stopAll(
  registry: SidecarRegistry,
  client: Promise<LanguageClient | undefined>,
): Promise<void> {
  await Promise.all([registry.stopAll(), client.then((started) => started?.stop())]);
}
