// Declarations of the parts of the `trailbase-wasm` package (0.6) this example uses, so
// the repository type-checks it without installing the package.
declare module 'trailbase-wasm' {
  import type { JobHandlerInterface } from 'trailbase-wasm/job';

  export interface Config {
    incomingHandler: { handle: (...args: unknown[]) => Promise<void> };
    initEndpoint: { getManifest: (args: string) => string };
    sqliteFunctionEndpoint: { dispatchScalarFunction: (...args: unknown[]) => unknown };
  }

  export function defineConfig(options: {
    init?: (args: { version: string | undefined }) => void;
    httpHandlers?: unknown[];
    jobHandlers?: JobHandlerInterface[];
    metadata?: Record<string, unknown>;
  }): Config;
}

declare module 'trailbase-wasm/job' {
  export type JobHandlerType = () => void | Promise<void>;

  export type JobHandlerInterface = { name: string; spec: string; handler: JobHandlerType };

  export class JobHandler implements JobHandlerInterface {
    constructor(name: string, spec: string, handler: JobHandlerType);
    readonly name: string;
    readonly spec: string;
    readonly handler: JobHandlerType;
    static hourly(name: string, handler: JobHandlerType): JobHandler;
    static minutely(name: string, handler: JobHandlerType): JobHandler;
  }
}

declare module 'trailbase-wasm/db' {
  export type Value = null | boolean | bigint | number | string | Uint8Array;

  export function query(sql: string, params: Value[]): Promise<Value[][]>;
  export function execute(sql: string, params: Value[]): Promise<number>;
  export function escape(text: string): string;
}
