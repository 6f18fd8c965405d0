// Test-runner extension for code-server, where @vscode/test-electron cannot start VS Code.
// It is installed next to trailcron in a test profile. When the extension host has
// TRAILCRON_E2E_SUITE (a bundled suite) and TRAILCRON_E2E_RESULT (where to write the results)
// in its environment, it runs the suite once and writes an InEditorRun as JSON.
import { writeFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as vscode from 'vscode';
import { RESULT_ENV, SUITE_ENV, type InEditorRun } from '../results';

interface SuiteModule {
  run(log: (line: string) => void): Promise<InEditorRun['results']>;
}

export function activate(): void {
  const suitePath = process.env[SUITE_ENV];
  const resultPath = process.env[RESULT_ENV];
  if (!suitePath || !resultPath) return;

  const output = vscode.window.createOutputChannel('trailcron tests');
  void runSuite(suitePath, resultPath, (line) => output.appendLine(line));
}

async function runSuite(
  suitePath: string,
  resultPath: string,
  log: (line: string) => void,
): Promise<void> {
  const run: InEditorRun = {
    vscodeVersion: vscode.version,
    startedAt: new Date().toISOString(),
    results: [],
  };
  try {
    // The suite is bundled separately and loaded at run time, so one runner serves any suite.
    const suite = createRequire(__filename)(suitePath) as SuiteModule;
    run.results = await suite.run(log);
  } catch (error) {
    run.fatalError = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`suite failed to run: ${run.fatalError}`);
  }

  // Written under a temporary name and renamed, so the harness never reads half a file.
  writeFileSync(`${resultPath}.partial`, JSON.stringify(run, null, 2));
  renameSync(`${resultPath}.partial`, resultPath);
}

export function deactivate(): void {}
