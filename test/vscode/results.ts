// Result file that the in-editor test runner writes and the Node harness reads.
export interface InEditorTestResult {
  name: string;
  passed: boolean;
  durationMs: number;
  // Message and stack of the failure, absent when the test passed.
  error?: string;
}

export interface InEditorRun {
  vscodeVersion: string;
  startedAt: string;
  results: InEditorTestResult[];
  // Set when the suite could not run at all, for example when trailcron did not activate.
  fatalError?: string;
}

// Environment variables that reach the extension host through code-server.
export const SUITE_ENV = 'TRAILCRON_E2E_SUITE';
export const RESULT_ENV = 'TRAILCRON_E2E_RESULT';
