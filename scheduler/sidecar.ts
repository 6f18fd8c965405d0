// Sidecar entry (bundled to dist/sidecar.js): the scheduler of one project behind JSON-RPC on
// stdin/stdout, with a human-readable log on stderr and the admin HTTP API on 127.0.0.1.
// It exits on SIGINT/SIGTERM, a shutdown request, the end of stdin or the parent's exit.
import { join } from 'node:path';
import {
  createMessageConnection,
  ErrorCodes,
  ResponseError,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import { startAdminServer } from './admin/server';
import { createAdminToken } from './adminToken';
import { describeRun, formatLogLine, runLevel } from './logFormat';
import {
  HistoryRequest,
  JobChangedNotification,
  JobsReloadedNotification,
  ListJobsRequest,
  LogNotification,
  type LogLevel,
  RunFinishedNotification,
  RunJobRequest,
  RunStartedNotification,
  ShutdownRequest,
  SidecarInfoRequest,
  StartJobRequest,
  StopJobRequest,
  type SidecarInfo,
} from './protocol';
import { Scheduler } from './service';
import { parseSidecarArgs, SIDECAR_USAGE, type SidecarArgs } from './sidecarArgs';

/** How long running jobs may finish after a shutdown signal before they are aborted. */
const SHUTDOWN_GRACE_MS = 3_000;
const PARENT_CHECK_INTERVAL_MS = 1_000;
const VERSION = '0.1.0';

async function main(): Promise<void> {
  const args = parseSidecarArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`sidecar: ${args}\n${SIDECAR_USAGE}\n`);
    process.exit(2);
  }

  const connection = createMessageConnection(
    new StreamMessageReader(process.stdin),
    new StreamMessageWriter(process.stdout),
  );
  const log = (level: LogLevel, message: string): void => {
    const time = Date.now();
    process.stderr.write(`${formatLogLine(level, time, message)}\n`);
    notify(connection, LogNotification.method, { level, time, message });
  };

  // Requests may arrive while the scheduler starts; they wait for it.
  const ready = startScheduler(args, connection, log);
  let shuttingDown = false;
  const shutdown = async (reason: string): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    log('info', `Shutting down (${reason})`);
    const { scheduler, closeAdmin } = await ready;
    await scheduler.close(SHUTDOWN_GRACE_MS);
    await closeAdmin();
    connection.dispose();
    process.exit(0);
  };
  registerHandlers(connection, ready, shutdown);
  installShutdownTriggers(connection, args, shutdown);
  connection.listen();

  const { scheduler, info } = await ready;
  log('info', `Scheduler started for ${scheduler.paths.root} (pid ${process.pid})`);
  if (info.adminUrl !== null) log('info', `Admin API on ${info.adminUrl}`);
}

interface Started {
  scheduler: Scheduler;
  info: SidecarInfo;
  closeAdmin: () => Promise<void>;
}
async function startScheduler(
  args: SidecarArgs,
  connection: MessageConnection,
  log: (level: LogLevel, message: string) => void,
): Promise<Started> {
  const send = <P>(type: { method: string }, params: P): void => {
    notify(connection, type.method, params);
  };
  const scheduler = await Scheduler.start({
    projectDir: args.project,
    trusted: args.trusted,
    searchRoots: args.searchRoots,
    workerFile: join(__dirname, 'worker.js'),
    historyMaxRuns: args.historyMaxRuns,
    runTimeoutMs: args.runTimeoutMs,
    listener: {
      log,
      jobChanged: (job) => send(JobChangedNotification, job),
      jobsReloaded: (result) => send(JobsReloadedNotification, result),
      runStarted: (run) => {
        log('info', describeRun(run));
        send(RunStartedNotification, run);
      },
      runFinished: (run) => {
        log(runLevel(run), describeRun(run));
        send(RunFinishedNotification, run);
      },
    },
  });

  let adminUrl: string | null = null;
  let adminToken: string | null = null;
  let closeAdmin = async (): Promise<void> => {};
  if (args.adminPort !== undefined) {
    adminToken = createAdminToken(scheduler.paths);
    try {
      const admin = await startAdminServer({
        port: args.adminPort,
        token: adminToken,
        control: scheduler.runtime,
        log,
      });
      adminUrl = admin.url;
      closeAdmin = admin.close;
    } catch (error) {
      adminToken = null;
      log('error', `Admin API not started on port ${args.adminPort}: ${(error as Error).message}`);
    }
  }

  const info: SidecarInfo = {
    pid: process.pid,
    version: VERSION,
    project: scheduler.paths.root,
    adminUrl,
    adminToken,
    historyFile: scheduler.paths.history,
  };
  return { scheduler, info, closeAdmin };
}

function registerHandlers(
  connection: MessageConnection,
  ready: Promise<Started>,
  shutdown: (reason: string) => Promise<void>,
): void {
  const runtime = async () => (await ready).scheduler.runtime;
  connection.onRequest(ListJobsRequest, async () => (await runtime()).listJobs());
  connection.onRequest(RunJobRequest, async ({ id }) => (await runtime()).runJob(id, 'manual'));
  connection.onRequest(StopJobRequest, async ({ id }) => {
    return (await runtime()).stopJob(id) ?? unknownJob(id);
  });
  connection.onRequest(StartJobRequest, async ({ id }) => {
    return (await runtime()).startJob(id) ?? unknownJob(id);
  });
  connection.onRequest(HistoryRequest, async (params) => (await runtime()).history(params));
  connection.onRequest(SidecarInfoRequest, async () => (await ready).info);
  connection.onRequest(ShutdownRequest, () => {
    // The response goes out before the process exits.
    setImmediate(() => void shutdown('shutdown request'));
  });
}

// After the client has gone, notifications have nowhere to go; the stderr log still has them.
function notify(connection: MessageConnection, method: string, params: unknown): void {
  try {
    void connection.sendNotification(method, params).catch(() => {});
  } catch {
    // The connection is closed or disposed.
  }
}

function unknownJob(id: number): never {
  throw new ResponseError(ErrorCodes.InvalidParams, `No job with id ${id}`);
}

function installShutdownTriggers(
  connection: MessageConnection,
  args: SidecarArgs,
  shutdown: (reason: string) => Promise<void>,
): void {
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.stdin.on('end', () => void shutdown('end of stdin'));
  connection.onClose(() => void shutdown('connection closed'));

  const parentPid = args.parentPid;
  if (parentPid === undefined) return;
  const check = setInterval(() => {
    try {
      process.kill(parentPid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EPERM') return;
      clearInterval(check);
      void shutdown(`parent process ${parentPid} exited`);
    }
  }, PARENT_CHECK_INTERVAL_MS);
}

void main().catch((error: unknown) => {
  process.stderr.write(`sidecar: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
