// `trailcron check`: the language server's analysis from the command line, for CI.
// Prints `file:line:col: severity: message [code]` per finding (or JSON with --json)
// and exits 1 when any file has an error.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { analyzeDocument, documentKind, type DocumentKind } from '../server/analysis/analyze';
import type { Finding, FindingSeverity } from '../server/analysis/findings';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, type Command } from './command';

const USAGE = 'check <files or folders...> [--json]';

/** Folders never searched: dependencies and build output. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'target', 'dist', '.git']);

interface CheckedFile {
  path: string;
  text: string;
  findings: Finding[];
  /** Findings the analysis left out, by severity. Present when the counts are a lower bound. */
  omitted?: Record<FindingSeverity, number>;
}

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Finding['severity'];
  code: string;
  message: string;
}

export const runCheckCommand: Command = async (args) => {
  try {
    const json = args.includes('--json');
    const targets = args.filter((arg) => arg !== '--json');
    const unknown = targets.find((arg) => arg.startsWith('--'));
    if (unknown !== undefined) throw new UsageError(`unknown option '${unknown}'`);
    if (targets.length === 0) throw new UsageError('give at least one file or folder');

    const files = targets.flatMap((target) => collectFiles(target));
    const now = new Date();
    const checked = files.map(({ path, kind }) => checkFile(path, kind, now));
    if (json) process.stdout.write(`${JSON.stringify(toJson(checked), null, 2)}\n`);
    else writeText(checked, files.length);
    const hasErrors = checked.some(
      (file) => file.findings.some((f) => f.severity === 'error') || (file.omitted?.error ?? 0) > 0,
    );
    return hasErrors ? EXIT_INVALID : EXIT_OK;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`trailcron check: ${error.message}\nUsage: trailcron ${USAGE}\n`);
    return EXIT_USAGE;
  }
};

function collectFiles(target: string): { path: string; kind: DocumentKind }[] {
  let stats;
  try {
    stats = statSync(target);
  } catch {
    throw new UsageError(`'${target}' not found`);
  }
  if (stats.isDirectory()) return searchFolder(target);
  const kind = documentKind(target);
  if (kind === undefined) {
    throw new UsageError(
      `'${target}' is not a .textproto, .txtpb, .pbtxt, Rust or TypeScript file`,
    );
  }
  return [{ path: target, kind }];
}

/** Finds config.textproto files and Rust and TypeScript job code, in a stable order. */
function searchFolder(folder: string): { path: string; kind: DocumentKind }[] {
  const found: { path: string; kind: DocumentKind }[] = [];
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) found.push(...searchFolder(path));
    } else if (entry.isFile()) {
      if (entry.name === 'config.textproto') found.push({ path, kind: 'config' });
      else if (/\.rs$/.test(entry.name)) found.push({ path, kind: 'rust' });
      else if (/\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        found.push({ path, kind: 'typescript' });
      }
    }
  }
  return found;
}

function checkFile(path: string, kind: DocumentKind, now: Date): CheckedFile {
  const text = readFileSync(path, 'utf8');
  const { findings, omitted } = analyzeDocument(text, kind, now);
  return {
    path,
    text,
    findings: kind === 'config' ? findings.map(failUnanalysed) : findings,
    omitted,
  };
}

/**
 * Makes a skipped config an error, because CI must not pass a config it did not check.
 * Skipped code files stay info, since TrailBase does not read them as configs.
 */
function failUnanalysed(finding: Finding): Finding {
  if (finding.code === 'file-too-large') {
    return {
      ...finding,
      severity: 'error',
      message:
        `config not analysed: ${finding.message}. Check that this is the intended ` +
        'config file and remove generated or pasted content from it',
    };
  }
  if (finding.code === 'binary-file') {
    return {
      ...finding,
      severity: 'error',
      message:
        'config not analysed: binary file (it contains NUL bytes). TrailBase reads ' +
        'config.textproto as protobuf text format, so replace it with the text config',
    };
  }
  return finding;
}

function writeText(checked: CheckedFile[], fileCount: number): void {
  const counts = { error: 0, warning: 0, info: 0 };
  const lines: string[] = [];
  for (const file of checked) {
    const locate = lineLocator(file.text);
    for (const finding of file.findings) {
      counts[finding.severity]++;
      const { line, column } = locate(finding.range.start);
      lines.push(
        `${displayPath(file.path)}:${line}:${column}: ${finding.severity}: ` +
          `${finding.message} [${finding.code}]`,
      );
    }
  }
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);

  // Counts include the findings left out of the output. They are a lower bound when the
  // textproto parser dropped syntax problems, which the analysis marks with `omitted` too.
  let capped = false;
  for (const file of checked) {
    if (file.omitted === undefined) continue;
    capped = true;
    counts.error += file.omitted.error;
    counts.warning += file.omitted.warning;
  }
  process.stderr.write(
    `${capped ? 'at least ' : ''}${plural(counts.error, 'error')}, ` +
      `${plural(counts.warning, 'warning')} in ${plural(fileCount, 'file')} checked\n`,
  );
}

function toJson(checked: CheckedFile[]): JsonFinding[] {
  return checked.flatMap((file) => {
    const locate = lineLocator(file.text);
    return file.findings.map((finding) => {
      const start = locate(finding.range.start);
      const end = locate(finding.range.end);
      return {
        file: displayPath(file.path),
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
        severity: finding.severity,
        code: finding.code,
        message: finding.message,
      };
    });
  });
}

/** Returns a function from offsets to 1-based line and column (in UTF-16 code units). */
function lineLocator(text: string): (offset: number) => { line: number; column: number } {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((lineStarts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] as number) + 1 };
  };
}

function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd.startsWith('..') ? path : fromCwd || basename(path);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
