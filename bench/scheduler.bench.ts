// Scheduler benchmark: 10,000 jobs firing every second in our runtime and in croner, each in
// its own child process so CPU and RSS are measured separately, plus the sidecar's cold start
// to its first JSON-RPC response. The child processes run this file bundled by esbuild, as the
// runtime ships, rather than through tsx, whose loader adds memory and per-function wrappers.
//
//   npm run bench -- scheduler                     60 s per runtime
//   TRAILCRON_BENCH_SECONDS=10 npm run bench -- scheduler
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Cron } from 'croner';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import { createExampleData } from '../examples/exampleData';
import { nextRun, parse } from '../cron';
import type { JobDefinition } from '../scheduler/job';
import { ListJobsRequest } from '../scheduler/protocol';
import { JobRuntime } from '../scheduler/runtime';

const JOB_COUNT = 10_000;
const IDLE_SECONDS = 10;
/** Seconds of firings left out of the lateness numbers while V8 optimises the hot code. */
const WARM_UP_SECONDS = 2;
const COLD_STARTS = 7;
const ROOT = resolve(__dirname, '..');
const SIDECAR = join(ROOT, 'dist', 'sidecar.js');

type Engine = 'trailcron' | 'croner';

interface PhaseResult {
  engine: Engine;
  seconds: number;
  firings: number;
  latenessP50: number;
  latenessP99: number;
  latenessMax: number;
  cpuPercent: number;
  idleCpuPercent: number;
  rssPeakMb: number;
}

/** Wall clock with sub-millisecond resolution. */
function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.floor(fraction * sorted.length));
  return sorted[index]!;
}

// Every job fires on whole seconds, so a run's lateness is its distance past the second.
function lateness(): number {
  const now = nowMs();
  return now - Math.floor(now / 1000) * 1000;
}

/** Starts JOB_COUNT jobs on `schedule`; returns a stop function. */
function startJobs(engine: Engine, schedule: string, record: () => void): () => Promise<void> {
  if (engine === 'croner') {
    const jobs = Array.from({ length: JOB_COUNT }, () => new Cron(schedule, record));
    return async () => jobs.forEach((job) => job.stop());
  }
  const parsed = parse(schedule).schedule;
  if (parsed === undefined) throw new Error(`invalid benchmark schedule ${schedule}`);
  const runtime = new JobRuntime({ project: 'bench' });
  const definitions: JobDefinition[] = Array.from({ length: JOB_COUNT }, (_, index) => ({
    id: index + 1,
    name: `bench ${index + 1}`,
    kind: 'system',
    schedule,
    enabled: true,
    nextRun: (after) => nextRun(parsed, after),
    run: async () => record(),
  }));
  runtime.setJobs(definitions, []);
  return () => runtime.shutdown(0);
}

async function measureCpu(seconds: number): Promise<{ cpuPercent: number; rssPeakMb: number }> {
  let rssPeak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
  }, 250);
  const cpuStart = process.cpuUsage();
  const wallStart = nowMs();
  await new Promise((done) => setTimeout(done, seconds * 1000));
  const cpu = process.cpuUsage(cpuStart);
  const wall = nowMs() - wallStart;
  clearInterval(sampler);
  return {
    cpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100,
    rssPeakMb: rssPeak / 1024 / 1024,
  };
}

/** Measures one engine in this process: every-second jobs, then hourly jobs for idle CPU. */
async function runPhase(engine: Engine, seconds: number): Promise<PhaseResult> {
  const samples = new Float64Array(JOB_COUNT * (seconds + 2));
  let firings = 0;
  let sampled = 0;
  const warmUpEnds = (Math.floor(nowMs() / 1000) + WARM_UP_SECONDS + 1) * 1000;
  const stop = startJobs(engine, '* * * * * *', () => {
    firings++;
    if (nowMs() < warmUpEnds || sampled >= samples.length) return;
    samples[sampled++] = lateness();
  });
  const busy = await measureCpu(seconds);
  await stop();

  const stopIdle = startJobs(engine, '@hourly', () => {});
  const idle = await measureCpu(IDLE_SECONDS);
  await stopIdle();

  const sorted = samples.slice(0, sampled).sort();
  return {
    engine,
    seconds,
    firings,
    latenessP50: percentile(sorted, 0.5),
    latenessP99: percentile(sorted, 0.99),
    latenessMax: sorted[sorted.length - 1] ?? Number.NaN,
    cpuPercent: busy.cpuPercent,
    idleCpuPercent: idle.cpuPercent,
    rssPeakMb: Math.max(busy.rssPeakMb, idle.rssPeakMb),
  };
}

