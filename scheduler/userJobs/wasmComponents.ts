// Compiled components in `<project>/wasm/` are what TrailBase itself runs. They are
// listed so the user sees them, but not run: executing them needs TrailBase's
// WASM component host (wasmtime with its WASI and database bindings), which the
// sidecar does not embed.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { JobProblem } from '../protocol';

export const WASM_NOT_RUNNABLE =
  "compiled WASM component not runnable yet: the sidecar does not host TrailBase's WASM " +
  'component runtime; put the TypeScript source of its job handlers under a search root to ' +
  'run them here';

export function listWasmComponents(projectDir: string): JobProblem[] {
  const folder = join(projectDir, 'wasm');
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.wasm'))
    .sort()
    .map((name) => ({
      name,
      message: WASM_NOT_RUNNABLE,
      source: { file: join(folder, name), line: 0, character: 0 },
    }));
}
