import { nextRun, parse } from '../cron';
import { JobRuntime } from '../scheduler/runtime';
const parsed = parse('* * * * * *').schedule!;
const buckets = new Map<number, number[]>();
const runtime = new JobRuntime({ project: 'b' });
runtime.setJobs(Array.from({ length: 10000 }, (_, i) => ({ id: i + 1, name: 'x', kind: 'system' as const, schedule: '', enabled: true, nextRun: (a: Date) => nextRun(parsed, a), run: async () => {
  const now = performance.timeOrigin + performance.now(); const sec = Math.floor(now / 1000);
  let b = buckets.get(sec); if (!b) buckets.set(sec, b = []); b.push(now - sec * 1000);
} })), []);
setTimeout(async () => { await runtime.shutdown(0);
  for (const [sec, b] of buckets) { b.sort((x, y) => x - y); console.log(sec % 100, b.length, b[0]!.toFixed(1), b[b.length >> 1]!.toFixed(1), b[Math.floor(b.length * 0.99)]!.toFixed(1)); }
  console.log('rss', process.memoryUsage.rss() / 1e6);
}, 8000);
