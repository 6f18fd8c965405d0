// Finds TrailBase projects in the workspace: a folder with config.textproto next to a
// data/ folder, as TrailBase lays out its "traildepot".
import * as vscode from 'vscode';

export const CONFIG_FILE = 'config.textproto';
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/dist/**}';

export interface TrailProject {
  /** The project folder (the one holding config.textproto). */
  folder: vscode.Uri;
  configUri: vscode.Uri;
  /** The workspace folder that contains the project. The sidecar searches it for user jobs. */
  workspaceFolder: vscode.Uri | undefined;
  /** Folder path relative to its workspace folder, for labels. */
  label: string;
}

export async function findProjects(): Promise<TrailProject[]> {
  const configs = await vscode.workspace.findFiles(`**/${CONFIG_FILE}`, EXCLUDE);
  const projects: TrailProject[] = [];
  for (const configUri of configs) {
    const folder = vscode.Uri.joinPath(configUri, '..');
    if (configUri.scheme === 'file' && (await hasDataFolder(folder))) {
      projects.push(describeProject(folder));
    }
  }
  return projects.sort((a, b) => a.folder.fsPath.localeCompare(b.folder.fsPath));
}

function describeProject(folder: vscode.Uri): TrailProject {
  const workspaceFolder = vscode.workspace.getWorkspaceFolder(folder);
  const label = vscode.workspace.asRelativePath(folder, true) || folder.fsPath;
  return {
    folder,
    configUri: vscode.Uri.joinPath(folder, CONFIG_FILE),
    workspaceFolder: workspaceFolder?.uri,
    label,
  };
}

async function hasDataFolder(folder: vscode.Uri): Promise<boolean> {
  try {
    const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, 'data'));
    return (stat.type & vscode.FileType.Directory) !== 0;
  } catch {
    return false;
  }
}

/**
 * Calls `onChange` when a config.textproto or data/ folder appears or disappears, so the
 * project list can be searched again.
 */
export function watchProjects(onChange: () => void): vscode.Disposable {
  const watchers = [`**/${CONFIG_FILE}`, '**/data'].map((pattern) =>
    vscode.workspace.createFileSystemWatcher(pattern, false, true, false),
  );
  const subscriptions = watchers.flatMap((watcher) => [
    watcher.onDidCreate(onChange),
    watcher.onDidDelete(onChange),
  ]);
  const folders = vscode.workspace.onDidChangeWorkspaceFolders(onChange);
  return vscode.Disposable.from(...watchers, ...subscriptions, folders);
}
