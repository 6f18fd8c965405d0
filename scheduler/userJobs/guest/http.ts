// Stand-in for `trailbase-wasm/http`, so that a guest module declaring HTTP handlers
// next to its jobs still loads. The handlers are kept but never served.
export type Method = 'get' | 'post' | 'head' | 'options' | 'patch' | 'delete' | 'put';

export type HttpHandlerCallback = (request: unknown) => unknown;

export interface HttpHandlerInterface {
  path: string;
  method: Method;
  handler: HttpHandlerCallback;
}

export class HttpHandler implements HttpHandlerInterface {
  constructor(
    public readonly path: string,
    public readonly method: Method,
    public readonly handler: HttpHandlerCallback,
  ) {}

  static get(path: string, handler: HttpHandlerCallback): HttpHandler {
    return new HttpHandler(path, 'get', handler);
  }

  static post(path: string, handler: HttpHandlerCallback): HttpHandler {
    return new HttpHandler(path, 'post', handler);
  }

  static head(path: string, handler: HttpHandlerCallback): HttpHandler {
    return new HttpHandler(path, 'head', handler);
  }

  static options(path: string, handler: HttpHandlerCallback): HttpHandler {
    return new HttpHandler(path, 'options', handler);
  }

  static patch(path: string, handler: HttpHandlerCallback): HttpHandler {
    return new HttpHandler(path, 'patch', handler);
  }

  static delete(path: string, handler: HttpHandlerCallback): HttpHandler {
    return new HttpHandler(path, 'delete', handler);
  }

  static put(path: string, handler: HttpHandlerCallback): HttpHandler {
    return new HttpHandler(path, 'put', handler);
  }
}

// NOTE: only the common status codes; TrailBase's enum lists every registered code.
export const StatusCode = {
  OK: 200,
  CREATED: 201,
  NO_CONTENT: 204,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  INTERNAL_SERVER_ERROR: 500,
} as const;

export class HttpResponse {
  protected constructor(
    public readonly status: number,
    public readonly headers: [string, string][],
    public readonly body: string | Uint8Array | undefined,
  ) {}

  static status(status: number, body?: string | Uint8Array): HttpResponse {
    return new HttpResponse(status, [], body);
  }

  static ok(body?: string | Uint8Array): HttpResponse {
    return new HttpResponse(StatusCode.OK, [], body);
  }

  static text(body: string | Uint8Array): HttpResponse {
    return new HttpResponse(StatusCode.OK, [['content-type', 'text/plain; charset=utf-8']], body);
  }

  static json(value: object): HttpResponse {
    const headers: [string, string][] = [['content-type', 'application/json']];
    return new HttpResponse(StatusCode.OK, headers, JSON.stringify(value));
  }
}

export class HttpError extends Error {
  constructor(
    public readonly status: number,
    message?: string,
  ) {
    super(message);
  }

  static from(status: number, message?: string): HttpError {
    return new HttpError(status, message);
  }
}
