// Entry point that VS Code loads. It only measures and logs activation, and the session
// module, loaded on first activation, does the work.
import type * as vscode from 'vscode';
import type { Session } from './session';

let session: Session | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const startedAt = performance.now();
  const { startSession } = await import('./session.js');
  const started = startSession(context);
  session = started;
  started.log.info(`Activated in ${Math.round(performance.now() - startedAt)} ms.`);
}

export async function deactivate(): Promise<void> {
  const stopping = session?.stop();
  session = undefined;
  await stopping;
}
