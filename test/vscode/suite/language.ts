// Language features on the example's config.textproto, served by the bundled language server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { formatRun, nextRuns, parse } from '../../../cron';
import { test, waitFor } from './framework';
import { activateTrailcron, configUri } from './project';

// A seconds field of 61 is out of range (0-59) in TrailBase's cron grammar.
const BAD_SCHEDULE = '61 * * * * *';

test('trailcron activates', async () => {
  const extension = await activateTrailcron();
  assert.equal(extension.isActive, true);
});

test('bad schedule gets a diagnostic', async () => {
  const document = await vscode.workspace.openTextDocument(configUri());
  await vscode.window.showTextDocument(document);
  const range = findSchedule(document, 'QUERY_OPTIMIZER');

  // Edits the open buffer only, because the sidecar reads the file on disk, which stays valid.
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, BAD_SCHEDULE);
  assert.equal(await vscode.workspace.applyEdit(edit), true);

  try {
    const diagnostics = await waitFor(
      'a diagnostic on the planted schedule',
      () => vscode.languages.getDiagnostics(document.uri),
      (found) => found.some((diagnostic) => diagnostic.range.start.line === range.start.line),
    );
    const planted = diagnostics.find((item) => item.range.start.line === range.start.line);
    assert.ok(planted);
    assert.equal(planted.severity, vscode.DiagnosticSeverity.Error);
    assert.match(planted.message, /61/);
  } finally {
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  assert.equal(document.isDirty, false);
});

test('hover on schedule shows next runs', async () => {
  const document = await vscode.workspace.openTextDocument(configUri());
  const range = findSchedule(document, 'BACKUP');
  const position = range.start.translate(0, 1);

  const hovers = await waitFor(
    'a hover with next runs',
    () =>
      vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        position,
      ),
    (found) => hoverText(found).includes('Next runs'),
  );
  const text = hoverText(hovers);
  assert.match(text, /Next runs \(UTC\)/);

  // The hover's UTC column must list the runs that the schedule engine computes.
  const parsed = parse(document.getText(range));
  assert.ok(
    parsed.schedule,
    `the example's Backup schedule does not parse: ${document.getText(range)}`,
  );
  const shown = [...text.matchAll(/\| (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC) \|/g)].map(
    (match) => match[1],
  );
  assert.ok(shown.length >= 3, `expected at least 3 run times in the hover:\n${text}`);
  // The rows must be consecutive runs of the schedule, starting at the first one shown.
  const first = new Date(shown[0]!.replace(' UTC', 'Z').replace(' ', 'T'));
  assert.ok(first.getTime() > Date.now() - 60_000, `first run ${shown[0]} is in the past`);
  const expected = nextRuns(parsed.schedule, new Date(first.getTime() - 1), shown.length);
  assert.deepEqual(
    shown,
    expected.map((run) => formatRun(run, 'UTC')),
  );
});

// Returns the range of the quoted schedule inside the `system_jobs` entry with this id.
export function findSchedule(document: vscode.TextDocument, jobId: string): vscode.Range {
  const text = document.getText();
  const entry = text.indexOf(`id: ${jobId}`);
  assert.notEqual(entry, -1, `config.textproto has no entry with id: ${jobId}`);
  const match = /schedule: "([^"]*)"/.exec(text.slice(entry));
  assert.ok(match, `no schedule after id: ${jobId}`);
  const start = entry + match.index + 'schedule: "'.length;
  return new vscode.Range(
    document.positionAt(start),
    document.positionAt(start + match[1]!.length),
  );
}

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}
