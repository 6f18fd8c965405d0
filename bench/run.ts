// Runs the benchmarks in bench/*.bench.ts (or the names given as arguments, such as `cron`)
// and writes each result into its own marked section of BENCHMARKS.md, so running one
// benchmark keeps the sections of the others.
//
//   npm run bench            all benchmarks
//   npm run bench -- cron    only bench/cron.bench.ts
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface BenchResult {
  title: string;
  markdown: string;
}

const BENCH_DIR = __dirname;
const OUTPUT = resolve(BENCH_DIR, '..', 'BENCHMARKS.md');
const SUFFIX = '.bench.ts';

async function main(names: string[]): Promise<void> {
  const available = readdirSync(BENCH_DIR)
    .filter((file) => file.endsWith(SUFFIX))
    .map((file) => basename(file, SUFFIX))
    .sort();
  const selected = names.length > 0 ? names : available;
  const unknown = selected.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    throw new Error(`unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`);
  }

  for (const name of selected) {
    console.log(`bench: running ${name}`);
    const started = Date.now();
    const module = (await import(pathToFileURL(join(BENCH_DIR, `${name}${SUFFIX}`)).href)) as {
      default: () => Promise<BenchResult>;
    };
    const result = await module.default();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`bench: ${name} finished in ${seconds} s`);
    // Read just before writing, so sections written meanwhile by another run are kept, and
    // written after each benchmark, so a later failure keeps the finished sections.
    const document = existsSync(OUTPUT) ? readFileSync(OUTPUT, 'utf8') : '';
    writeFileSync(OUTPUT, withHeader(replaceSection(document, name, sectionText(name, result))));
  }
  console.log(`bench: wrote ${OUTPUT}`);
}

function sectionText(name: string, result: BenchResult): string {
  const measured =
    `Measured ${timestamp()} UTC on ${machine()}, load average ${loadAverage()}, ` +
    `with \`npm run bench -- ${name}\`.`;
  return `## ${result.title}\n\n${measured}\n\n${result.markdown.trim()}\n`;
}

function timestamp(): string {
  return new Date().toISOString().slice(0, 16).replace('T', ' ');
}

// Other processes on the machine slow the wall-clock numbers, so each section records it.
function loadAverage(): string {
  return loadavg()
    .map((load) => load.toFixed(1))
    .join(' / ');
}

function machine(): string {
  const processors = cpus();
  const model = processors[0]?.model.trim() ?? 'unknown CPU';
  const memory = (totalmem() / 1024 ** 3).toFixed(1);
  return `${model}, ${processors.length} cores, ${memory} GiB memory, Node ${process.version}`;
}

/** Replaces the text between `<!-- bench:name -->` and `<!-- /bench:name -->`, or appends it. */
function replaceSection(document: string, name: string, text: string): string {
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const block = `${open}\n${text}${close}`;
  const start = document.indexOf(open);
  const end = document.indexOf(close);
  if (start >= 0 && end > start) {
    return document.slice(0, start) + block + document.slice(end + close.length);
  }
  return `${document.trimEnd()}\n\n${block}\n`;
}

const HEADER_END = '<!-- /bench:header -->';

function withHeader(document: string): string {
  const headerEnd = document.indexOf(HEADER_END);
  const body = headerEnd >= 0 ? document.slice(headerEnd + HEADER_END.length) : document;
  const names = process.argv.slice(2);
  const command = names.length > 0 ? `npm run bench -- ${names.join(' ')}` : 'npm run bench';
  const header = [
    '# Benchmarks',
    '',
    'Numbers from `npm run bench` (bench/run.ts, tinybench). Each section states when and on',
    'which machine it was measured; running one benchmark rewrites only its own section.',
    '',
    `Last run: ${timestamp()} UTC, \`${command}\`, on ${machine()}.`,
    HEADER_END,
  ].join('\n');
  return `${header}\n${body.trimStart().length > 0 ? `\n${body.trimStart()}` : ''}`;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
