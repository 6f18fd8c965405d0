// A minimal test runner for code that must run inside the extension host, where node:test
// is not available to report back. Tests run one after another in registration order,
// because later tests build on the editor state that earlier ones leave (an open document,
// a run in the history).
import type { InEditorTestResult } from '../results';

export type TestBody = () => Promise<void>;

interface RegisteredTest {
  name: string;
  body: TestBody;
  timeoutMs: number;
}

const registered: RegisteredTest[] = [];

export function test(name: string, body: TestBody, timeoutMs = 30_000): void {
  registered.push({ name, body, timeoutMs });
}

export async function runRegisteredTests(
  log: (line: string) => void,
): Promise<InEditorTestResult[]> {
  const results: InEditorTestResult[] = [];
  for (const { name, body, timeoutMs } of registered) {
    const started = Date.now();
    try {
      await withTimeout(body(), timeoutMs, name);
      results.push({ name, passed: true, durationMs: Date.now() - started });
      log(`ok ${name}`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      results.push({ name, passed: false, durationMs: Date.now() - started, error: message });
      log(`not ok ${name}\n${message}`);
    }
  }
  return results;
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${name}: timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// Polls `read` until `accept` returns true, for state that the language server or the sidecar
// updates asynchronously. Returns the last value read.
export async function waitFor<T>(
  description: string,
  read: () => T | PromiseLike<T>,
  accept: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value)) {
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${description}; last value: ` +
          `${JSON.stringify(value)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}
