import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './framework';

test('extension host runs the suite', async () => {
  assert.match(vscode.version, /^\d+\.\d+\.\d+/);
  assert.equal(vscode.workspace.workspaceFolders?.length, 1);
});
