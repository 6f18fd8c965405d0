// Entry of the in-editor suite. Importing each file registers its tests, in this order.
import type { InEditorTestResult } from '../results';
import { runRegisteredTests } from './framework';
import './language';
import './jobs';

export function run(log: (line: string) => void): Promise<InEditorTestResult[]> {
  return runRegisteredTests(log);
}
