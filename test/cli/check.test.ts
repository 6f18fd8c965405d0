import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';

const CLI = resolve(__dirname, '../../dist/cli.js');
const FIXTURES = resolve(__dirname, '../fixtures/config');

function runCheck(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, 'check', ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

describe('trailcron check', () => {
  let project: string;
  before(() => {
    project = mkdtempSync(join(tmpdir(), 'trailcron-check-'));
    for (const folder of ['traildepot', 'guests/src', 'node_modules/dep', 'target', 'dist']) {
      mkdirSync(join(project, folder), { recursive: true });
    }
    copyFileSync(
      join(FIXTURES, 'problems.textproto'),
      join(project, 'traildepot/config.textproto'),
    );
    copyFileSync(join(FIXTURES, 'jobs.rs'), join(project, 'guests/src/lib.rs'));
    copyFileSync(join(FIXTURES, 'jobs.ts.txt'), join(project, 'guests/src/jobs.ts'));
    copyFileSync(join(FIXTURES, 'full-list.textproto'), join(project, 'valid.textproto'));
    // Files in skipped folders would each add an error if they were checked.
    const broken = 'jobs { system_jobs { id: 1 schedule: "bad" } }';
    for (const folder of ['node_modules/dep', 'target', 'dist']) {
      writeFileSync(join(project, folder, 'config.textproto'), broken);
    }
    writeFileSync(join(project, 'notes.txt'), broken);
  });
  after(() => {
    rmSync(project, { recursive: true, force: true });
  });

  it('valid file exits 0', () => {
    const result = runCheck(['valid.textproto'], project);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^0 errors, 0 warnings in 1 file checked\n$/);
  });

  it('config errors exit 1 with locations', () => {
    const result = runCheck(['traildepot/config.textproto'], project);
    assert.equal(result.status, 1);
    const lines = result.stdout.trim().split('\n');
    assert.equal(lines.length, 12);
    assert.equal(
      lines[0],
      'traildepot/config.textproto:7:15: error: Job is missing id. [missing-id]',
    );
    assert.equal(
      lines[1],
      "traildepot/config.textproto:9:15: error: Job '2' is missing schedule. [missing-schedule]",
    );
    assert.match(
      lines[3] ?? '',
      /^traildepot\/config\.textproto:13:55: error: Schedule of job '4' not valid cron: day-of-week 0 .* \[day-of-week-zero\]$/,
    );
    assert.match(lines[11] ?? '', /:27:1: warning: unknown field 'jobz' .* \[unknown-field\]$/);
    assert.match(result.stderr, /^4 errors, 8 warnings in 1 file checked\n$/);
  });

  it('folders skip dependencies and build output', () => {
    const result = runCheck(['.'], project);
    assert.equal(result.status, 1);
    const files = new Set(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => line.split(':')[0]),
    );
    assert.deepEqual([...files].sort(), [
      'guests/src/jobs.ts',
      'guests/src/lib.rs',
      'traildepot/config.textproto',
    ]);
    assert.match(result.stderr, /in 3 files checked/);
  });

  it('json output has ranges and codes', () => {
    const result = runCheck(['guests', '--json'], project);
    assert.equal(result.status, 1);
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    assert.deepEqual(
      findings.map((finding) => [finding.file, finding.line, finding.code]),
      [
        ['guests/src/jobs.ts', 13, 'field-out-of-range'],
        ['guests/src/lib.rs', 12, 'day-of-week-zero'],
        ['guests/src/lib.rs', 13, 'unix-five-fields'],
      ],
    );
    assert.deepEqual(findings[0], {
      file: 'guests/src/jobs.ts',
      line: 13,
      column: 35,
      endLine: 13,
      endColumn: 37,
      severity: 'error',
      code: 'field-out-of-range',
      message: "invalid schedule of job 'bad-minute': minute 61 is out of range 0-59",
    });
  });

  it('warnings alone exit 0', () => {
    const file = join(project, 'warn.textproto');
    writeFileSync(file, 'jobs { system_jobs { id: 9 schedule: "@daily" } }\n');
    const result = runCheck(['warn.textproto', '--json'], project);
    assert.equal(result.status, 0);
    assert.equal((JSON.parse(result.stdout) as JsonFinding[])[0]?.code, 'unknown-job');
  });

  it('config too large to analyse exits 1', () => {
    const file = join(project, 'large.textproto');
    const line = 'jobs { system_jobs { id: 1 schedule: "@hourly" } }\n';
    writeFileSync(file, line.repeat(Math.ceil((6 * 1024 * 1024) / line.length)));
    const result = runCheck(['large.textproto'], project);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /large\.textproto:1:1: error: .*not analysed.* \[file-too-large\]/);
    assert.match(result.stdout, /limit 5 MB/);
    assert.match(result.stderr, /^1 error, /);
  });

  it('binary config exits 1', () => {
    const file = join(project, 'binary.textproto');
    writeFileSync(file, Buffer.from([0x0a, 0x00, 0x01, 0xff, 0x00, 0x12]));
    const result = runCheck(['binary.textproto'], project);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /binary\.textproto:1:1: error: .*not analysed.* \[binary-file\]/);
    assert.match(result.stderr, /^1 error, /);
  });

  it('summary counts findings not shown', () => {
    const file = join(project, 'many.textproto');
    const entry = '  system_jobs { id: 9 schedule: "bad" }\n';
    writeFileSync(file, `jobs {\n${entry.repeat(150)}}\n`);
    const result = runCheck(['many.textproto'], project);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /249 more problems not shown/);
    // Each entry has an invalid schedule and an unknown id, and all but the first are
    // duplicates.
    assert.equal(result.stderr, 'at least 150 errors, 299 warnings in 1 file checked\n');
  });

  it('summary marks dropped syntax problems', () => {
    const file = join(project, 'garbled.textproto');
    writeFileSync(file, '} '.repeat(150));
    const result = runCheck(['garbled.textproto'], project);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^at least 100 errors, 0 warnings in 1 file checked\n$/);
  });

  it('usage errors exit 2', () => {
    assert.equal(runCheck([], project).status, 2);
    const missing = runCheck(['nothing-here.textproto'], project);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /'nothing-here.textproto' not found/);
    const unsupported = runCheck(['notes.txt'], project);
    assert.equal(unsupported.status, 2);
    assert.match(unsupported.stderr, /is not a \.textproto/);
    assert.equal(runCheck(['.', '--fix'], project).status, 2);
  });
});
