// Entry for @vscode/test-electron (its extensionTestsPath): runs the in-editor suite in a
// desktop VS Code and rejects when a test fails, as that runner expects.
import { run as runSuite } from './suite';

export async function run(): Promise<void> {
  const results = await runSuite((line) => console.log(line));
  const failed = results.filter((result) => !result.passed);
  console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
  if (failed.length > 0) {
    throw new Error(`in-editor tests failed: ${failed.map((result) => result.name).join(', ')}`);
  }
}
