// Loads guest modules inside the worker: TypeScript and ES modules are transpiled to
// CommonJS with sucrase, which keeps line numbers, so stack traces and declaration
// lines point at the user's source. `trailbase-wasm` imports resolve to our stand-ins.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, resolve } from 'node:path';
import { runInThisContext } from 'node:vm';
import { transform } from 'sucrase';

import * as guestDb from './guest/db';
import * as guestHttp from './guest/http';
import * as guestRoot from './guest/index';
import * as guestJob from './guest/job';
import { guestFiles } from './guest/runtime';
import * as guestUnavailable from './guest/unavailable';

const STAND_INS: Record<string, unknown> = {
  'trailbase-wasm': guestRoot,
  'trailbase-wasm/db': guestDb,
  'trailbase-wasm/fs': guestUnavailable,
  'trailbase-wasm/http': guestHttp,
  'trailbase-wasm/job': guestJob,
  'trailbase-wasm/kv': guestUnavailable,
};

const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.mts', '.cts']);
const SOURCE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];

interface GuestModule {
  exports: Record<string, unknown>;
}

const cache = new Map<string, GuestModule>();

export function loadGuestModule(file: string): Record<string, unknown> {
  const cached = cache.get(file);
  if (cached) return cached.exports;

  const module: GuestModule = { exports: {} };
  cache.set(file, module);
  guestFiles.add(file);

  const source = readFileSync(file, 'utf8');
  const transforms: ('typescript' | 'imports')[] = TYPESCRIPT_EXTENSIONS.has(extname(file))
    ? ['typescript', 'imports']
    : ['imports'];
  const { code } = transform(source, { transforms, filePath: file });

  // The wrapper stays on the first line so that line numbers match the source.
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${code}\n})`;
  const evaluate = runInThisContext(wrapper, { filename: file }) as (...args: unknown[]) => void;
  evaluate(module.exports, requireFrom(file), module, file, dirname(file));
  return module.exports;
}

function requireFrom(file: string): (specifier: string) => unknown {
  const nodeRequire = createRequire(file);
  return (specifier) => {
    if (specifier in STAND_INS) return STAND_INS[specifier];
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      const target = resolveSource(resolve(dirname(file), specifier));
      if (target) return loadGuestModule(target);
    }
    // NOTE: other imports go to Node's require, so unlike TrailBase's WASM sandbox a guest
    // here can reach the file system and network; this is why loading needs trust.
    return nodeRequire(specifier);
  };
}

/** Resolves a relative import, including TypeScript's `./file.js` spelling for `file.ts`. */
function resolveSource(base: string): string | undefined {
  const withoutJs = base.replace(/\.(m?)js$/, '');
  const candidates = [
    base,
    ...SOURCE_EXTENSIONS.map((extension) => withoutJs + extension),
    ...SOURCE_EXTENSIONS.map((extension) => `${base}/index${extension}`),
  ];
  return candidates.find((candidate) => isFile(candidate));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
