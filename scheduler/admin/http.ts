// HTTP plumbing for the admin API: bearer-token check, capped body reading and plain
// responses. TrailBase sends the errors of its admin API as text/plain, so these do too.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error response: status, text body and extra headers such as `Allow`. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * Compares SHA-256 digests in constant time, so neither the token's content nor its
 * length leaks through response timing.
 */
export function hasValidToken(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const presented = createHash('sha256')
    .update(match?.[1] ?? '')
    .digest();
  const expected = createHash('sha256').update(token).digest();
  return match !== null && timingSafeEqual(presented, expected);
}

/**
 * Reads the whole body, or fails with 413 as soon as it exceeds `maxBytes`: up front
 * from Content-Length, or while streaming. After a 413 the request is not read further.
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  const tooLarge = () => new HttpFailure(413, `request body exceeds ${maxBytes} bytes`);
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) return Promise.reject(tooLarge());

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        request.off('data', onData);
        request.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

/**
 * Sends an error. When the request body was not read completely (413, or an early 401),
 * the connection is closed, so the rest of the body is never read.
 */
export function sendFailure(
  request: IncomingMessage,
  response: ServerResponse,
  failure: HttpFailure,
): void {
  const unread = !request.complete;
  const headers: Record<string, string | number> = {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(failure.message),
    ...failure.headers,
  };
  if (unread) headers.connection = 'close';
  response.writeHead(failure.status, headers);
  response.end(failure.message, () => {
    if (unread) request.socket.destroy();
  });
}
