// TrailBase's admin job routes and our extras, each translated to one JobControl call.
// Shapes and status codes follow TrailBase v0.33 (crates/core/src/admin/jobs/): the
// list returns `{"jobs":[...]}`, a run waits and returns `{"error":null|"..."}`, and an
// unknown id is 412 "precondition failed: Job not found".
import type { JobControl, JobInfo } from '../protocol';
import { HttpFailure } from './http';

export type Method = 'GET' | 'POST';

export interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body; undefined for routes that take none. */
  body: unknown;
}

export interface Route {
  method: Method;
  pattern: RegExp;
  /** Expects a JSON body (Content-Type: application/json), as axum's Json extractor. */
  jsonBody: boolean;
  handle(control: JobControl, request: RouteRequest): Promise<unknown> | unknown;
}

/** A job as TrailBase's admin API lists it. */
export interface AdminJob {
  id: number;
  name: string;
  schedule: string;
  enabled: boolean;
  next: number | null;
  latest: [number, number, string | null] | null;
}

const JOB_NOT_FOUND = 'precondition failed: Job not found';

/** Bounds the history route; the runtime keeps more rows than one response contains. */
export const MAX_HISTORY_LIMIT = 1000;

export const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/api\/_admin\/jobs$/, jsonBody: false, handle: listJobs },
  { method: 'GET', pattern: /^\/_\/admin\/jobs$/, jsonBody: false, handle: listJobs },
  {
    method: 'POST',
    pattern: /^\/api\/_admin\/job\/run$/,
    jsonBody: true,
    handle: (control, request) => runJob(control, idFromBody(request.body)),
  },
  {
    method: 'POST',
    pattern: /^\/_\/admin\/jobs\/(?<id>[^/]+)\/run$/,
    jsonBody: false,
    handle: (control, request) => runJob(control, idFromPath(request.params.id)),
  },
  {
    method: 'POST',
    pattern: /^\/api\/_admin\/job\/stop$/,
    jsonBody: true,
    handle: (control, request) => changedJob(control.stopJob(idFromBody(request.body))),
  },
  {
    method: 'POST',
    pattern: /^\/api\/_admin\/job\/start$/,
    jsonBody: true,
    handle: (control, request) => changedJob(control.startJob(idFromBody(request.body))),
  },
  {
    method: 'GET',
    pattern: /^\/api\/_admin\/jobs\/history$/,
    jsonBody: false,
    handle: (control, request) => history(control, request.query),
  },
];

export function toAdminJob(job: JobInfo): AdminJob {
  return {
    id: job.id,
    name: job.name,
    schedule: job.schedule,
    enabled: job.enabled,
    next: job.next,
    latest: job.latest,
  };
}

function listJobs(control: JobControl): { jobs: AdminJob[] } {
  return { jobs: control.listJobs().jobs.map(toAdminJob) };
}

async function runJob(control: JobControl, id: number): Promise<{ error: string | null }> {
  if (!control.listJobs().jobs.some((job) => job.id === id)) {
    throw new HttpFailure(412, JOB_NOT_FOUND);
  }
  const result = await control.runJob(id, 'api');
  // TrailBase would start a second run; our runtime never overlaps runs of one job.
  if (result.rejected) throw new HttpFailure(409, `conflict: ${result.rejected}`);
  return { error: result.error };
}

function changedJob(job: JobInfo | undefined): AdminJob {
  if (!job) throw new HttpFailure(412, JOB_NOT_FOUND);
  return toAdminJob(job);
}

function history(control: JobControl, query: URLSearchParams): { runs: unknown[] } {
  const id = query.has('id') ? parseInteger('id', query.get('id') ?? '') : undefined;
  const limit = query.has('limit') ? parseInteger('limit', query.get('limit') ?? '') : undefined;
  if (limit !== undefined && (limit < 1 || limit > MAX_HISTORY_LIMIT)) {
    throw new HttpFailure(400, `invalid limit ${limit}: expected 1 to ${MAX_HISTORY_LIMIT}`);
  }
  return { runs: control.history({ id, limit }) };
}

/** Mirrors axum's Json extractor: 422 when valid JSON lacks an integer `id`. */
function idFromBody(body: unknown): number {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpFailure(422, 'invalid request body: expected an object such as {"id": 2}');
  }
  const id = (body as { id?: unknown }).id;
  if (id === undefined) throw new HttpFailure(422, 'invalid request body: missing field `id`');
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
    throw new HttpFailure(
      422,
      `invalid request body: id must be an integer, got ${JSON.stringify(id)}`,
    );
  }
  return id;
}

function idFromPath(text: string | undefined): number {
  return parseInteger('job id', text ?? '');
}

function parseInteger(name: string, text: string): number {
  if (!/^-?\d{1,15}$/.test(text)) {
    throw new HttpFailure(400, `invalid ${name} '${text}': expected an integer`);
  }
  return Number(text);
}
