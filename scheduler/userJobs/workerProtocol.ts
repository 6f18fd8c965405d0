// Messages between the sidecar and a user-job worker thread. The worker receives one
// request as `workerData` and posts log lines followed by exactly one result.
import type { LogLevel } from '../protocol';

/** Evaluates one guest module and lists the job handlers its `initEndpoint` reports. */
export interface ManifestRequest {
  mode: 'manifest';
  file: string;
}

/** Evaluates one guest module and runs the named job handler against main.db. */
export interface RunRequest {
  mode: 'run';
  file: string;
  jobName: string;
  mainDbPath: string;
}

export type WorkerRequest = ManifestRequest | RunRequest;

/** Position in a guest file, zero-based as in LSP. */
export interface GuestLocation {
  file: string;
  line: number;
  character: number;
}

export interface GuestJob {
  name: string;
  spec: string;
  location: GuestLocation;
}

export interface GuestProblem {
  name: string;
  message: string;
  location: GuestLocation;
}

export interface ManifestResult {
  type: 'manifest';
  jobs: GuestJob[];
  problems: GuestProblem[];
}

export interface RunSucceeded {
  type: 'succeeded';
}

export interface RunFailed {
  type: 'failed';
  message: string;
}

export interface WorkerLog {
  type: 'log';
  level: LogLevel;
  message: string;
}

export type WorkerMessage = ManifestResult | RunSucceeded | RunFailed | WorkerLog;
