// Runs the in-editor suite (test/vscode/suite) inside code-server's extension host and reports
// each of its tests as a subtest here. The test-runner extension writes the results to a JSON
// file, which this harness waits for.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { InEditorRun } from '../vscode/results';
import { EditorSession } from './session';

const SUITE_TIMEOUT_MS = 180_000;

const session = new EditorSession('in-editor');
const resultPath = join(session.tempDir, 'result.json');

before(async () => {
  await session.start({ inEditorResultPath: resultPath });
  await session.open();
});

after(async () => {
  await session.close();
});

test('in-editor suite', async (t) => {
  const run = await waitForResults(resultPath, SUITE_TIMEOUT_MS);
  assert.equal(run.fatalError, undefined, 'the in-editor suite could not run');
  assert.ok(run.results.length > 0, 'the in-editor suite ran no test');

  for (const result of run.results) {
    await t.test(result.name, () => {
      if (!result.passed) assert.fail(result.error ?? 'failed without an error message');
    });
  }
});

async function waitForResults(path: string, timeoutMs: number): Promise<InEditorRun> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (Date.now() > deadline) {
      throw new Error(
        `no result file ${path} after ${timeoutMs} ms: the test-runner extension did not ` +
          `finish. code-server output:\n${session.server?.output() ?? ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return JSON.parse(readFileSync(path, 'utf8')) as InEditorRun;
}
