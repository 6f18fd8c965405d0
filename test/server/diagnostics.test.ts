import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, offsetToPosition, positionOf } from './lspClient';

const FIXTURES = join(__dirname, '../fixtures/config');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

/** Returns the range of the `occurrence`-th match of `needle` in `text` as LSP positions. */
function rangeOf(text: string, needle: string, occurrence = 0) {
  return {
    start: positionOf(text, needle, 0, occurrence),
    end: positionOf(text, needle, needle.length, occurrence),
  };
}

function byCode(diagnostics: Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.code === code);
}

describe('server diagnostics', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it('valid configs have none', async () => {
    for (const name of ['full-blocks.textproto', 'full-list.textproto']) {
      const uri = `file:///project/${name}`;
      await client.open(uri, 'textproto', read(name));
      assert.deepEqual(await client.diagnosticsFor(uri, 1), [], name);
    }
  });

  it('planted config problems with exact ranges', async () => {
    const text = read('problems.textproto');
    const uri = 'file:///project/traildepot/config.textproto';
    await client.open(uri, 'textproto', text);
    const diagnostics = await client.diagnosticsFor(uri, 1);

    // [code, severity, where the range starts, its length]; the duplicate is the id of
    // the second entry for job 3.
    const duplicateAt = text.indexOf('{ id: 3 schedule') + '{ id: '.length;
    const expected: [string, number, number, number][] = [
      ['missing-id', 1, text.indexOf('{ schedule: "@daily" }'), 22],
      ['missing-schedule', 1, text.indexOf('{ id: HEARTBEAT disabled: true }'), 32],
      ['unix-five-fields', 1, text.indexOf('*/5 * * * *'), 11],
      ['day-of-week-zero', 1, text.indexOf('0 0 3 * * 0') + 10, 1],
      ['duplicate-job', 2, duplicateAt, 1],
      ['unknown-job', 2, text.indexOf('9 schedule'), 1],
      ['unscheduled-job', 2, text.indexOf('7 schedule'), 1],
      ['backup-enabled-by-override', 2, text.indexOf('BACKUP schedule'), 6],
      ['never-fires', 2, text.indexOf('0 0 0 30 2 *'), 12],
      ['every-second', 2, text.indexOf('* * * * * *'), 1],
      ['unknown-field', 2, text.indexOf('retries'), 7],
      ['unknown-field', 2, text.indexOf('jobz'), 4],
    ];

    assert.equal(
      diagnostics.length,
      expected.length,
      JSON.stringify(diagnostics.map((d) => d.code)),
    );
    expected.forEach(([code, severity, start, length], index) => {
      const diagnostic = diagnostics[index]!;
      const range = {
        start: offsetToPosition(text, start),
        end: offsetToPosition(text, start + length),
      };
      assert.equal(diagnostic.code, code, `diagnostic ${index}`);
      assert.equal(diagnostic.severity, severity, `severity of ${code}`);
      assert.deepEqual(diagnostic.range, range, `range of ${code}`);
      assert.equal(diagnostic.source, 'trailcron');
    });
  });

  it('uses TrailBase load-time messages', async () => {
    const uri = 'file:///project/traildepot/config.textproto';
    const diagnostics = await client.diagnosticsFor(uri, 1);
    assert.equal(byCode(diagnostics, 'missing-id')[0]?.message, 'Job is missing id.');
    assert.equal(
      byCode(diagnostics, 'missing-schedule')[0]?.message,
      "Job '2' is missing schedule.",
    );
    assert.match(
      String(byCode(diagnostics, 'unix-five-fields')[0]?.message),
      /^Schedule of job '3' not valid cron: found 5 fields/,
    );
    assert.match(
      String(byCode(diagnostics, 'day-of-week-zero')[0]?.message),
      /^Schedule of job '4' not valid cron: day-of-week 0/,
    );
  });

  it('server and auth fields', async () => {
    const uri = 'file:///project/server-auth/config.textproto';
    const text = [
      'server { logs_retention_sec: 60 log_retention: 60 backup_window_size: 0 }',
      'auth { refresh_token_ttl: 60 }',
      'server { backup_window_size: -2 }',
    ].join('\n');
    await client.open(uri, 'textproto', text);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    await client.close(uri);

    const unknown = byCode(diagnostics, 'unknown-field');
    assert.deepEqual(
      unknown.map((diagnostic) => diagnostic.range),
      [rangeOf(text, 'log_retention'), rangeOf(text, 'refresh_token_ttl')],
    );
    for (const diagnostic of unknown) assert.equal(diagnostic.severity, 2);
    assert.match(String(unknown[0]?.message), /unknown field 'log_retention' in server/);
    assert.match(String(unknown[1]?.message), /unknown field 'refresh_token_ttl' in auth/);

    const window = byCode(diagnostics, 'backup-window-too-small');
    assert.deepEqual(
      window.map((diagnostic) => diagnostic.range),
      [rangeOf(text, '0', 2), rangeOf(text, '-2')],
    );
    for (const diagnostic of window) assert.equal(diagnostic.severity, 2);
    assert.match(String(window[0]?.message), /backup_window_size 0 .*reject manual backups/);
    assert.match(String(window[1]?.message), /backup_window_size -2 /);
  });

  it('syntax errors do not hide later jobs', async () => {
    const text = read('syntax-errors.textproto');
    const uri = 'file:///project/syntax.textproto';
    await client.open(uri, 'textproto', text);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(byCode(diagnostics, 'invalid-character')[0]?.range, rangeOf(text, '%%'));
    const weekday = byCode(diagnostics, 'day-of-week-zero');
    assert.equal(weekday.length, 1);
    const zero = text.indexOf('0 0 0 * * 0') + 10;
    assert.deepEqual(weekday[0]?.range.start, offsetToPosition(text, zero));
  });

  it('maps ranges through escapes and joined strings', async () => {
    const text = 'jobs {\n  system_jobs { id: 5 schedule: "0 0 " "0 * * \\x30" }\n}\n';
    const uri = 'file:///project/escapes.textproto';
    await client.open(uri, 'textproto', text);
    const [diagnostic] = await client.diagnosticsFor(uri, 1);
    assert.equal(diagnostic?.code, 'day-of-week-zero');
    assert.deepEqual(diagnostic?.range, rangeOf(text, '\\x30'));
  });

  it('follows incremental changes', async () => {
    const text = 'jobs {\n  system_jobs { id: 2 schedule: "17 * * * * *" }\n}\n';
    const uri = 'file:///project/incremental.textproto';
    await client.open(uri, 'textproto', text);
    assert.deepEqual(await client.diagnosticsFor(uri, 1), []);

    const seventeen = positionOf(text, '17');
    const version = await client.change(uri, [
      {
        range: { start: seventeen, end: { ...seventeen, character: seventeen.character + 2 } },
        text: '61',
      },
    ]);
    const diagnostics = await client.diagnosticsFor(uri, version);
    assert.equal(diagnostics[0]?.code, 'field-out-of-range');
    assert.deepEqual(diagnostics[0]?.range.start, seventeen);

    const fixed = await client.change(uri, [
      {
        range: { start: seventeen, end: { ...seventeen, character: seventeen.character + 2 } },
        text: '5',
      },
    ]);
    assert.deepEqual(await client.diagnosticsFor(uri, fixed), []);
  });

  it('rapid changes end at the last version', async () => {
    const uri = 'file:///project/rapid.textproto';
    await client.open(uri, 'textproto', 'jobs {}\n');
    await client.diagnosticsFor(uri, 1);
    let version = 1;
    for (let i = 0; i < 20; i++) {
      version = await client.change(uri, [
        { text: `jobs { system_jobs { id: 2 schedule: "${i} * *" } }` },
      ]);
    }
    const diagnostics = await client.diagnosticsFor(uri, version);
    assert.equal(diagnostics[0]?.code, 'too-few-fields');
    const closed = await client.change(uri, [{ text: 'jobs {}' }]);
    assert.deepEqual(await client.diagnosticsFor(uri, closed), []);
  });

  it('checks job schedules in Rust, not decoys', async () => {
    const text = read('jobs.rs');
    const uri = 'file:///project/src/lib.rs';
    await client.open(uri, 'rust', text);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['day-of-week-zero', 'unix-five-fields'],
    );
    const zero = text.indexOf('0 0 9 * * 0') + 10;
    assert.deepEqual(diagnostics[0]?.range.start, offsetToPosition(text, zero));
    assert.match(String(diagnostics[0]?.message), /job 'bad-weekday'/);
    assert.deepEqual(diagnostics[1]?.range, rangeOf(text, '*/5 * * * *'));
  });

  it('checks job schedules in TypeScript, not decoys', async () => {
    const text = read('jobs.ts.txt');
    const uri = 'file:///project/src/jobs.ts';
    await client.open(uri, 'typescript', text);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['field-out-of-range'],
    );
    assert.deepEqual(diagnostics[0]?.range, rangeOf(text, '61'));
  });

  it('clears diagnostics on close', async () => {
    const uri = 'file:///project/traildepot/config.textproto';
    client.resetDiagnostics(uri);
    await client.close(uri);
    assert.deepEqual(await client.diagnosticsFor(uri), []);
  });
});
