// Stand-in for the root `trailbase-wasm` module: `defineConfig` builds the same three
// endpoints as TrailBase's guest package, and the manifest it returns is how the loader
// learns a module's job handlers. HTTP handlers are accepted but never served.
import { registerJobHandlers, type JobHandlerShape } from './runtime';

export { addPeriodicCallback } from './timers';

export interface Metadata {
  [key: string]: unknown;
}

export interface InitArgs {
  version: string | undefined;
}

export interface Config {
  incomingHandler: { handle: (...args: unknown[]) => Promise<void> };
  initEndpoint: { getManifest: (args: string) => string };
  sqliteFunctionEndpoint: { dispatchScalarFunction: (...args: unknown[]) => unknown };
}

export function defineConfig(options: {
  init?: (args: InitArgs) => void;
  httpHandlers?: unknown[];
  jobHandlers?: JobHandlerShape[];
  metadata?: Metadata;
}): Config {
  const initEndpoint = {
    getManifest(jsonArgs: string): string {
      const args = JSON.parse(jsonArgs) as { version?: string | null; subsystems?: string[] };
      options.init?.({ version: args.version ?? undefined });

      const wantsJobs = args.subsystems?.includes('jobs') ?? false;
      const jobs = options.jobHandlers?.map((job) => ({ name: job.name, spec: job.spec }));
      return JSON.stringify({
        metadata: { ...options.metadata, guest_runtime: 'ecma_script' },
        http_handlers: null,
        job_handlers: wantsJobs ? (jobs ?? null) : null,
        sqlite_functions: null,
      });
    },
  };
  registerJobHandlers(initEndpoint, options.jobHandlers ?? []);

  return {
    incomingHandler: {
      handle: () => Promise.reject(new Error('HTTP handlers are not served by trailcron')),
    },
    initEndpoint,
    sqliteFunctionEndpoint: {
      dispatchScalarFunction: () => {
        throw new Error('SQLite functions are not served by trailcron');
      },
    },
  };
}

export function base64Encode(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

export function base64Decode(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

export function urlSafeBase64Encode(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

export function urlSafeBase64Decode(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64url'));
}
