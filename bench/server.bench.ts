// Language server latency on a large config, measured over JSON-RPC against the built
// server (dist/server.js), the way an editor talks to it. Run `node esbuild.mjs` (or
// `npm test`, which builds) first.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

const SERVER = resolve(__dirname, '../dist/server.js');
const JOB_COUNT = 1000;
const CHANGE_ROUNDS = 30;
const REQUEST_ROUNDS = 1000;
const WARMUP_ROUNDS = 50;
const URI = 'file:///bench/traildepot/config.textproto';

const SCHEDULES = ['@hourly', '0 30 3 * * *', '0 */5 * * * *', '0 0 9 * * MON-FRI', '0 0 2 1 * *'];
const IDS = ['BACKUP', 'HEARTBEAT', 'LOG_CLEANER', 'AUTH_CLEANER', 'QUERY_OPTIMIZER'];

/** Builds a config of about 10,000 lines: settings, then 1,000 system_jobs blocks. */
function generateConfig(): { text: string; scheduleLines: number[]; blankLines: number[] } {
  const lines = [
    '# Generated for the language server benchmark.',
    'server {',
    '  application_name: "Bench"',
    '  logs_retention_sec: 604800',
    '}',
    'auth { refresh_token_ttl_sec: 2592000 }',
    'jobs {',
  ];
  const scheduleLines: number[] = [];
  const blankLines: number[] = [];
  for (let i = 0; i < JOB_COUNT; i++) {
    lines.push(`  # Override ${i}`, '  system_jobs {', `    id: ${IDS[i % IDS.length]}`);
    scheduleLines.push(lines.length);
    lines.push(`    schedule: "${SCHEDULES[i % SCHEDULES.length]}"`, '    disabled: false');
    blankLines.push(lines.length);
    lines.push('    ', '  }', '', '  # end', '');
  }
  lines.push('}', '');
  return { text: lines.join('\n'), scheduleLines, blankLines };
}

function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? NaN;
}

function format(ms: number): string {
  return ms.toFixed(2);
}

function readRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kilobytes / 1024;
}

interface Measurements {
  changeTimes: number[];
  hoverTimes: number[];
  completionTimes: number[];
  rssMb: number;
}

/** Node flags of each measured configuration: the defaults, and a smaller young generation. */
const CONFIGURATIONS: readonly (readonly string[])[] = [[], ['--max-semi-space-size=2']];

export default async function (): Promise<{ title: string; markdown: string }> {
  const config = generateConfig();
  const lineCount = config.text.split('\n').length;
  const sections = [
    `A generated config of ${lineCount.toLocaleString('en-US')} lines ` +
      `(${(config.text.length / 1024).toFixed(0)} KiB) with ${JOB_COUNT} system_jobs blocks, ` +
      'opened in dist/server.js and measured from a JSON-RPC client over stdio. "Full ' +
      'diagnostics" is the time from sending a one-character didChange to receiving its ' +
      'publishDiagnostics; a change after a quiet period is validated at once, so no ' +
      `validation delay is included. ${CHANGE_ROUNDS} changes; ${REQUEST_ROUNDS} hovers and ` +
      `completions each after ${WARMUP_ROUNDS} warm-up requests. Other processes shared the ` +
      'cores, so the tails (p95, p99) vary from run to run.',
  ];
  for (const flags of CONFIGURATIONS) {
    const measured = await measureServer(config, flags);
    const label = flags.length === 0 ? 'default Node flags' : `node ${flags.join(' ')}`;
    sections.push('', `### Server started with ${label}`, '', table(measured));
  }
  return { title: 'Language server (server/)', markdown: sections.join('\n') };
}

function table(measured: Measurements): string {
  const rows = [
    ['full diagnostics after a change', measured.changeTimes, 50],
    ['hover on a schedule', measured.hoverTimes, 5],
    ['completion of field names', measured.completionTimes, 10],
  ] as const;
  return [
    '| measurement | median ms | p95 ms | p99 ms | target |',
    '|---|---|---|---|---|',
    ...rows.map(([name, times, target]) => {
      const p99 = percentile(times, 0.99);
      // The diagnostics target is for a typical change, the request targets for the p99.
      const checked = name.startsWith('full') ? percentile(times, 0.5) : p99;
      return (
        `| ${name} | ${format(percentile(times, 0.5))} | ${format(percentile(times, 0.95))} | ` +
        `${format(p99)} | < ${target} ms ${checked < target ? '(met)' : '(missed)'} |`
      );
    }),
    `| server RSS after the runs | ${measured.rssMb.toFixed(1)} MB | | | < 100 MB ` +
      `${measured.rssMb < 100 ? '(met)' : '(missed)'} |`,
  ].join('\n');
}

async function measureServer(
  { text, scheduleLines, blankLines }: ReturnType<typeof generateConfig>,
  flags: readonly string[],
): Promise<Measurements> {
  const child = spawn(process.execPath, [...flags, SERVER, '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const published = new Map<number, () => void>();
  connection.onNotification(
    'textDocument/publishDiagnostics',
    (params: PublishDiagnosticsParams) => {
      if (params.version !== undefined) published.get(params.version)?.();
    },
  );
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
    params.items.map(() => ({ timeZone: 'Europe/Berlin' })),
  );
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();

  try {
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true } },
    });
    await connection.sendNotification('initialized', {});

    const waitFor = (version: number) =>
      new Promise<void>((resolveWait) => published.set(version, resolveWait));
    let version = 1;
    const opened = waitFor(1);
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: URI, languageId: 'textproto', version, text },
    });
    await opened;

    // Each change toggles one schedule between two valid values, so the document
    // stays the same size and every round analyses it in full.
    const changeTimes: number[] = [];
    for (let round = 0; round < CHANGE_ROUNDS; round++) {
      version++;
      const line = scheduleLines[(round * 37) % scheduleLines.length] as number;
      const done = waitFor(version);
      const started = performance.now();
      await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: URI, version },
        contentChanges: [
          {
            range: { start: { line, character: 15 }, end: { line, character: 16 } },
            text: round % 2 === 0 ? '1' : '0',
          },
        ],
      });
      await done;
      changeTimes.push(performance.now() - started);
    }

    const measure = async (method: string, params: (round: number) => unknown) => {
      const times: number[] = [];
      for (let round = 0; round < WARMUP_ROUNDS + REQUEST_ROUNDS; round++) {
        const started = performance.now();
        await connection.sendRequest(method, params(round));
        if (round >= WARMUP_ROUNDS) times.push(performance.now() - started);
      }
      return times;
    };
    const hoverTimes = await measure('textDocument/hover', (round) => ({
      textDocument: { uri: URI },
      position: { line: scheduleLines[(round * 7) % scheduleLines.length], character: 17 },
    }));
    const completionTimes = await measure('textDocument/completion', (round) => ({
      textDocument: { uri: URI },
      position: { line: blankLines[(round * 11) % blankLines.length], character: 4 },
    }));
    const rssMb = readRssMb(child.pid as number);
    return { changeTimes, hoverTimes, completionTimes, rssMb };
  } finally {
    await connection.sendRequest('shutdown').catch(() => undefined);
    await connection.sendNotification('exit').catch(() => undefined);
    connection.dispose();
    if (child.exitCode === null) {
      const timer = setTimeout(() => child.kill(), 2000);
      await new Promise((resolveExit) => child.once('exit', resolveExit));
      clearTimeout(timer);
    }
  }
}
