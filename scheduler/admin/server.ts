// TrailBase's admin job routes over HTTP on 127.0.0.1, translated to JobControl calls.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { JobControl, LogLevel } from '../protocol';

export interface AdminServerOptions {
  port: number;
  token: string;
  control: JobControl;
  log(level: LogLevel, message: string): void;
  maxBodyBytes?: number;
}

export async function startAdminServer(
  options: AdminServerOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      response.writeHead(401).end();
      return;
    }
    const jobs = options.control.listJobs().jobs.map((job) => ({
      id: job.id,
      name: job.name,
      schedule: job.schedule,
      enabled: job.enabled,
      next: job.next,
      latest: job.latest,
    }));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ jobs }));
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
