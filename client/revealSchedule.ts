// "Go to Schedule": opens the place that defines a job's schedule. For a system job that
// is the first override in config.textproto, the one TrailBase uses. For a user job it
// is the source location the sidecar reports.
import * as vscode from 'vscode';
import type { JobInfo, SourceLocation } from '../scheduler/protocol';
import { scanConfig } from './configScan';
import type { SidecarSupervisor } from './supervisor';

export async function revealSchedule(supervisor: SidecarSupervisor, job: JobInfo): Promise<void> {
  if (job.kind === 'system') {
    const revealed = await revealOverride(supervisor.project.configUri, job.id);
    if (revealed) return;
  }
  if (job.source) {
    await revealSource(job.source);
    return;
  }
  await offerConfig(supervisor.project.configUri, job);
}

async function revealOverride(configUri: vscode.Uri, jobId: number): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(configUri);
  const scan = scanConfig(document.getText());
  if (!scan.ok) return false;
  const override = scan.config.overrides.find((entry) => entry.id === jobId);
  if (!override) return false;
  const target = override.scheduleField?.value ?? override.entry;
  const range = new vscode.Range(
    document.positionAt(target.start),
    document.positionAt(target.end),
  );
  await vscode.window.showTextDocument(document, { selection: range });
  return true;
}

async function revealSource(source: SourceLocation): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(source.file));
  const position = new vscode.Position(source.line, source.character);
  await vscode.window.showTextDocument(document, {
    selection: new vscode.Range(position, position),
  });
}

async function offerConfig(configUri: vscode.Uri, job: JobInfo): Promise<void> {
  const choice = await vscode.window.showInformationMessage(
    `${job.name} runs on TrailBase's default schedule "${job.schedule}"; ` +
      'config.textproto has no entry for it. Add one under jobs { system_jobs { ... } } ' +
      'to change it, or use "Disable in Config".',
    'Open config.textproto',
  );
  if (choice) await vscode.window.showTextDocument(configUri);
}