function runPhaseInChild(bundle: string, engine: Engine, seconds: number): PhaseResult {
  const child = spawnSync(process.execPath, [bundle, '--phase', engine, String(seconds)], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: (seconds + IDLE_SECONDS + 60) * 1000,
  });
  if (child.status !== 0) {
    throw new Error(`benchmark phase ${engine} failed (${child.status}): ${child.stderr}`);
  }
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as PhaseResult;
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Milliseconds to spawn `node -e ""` and see it exit. */
function bareNodeStart(): number {
  const started = nowMs();
  spawnSync(process.execPath, ['-e', '']);
  return nowMs() - started;
}

/** Milliseconds from spawning dist/sidecar.js to the response of its first jobs/list. */
async function coldStart(project: string): Promise<number> {
  const started = nowMs();
  const child = spawn(process.execPath, [SIDECAR, '--stdio', '--project', project, '--no-admin']);
  child.stderr.resume();
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  connection.listen();
  await connection.sendRequest(ListJobsRequest);
  const elapsed = nowMs() - started;
  const exited = new Promise((done) => child.once('exit', done));
  child.stdin.end();
  await exited;
  connection.dispose();
  return elapsed;
}

function row(result: PhaseResult): string {
  const cells = [
    result.engine,
    result.firings.toLocaleString('en-US'),
    result.latenessP50.toFixed(2),
    result.latenessP99.toFixed(2),
    result.latenessMax.toFixed(1),
    result.cpuPercent.toFixed(1),
    result.idleCpuPercent.toFixed(2),
    result.rssPeakMb.toFixed(0),
  ];
  return `| ${cells.join(' | ')} |`;
}

export default async function (): Promise<{ title: string; markdown: string }> {
  const seconds = Number(process.env.TRAILCRON_BENCH_SECONDS ?? 60);
  const distBuild = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (distBuild.status !== 0) throw new Error('esbuild failed');

  const project = mkdtempSync(join(tmpdir(), 'trailcron-bench-'));
  // Inside node_modules, so the bundle resolves its external packages from the project.
  const bundle = join(ROOT, 'node_modules', '.cache', 'trailcron-bench', 'scheduler.js');
  const starts: number[] = [];
  const bareStarts: number[] = [];
  let ours: PhaseResult;
  let croner: PhaseResult;
  try {
    const { build } = await import('esbuild');
    await build({
      entryPoints: [__filename],
      external: ['esbuild', '@photostructure/sqlite'],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'warning',
    });
    ours = runPhaseInChild(bundle, 'trailcron', seconds);
    croner = runPhaseInChild(bundle, 'croner', seconds);

    createExampleData(project, 86_400);
    for (let index = 0; index < COLD_STARTS; index++) {
      starts.push(await coldStart(project));
      bareStarts.push(bareNodeStart());
    }
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
  const median = medianOf(starts);

  const markdown = [
    `${JOB_COUNT.toLocaleString('en-US')} jobs on \`* * * * * *\` for ${seconds} s, each engine`,
    'in its own Node process; a job records how far past the whole second it started.',
    `Idle CPU: the same number of \`@hourly\` jobs for ${IDLE_SECONDS} s. Targets: p99`,
    'lateness < 10 ms, RSS < 80 MB, sidecar cold start < 300 ms.',
    '',
    '| engine | runs | lateness p50 (ms) | p99 (ms) | max (ms) | CPU busy (%) | CPU idle (%) | RSS peak (MB) |',
    '|---|---|---|---|---|---|---|---|',
    row(ours),
    row(croner),
    '',
    `Sidecar cold start to the first \`jobs/list\` response (dist/sidecar.js, example data,`,
    `${COLD_STARTS} runs): median ${median.toFixed(0)} ms, min ${Math.min(...starts).toFixed(0)} ms,`,
    `max ${Math.max(...starts).toFixed(0)} ms. For scale, starting and exiting a bare`,
    `\`node -e ""\` on the same machine took ${medianOf(bareStarts).toFixed(0)} ms (median).`,
    '',
    `Lateness leaves out the first ${WARM_UP_SECONDS} s of each engine (JIT warm-up); "runs"`,
    'counts all of them. CPU busy is process CPU time over wall time while the jobs fire.',
  ].join('\n');
  return { title: 'Scheduler runtime', markdown };
}

const phaseFlag = process.argv.indexOf('--phase');
if (phaseFlag !== -1) {
  const engine = process.argv[phaseFlag + 1] as Engine;
  const seconds = Number(process.argv[phaseFlag + 2]);
  void runPhase(engine, seconds).then((result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  });
}
