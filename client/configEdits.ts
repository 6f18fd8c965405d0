// Turns a system job on or off in config.textproto the way TrailBase's admin UI does:
// by adding or changing its `jobs { system_jobs { ... } }` override. TrailBase rejects an
// override without a schedule, so every new entry carries the job's current schedule.
import * as vscode from 'vscode';
import { SYSTEM_JOB_ID_VALUES } from '../server/config/schema';
import { SYSTEM_JOBS } from '../server/config/systemJobs';
import type { JobInfo } from '../scheduler/protocol';
import {
  scanConfig,
  type MessageValue,
  type ScannedConfig,
  type SystemJobOverride,
} from './configScan';

export type ConfigEditResult =
  { kind: 'edited' } | { kind: 'unchanged'; reason: string } | { kind: 'failed'; message: string };

interface TextInsertion {
  offset: number;
  end: number;
  text: string;
}

export async function setJobDisabledInConfig(
  configUri: vscode.Uri,
  job: JobInfo,
  disabled: boolean,
): Promise<ConfigEditResult> {
  const document = await vscode.workspace.openTextDocument(configUri);
  const scan = scanConfig(document.getText());
  if (!scan.ok) {
    const line = document.positionAt(scan.offset).line + 1;
    return {
      kind: 'failed',
      message: `config.textproto has a syntax error on line ${line}. Fix it, then try again.`,
    };
  }
  const change = planChange(document, scan.config, job, disabled);
  if ('reason' in change) return { kind: 'unchanged', reason: change.reason };
  return applyChange(document, change);
}

function planChange(
  document: vscode.TextDocument,
  config: ScannedConfig,
  job: JobInfo,
  disabled: boolean,
): TextInsertion | { reason: string } {
  const override = config.overrides.find((entry) => entry.id === job.id);
  const state = disabled ? 'disabled' : 'enabled';
  if (override) {
    if (override.disabled === disabled)
      return { reason: `${job.name} is already ${state} in config.textproto.` };
    return disabled ? addDisabledField(document, override) : removeDisabledField(override);
  }
  const definition = SYSTEM_JOBS.find((entry) => entry.id === job.id);
  if (!definition)
    return {
      reason: `${job.name} is not a TrailBase system job, so config.textproto has no entry for it.`,
    };
  if (definition.enabledByDefault !== disabled) {
    return { reason: `${job.name} is already ${state} by TrailBase's default.` };
  }
  const enumName = SYSTEM_JOB_ID_VALUES[definition.id] ?? String(definition.id);
  return addOverride(document, config, enumName, job.schedule, disabled);
}

function addDisabledField(
  document: vscode.TextDocument,
  override: SystemJobOverride,
): TextInsertion {
  if (override.disabledField) {
    const value = override.disabledField.value;
    return { offset: value.start, end: value.end, text: 'true' };
  }
  const entry = override.entry;
  const last = entry.fields.at(-1);
  const offset = last ? last.end : entry.start + 1;
  const multiline = document.getText().slice(entry.start, entry.closeStart).includes('\n');
  const separator = multiline ? `\n${fieldIndent(document, entry)}` : ' ';
  return { offset, end: offset, text: `${separator}disabled: true` };
}

/** Removes the field together with the whitespace before it, as a serializer omits a false bool. */
function removeDisabledField(override: SystemJobOverride): TextInsertion | { reason: string } {
  const field = override.disabledField;
  if (!field) return { reason: 'The entry has no disabled field to remove.' };
  const index = override.entry.fields.indexOf(field);
  const previous = override.entry.fields[index - 1];
  const start = previous ? previous.end : override.entry.start + 1;
  return { offset: start, end: field.end, text: '' };
}

function addOverride(
  document: vscode.TextDocument,
  config: ScannedConfig,
  enumName: string,
  schedule: string,
  disabled: boolean,
): TextInsertion {
  const lines = [`id: ${enumName}`, `schedule: ${quote(schedule)}`];
  if (disabled) lines.push('disabled: true');
  const jobs = config.jobsBlock;
  if (!jobs) {
    const text = document.getText();
    const prefix = text.length === 0 || text.endsWith('\n') ? '' : '\n';
    const body = lines.map((line) => `    ${line}\n`).join('');
    const block = `${prefix}\njobs {\n  system_jobs {\n${body}  }\n}\n`;
    return { offset: text.length, end: text.length, text: block };
  }
  const indent = fieldIndent(document, jobs);
  const body = lines.map((line) => `${indent}  ${line}\n`).join('');
  const entry = `\n${indent}system_jobs {\n${body}${indent}}`;
  const last = jobs.fields.at(-1);
  const offset = last ? last.end : jobs.start + 1;
  const closingOnOwnLine = document.getText().slice(offset, jobs.closeStart).includes('\n');
  const suffix = closingOnOwnLine ? '' : `\n${lineIndent(document, jobs.closeStart)}`;
  return { offset, end: offset, text: `${entry}${suffix}` };
}

/** Indentation for fields inside `message`: that of its first field, or its own line's plus 2. */
function fieldIndent(document: vscode.TextDocument, message: MessageValue): string {
  const first = message.fields[0];
  const firstLine = first && document.positionAt(first.start).line;
  const openLine = document.positionAt(message.start).line;
  if (first && firstLine !== openLine) return lineIndent(document, first.start);
  return `${lineIndent(document, message.start)}  `;
}

function lineIndent(document: vscode.TextDocument, offset: number): string {
  const line = document.lineAt(document.positionAt(offset).line);
  return line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Applies the change as a WorkspaceEdit so it joins the undo stack, then saves the file
 * when it had no other unsaved changes, so the sidecar reloads it at once.
 */
async function applyChange(
  document: vscode.TextDocument,
  change: TextInsertion,
): Promise<ConfigEditResult> {
  const wasDirty = document.isDirty;
  const range = new vscode.Range(
    document.positionAt(change.offset),
    document.positionAt(change.end),
  );
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, change.text);
  if (!(await vscode.workspace.applyEdit(edit))) {
    return { kind: 'failed', message: 'VS Code did not apply the edit to config.textproto.' };
  }
  if (!wasDirty) await document.save();
  return { kind: 'edited' };
}
