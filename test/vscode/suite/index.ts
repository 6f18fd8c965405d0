// Entry of the in-editor suite: importing each file registers its tests in order.
import type { InEditorTestResult } from '../results';
import { runRegisteredTests } from './framework';
import './smoke';

export function run(log: (line: string) => void): Promise<InEditorTestResult[]> {
  return runRegisteredTests(log);
}
