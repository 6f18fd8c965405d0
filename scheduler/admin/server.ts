// The admin HTTP API: TrailBase's job routes on 127.0.0.1, every route behind a bearer
// token. Each request is authorised, matched, read (body capped) and handled, and every
// error response is logged as one line naming the method, path, status and cause.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { JobControl, LogLevel } from '../protocol';
import { hasValidToken, HttpFailure, readBody, sendFailure, sendJson } from './http';
import { ROUTES, type Route } from './routes';

export interface AdminServerOptions {
  port: number;
  token: string;
  control: JobControl;
  log(level: LogLevel, message: string): void;
  maxBodyBytes?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** Listens on 127.0.0.1 only; port 0 picks a free port. */
export async function startAdminServer(
  options: AdminServerOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    void handleRequest(options, request, response);
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    options.log('warn', `admin API: malformed request: ${error.code ?? error.message}`);
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  options.log('info', `admin API listening on ${url}`);

  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Connections waiting on a long job run would otherwise keep the server open.
        server.closeAllConnections();
      }),
  };
}

async function handleRequest(
  options: AdminServerOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const method = request.method ?? 'GET';
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  try {
    const { status, value } = await dispatch(options, request, url);
    sendJson(response, status, value);
  } catch (error) {
    const failure =
      error instanceof HttpFailure
        ? error
        : new HttpFailure(500, `internal error: ${String(error)}`);
    const level: LogLevel = failure.status >= 500 ? 'error' : 'warn';
    options.log(level, `admin API ${method} ${url.pathname}: ${failure.status} ${failure.message}`);
    sendFailure(request, response, failure);
  }
}

async function dispatch(
  options: AdminServerOptions,
  request: IncomingMessage,
  url: URL,
): Promise<{ status: number; value: unknown }> {
  if (!hasValidToken(request, options.token)) {
    const reason = request.headers.authorization ? 'invalid bearer token' : 'missing bearer token';
    throw new HttpFailure(401, `unauthorized: ${reason}`, { 'www-authenticate': 'Bearer' });
  }

  const { route, params } = matchRoute(request.method ?? 'GET', url.pathname);
  const body = route.jsonBody
    ? await readJson(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)
    : undefined;
  const value = await route.handle(options.control, { params, query: url.searchParams, body });
  return { status: 200, value };
}

function matchRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } {
  const matching = ROUTES.filter((route) => route.pattern.test(path));
  if (matching.length === 0) throw new HttpFailure(404, `not found: ${path}`);

  // A GET route also serves HEAD, as axum's routes do; Node leaves out the body.
  const effective = method === 'HEAD' ? 'GET' : method;
  const route = matching.find((candidate) => candidate.method === effective);
  if (!route) {
    const methods = matching.flatMap((candidate) =>
      candidate.method === 'GET' ? ['GET', 'HEAD'] : [candidate.method],
    );
    const allow = methods.join(', ');
    throw new HttpFailure(405, `method ${method} not allowed on ${path}; use ${allow}`, { allow });
  }
  const params = { ...route.pattern.exec(path)?.groups };
  return { route, params };
}

async function readJson(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const contentType = request.headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(contentType)) {
    throw new HttpFailure(415, 'unsupported media type: expected Content-Type: application/json');
  }
  const text = await readBody(request, maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpFailure(400, `invalid JSON in request body: ${(error as Error).message}`);
  }
}
