import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type {
  CodeAction,
  CodeLens,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  Hover,
  InlayHint,
  MarkupContent,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { LspClient, offsetToPosition, positionOf } from './lspClient';

const FIXTURES = join(__dirname, '../fixtures/config');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

const FULL_URI = 'file:///project/full/config.textproto';
const FULL = read('full-blocks.textproto');
const FAR_URI = 'file:///project/far/config.textproto';
// A schedule in 2099 has the same next runs whenever the test runs.
const FAR = [
  'server { logs_retention_sec: 86400 }',
  'auth { refresh_token_ttl_sec: 2592000 }',
  'jobs {',
  '  system_jobs { id: 5 schedule: "0 0 12 * * * 2099" }',
  '  system_jobs {  }',
  '}',
  '',
].join('\n');

function hoverText(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  return (hover.contents as MarkupContent).value;
}

function labels(items: CompletionItem[]): string[] {
  return items.map((item) => item.label);
}

/** Applies LSP text edits to a string, last edit first. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const offsetAt = (line: number, character: number) => {
    const lines = text.split('\n');
    return lines.slice(0, line).reduce((sum, current) => sum + current.length + 1, 0) + character;
  };
  const sorted = [...edits].sort(
    (a, b) =>
      offsetAt(b.range.start.line, b.range.start.character) -
      offsetAt(a.range.start.line, a.range.start.character),
  );
  let result = text;
  for (const edit of sorted) {
    const start = offsetAt(edit.range.start.line, edit.range.start.character);
    const end = offsetAt(edit.range.end.line, edit.range.end.character);
    result = result.slice(0, start) + edit.newText + result.slice(end);
  }
  return result;
}

describe('server features', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ settings: { timeZone: 'Europe/Berlin' } });
    await client.open(FULL_URI, 'textproto', FULL);
    await client.open(FAR_URI, 'textproto', FAR);
  });
  after(async () => {
    await client.stop();
  });

  const hover = (uri: string, text: string, needle: string, extra = 1) =>
    client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(text, needle, extra),
    });

  it('hover on a schedule shows next runs', async () => {
    const text = hoverText(await hover(FAR_URI, FAR, '0 0 12'));
    assert.match(text, /at 12:00:00 UTC/);
    assert.match(text, /\| Next runs \(UTC\) \| Local \(Europe\/Berlin\) \|/);
    for (let day = 1; day <= 5; day++) {
      const date = `2099-01-0${day}`;
      assert.ok(text.includes(`| ${date} 12:00:00 UTC | ${date} 13:00:00 CET`), date);
    }
    assert.ok(!text.includes('2099-01-06'), 'only five runs');
  });

  it('hover on a schedule lists its warnings', async () => {
    const problems = read('problems.textproto');
    const uri = 'file:///project/problems/config.textproto';
    await client.open(uri, 'textproto', problems);
    const text = hoverText(await hover(uri, problems, '0 0 0 30 2 *'));
    assert.match(text, /never fires again/);
    assert.match(text, /- warning: this schedule never fires: February has no day 30/);
  });

  it('hover on a job id describes the job', async () => {
    const text = hoverText(await hover(FULL_URI, FULL, 'BACKUP'));
    assert.match(text, /\*\*Backup\*\* \(system job 1, `BACKUP`\)/);
    assert.match(text, /online backup/);
    assert.match(text, /Default: `@daily`, disabled\./);
    const heartbeat = hoverText(await hover(FULL_URI, FULL, 'id: 2', 4));
    assert.match(heartbeat, /\*\*Heartbeat\*\*/);
    assert.match(heartbeat, /Default: `17 \* \* \* \* \* \*`, enabled\./);
  });

  it('hover on durations shows days', async () => {
    const logs = hoverText(await hover(FULL_URI, FULL, 'logs_retention_sec'));
    assert.match(logs, /1209600 s = 14 days/);
    const refresh = hoverText(await hover(FAR_URI, FAR, '2592000'));
    assert.match(refresh, /refresh_token_ttl_sec\*\*: 2592000 s = 30 days/);
    const one = hoverText(await hover(FAR_URI, FAR, 'logs_retention_sec'));
    assert.match(one, /86400 s = 1 day\n/);
  });

  it('hover elsewhere is empty', async () => {
    assert.equal(await hover(FULL_URI, FULL, 'application_name'), null);
  });

  it('completes job ids with names', async () => {
    const items = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: FULL_URI },
      position: positionOf(FULL, 'id: 2', 4),
    });
    assert.ok(labels(items).includes('BACKUP'));
    assert.ok(labels(items).includes('6'));
    assert.equal(items.find((item) => item.label === '1')?.detail, 'BACKUP (Backup)');
    assert.equal(items.find((item) => item.label === 'HEARTBEAT')?.detail, '2 Heartbeat');
  });

  it('completes schedules inside and outside quotes', async () => {
    const text =
      'jobs {\n  system_jobs { id: 1 schedule: "@da }\n  system_jobs { id: 2 schedule: }\n}';
    const uri = 'file:///project/typing.textproto';
    await client.open(uri, 'textproto', text);
    const quoted = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: positionOf(text, '"@da', 4),
    });
    const daily = quoted.find((item) => item.label === '@daily');
    assert.deepEqual(daily?.textEdit, {
      range: { start: positionOf(text, '"@da', 1), end: positionOf(text, '"@da', 4) },
      newText: '@daily',
    });
    assert.ok(labels(quoted).includes('0 0 9 * * MON-FRI'));

    const bare = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: positionOf(text, 'schedule: }', 10),
    });
    assert.equal(bare.find((item) => item.label === '@hourly')?.insertText, '"@hourly"');
    const weekdays = bare.find((item) => item.label === '0 0 9 * * MON-FRI');
    assert.equal(weekdays?.insertText, '"${1:0} ${2:0} ${3:9} ${4:*} ${5:*} ${6:MON-FRI}"');
  });

  it('completes booleans and field names', async () => {
    const text = 'jobs {\n  system_jobs { id: 1 disabled:  }\n  \n}\n';
    const uri = 'file:///project/fields.textproto';
    await client.open(uri, 'textproto', text);
    const complete = (needle: string, extra: number) =>
      client.request<CompletionItem[]>('textDocument/completion', {
        textDocument: { uri },
        position: positionOf(text, needle, extra),
      });
    assert.deepEqual(labels(await complete('disabled:  ', 10)), ['true', 'false']);
    assert.deepEqual(labels(await complete('{ id: 1 ', 8)), ['schedule']);
    const inJobs = labels(await complete('}\n  \n', 4));
    assert.deepEqual(inJobs, ['system_jobs', 'system_jobs { ... }']);
    const top = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: offsetToPosition(text, text.length),
    });
    assert.deepEqual(labels(top), [
      'email',
      'server',
      'auth',
      'databases',
      'record_apis',
      'schemas',
    ]);
  });

  it('code lenses show next run and run now', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', {
      textDocument: { uri: FAR_URI },
    });
    assert.equal(lenses.length, 3, 'next run and run now for job 5, one lens for the empty entry');
    const resolved = await client.request<CodeLens>('codeLens/resolve', lenses[0]);
    assert.match(
      resolved.command?.title ?? '',
      /^next run in \d+ d( \d+ h)? \(2099-01-01 12:00 UTC\)$/,
    );
    assert.deepEqual(lenses[1]?.command, {
      title: 'Run now',
      command: 'trailcron.runJob',
      arguments: [{ configUri: FAR_URI, jobId: 5 }],
    });
    assert.equal(lenses[0]?.range.start.line, 3);
    const missing = await client.request<CodeLens>('codeLens/resolve', lenses[2]);
    assert.equal(missing.command?.title, 'not a TrailBase job: the id is missing');
  });

  it('code lenses refresh after the next run', async () => {
    const uri = 'file:///project/every-second/config.textproto';
    await client.open(uri, 'textproto', 'jobs { system_jobs { id: 2 schedule: "* * * * * *" } }');
    const before = client.lensRefreshes.length;
    await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    // The job fires within a second, so the server requests fresh titles soon after.
    for (let waited = 0; client.lensRefreshes.length === before; waited += 50) {
      assert.ok(waited < 10_000, 'no code lens refresh within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await client.close(uri);
  });

  it('code lenses mark disabled and ignored entries', async () => {
    const full = await client.request<CodeLens[]>('textDocument/codeLens', {
      textDocument: { uri: FULL_URI },
    });
    const titles = await Promise.all(
      full.map(
        async (lens) =>
          lens.command?.title ??
          (await client.request<CodeLens>('codeLens/resolve', lens)).command?.title,
      ),
    );
    assert.equal(titles.length, 6);
    assert.match(titles[0] ?? '', /^next run in .+ \(\d{4}-\d\d-\d\d 03:30 UTC\)$/);
    assert.equal(titles[2], 'disabled');
    assert.equal(titles[3], 'Run now', 'a disabled job can still run now');

    const problems = await client.request<CodeLens[]>('textDocument/codeLens', {
      textDocument: { uri: 'file:///project/problems/config.textproto' },
    });
    const ignored = await Promise.all(
      problems
        .filter((lens) => lens.command === undefined)
        .map((lens) => client.request<CodeLens>('codeLens/resolve', lens)),
    );
    assert.ok(ignored.some((lens) => lens.command?.title.startsWith('ignored')));
    const runIds = problems.flatMap((lens) =>
      lens.command?.title !== 'Run now'
        ? []
        : [(lens.command.arguments?.[0] as { jobId: number }).jobId],
    );
    assert.deepEqual(
      runIds,
      [2, 3, 4, 1, 5, 6],
      'no run now for the duplicate, unknown ids or the entry without id',
    );
  });

  it('code lenses on non-job entries', async () => {
    const uri = 'file:///project/not-jobs/config.textproto';
    const text = [
      'jobs {',
      '  system_jobs { schedule: "@hourly" }',
      '  system_jobs { id: BOGUS schedule: "@hourly" }',
      '  system_jobs { id: 42 schedule: "@hourly" }',
      '  system_jobs { id: 7 schedule: "@hourly" }',
      '  system_jobs { id: 2 schedule: "@hourly" }',
      '  system_jobs { id: HEARTBEAT schedule: "@daily" }',
      '}',
    ].join('\n');
    await client.open(uri, 'textproto', text);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', {
      textDocument: { uri },
    });
    const byLine = new Map<number, string[]>();
    for (const lens of lenses) {
      const resolved = lens.command
        ? lens
        : await client.request<CodeLens>('codeLens/resolve', lens);
      const line = lens.range.start.line;
      byLine.set(line, [...(byLine.get(line) ?? []), resolved.command?.title ?? '']);
    }
    await client.close(uri);

    assert.deepEqual(byLine.get(1), ['not a TrailBase job: the id is missing']);
    assert.deepEqual(byLine.get(2), ["not a TrailBase job: unknown id 'BOGUS'"]);
    assert.deepEqual(byLine.get(3), ['not a TrailBase job: unknown id 42']);
    assert.deepEqual(byLine.get(4), ['not a TrailBase job: TrailBase does not schedule id 7']);
    assert.equal(byLine.get(5)?.length, 2);
    assert.match(byLine.get(5)?.[0] ?? '', /^next run /);
    assert.equal(byLine.get(5)?.[1], 'Run now');
    assert.deepEqual(byLine.get(6), ['ignored: an earlier entry has the same id']);
  });

  it('quick fixes repair the schedule', async () => {
    const uri = 'file:///project/problems/config.textproto';
    const text = read('problems.textproto');
    const diagnostics = await client.diagnosticsFor(uri, 1);
    const fixable = diagnostics.filter((d: Diagnostic) =>
      [
        'day-of-week-zero',
        'unix-five-fields',
        'backup-enabled-by-override',
        'every-second',
      ].includes(String(d.code)),
    );
    assert.equal(fixable.length, 4);
    const edits: TextEdit[] = [];
    for (const diagnostic of fixable) {
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      });
      const own = actions.filter((action) => action.diagnostics?.[0]?.code === diagnostic.code);
      assert.ok(own.length > 0, `no fix for ${diagnostic.code}`);
      assert.equal(own[0]?.kind, 'quickfix');
      edits.push(...(own[0]?.edit?.changes?.[uri] ?? []));
    }
    const fixed = applyEdits(text, edits);
    assert.ok(fixed.includes('"0 */5 * * * *"'));
    assert.ok(fixed.includes('"0 0 3 * * 1"'));
    assert.ok(fixed.includes('id: BACKUP schedule: "@weekly" disabled: false'));
    assert.ok(fixed.includes('"0 * * * * *"'));

    const version = await client.change(uri, [{ text: fixed }]);
    const after = (await client.diagnosticsFor(uri, version)).map((d) => d.code);
    for (const code of [
      'day-of-week-zero',
      'unix-five-fields',
      'backup-enabled-by-override',
      'every-second',
    ]) {
      assert.ok(!after.includes(code), `${code} remains after its fix`);
    }
  });

  it('quick fixes rename prefixed job ids', async () => {
    const text = 'jobs { system_jobs { id: SYSTEM_JOB_ID_HEARTBEAT schedule: "@hourly" } }';
    const uri = 'file:///project/prefixed/config.textproto';
    await client.open(uri, 'textproto', text);
    const [diagnostic] = await client.diagnosticsFor(uri, 1);
    assert.equal(diagnostic?.code, 'unknown-enum-value');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic!.range,
      context: { diagnostics: [diagnostic!] },
    });
    assert.equal(actions[0]?.title, 'Replace with HEARTBEAT');
    const fixed = applyEdits(text, actions[0]?.edit?.changes?.[uri] ?? []);
    assert.equal(fixed, 'jobs { system_jobs { id: HEARTBEAT schedule: "@hourly" } }');
  });

  it('quick fixes work in raw Rust strings', async () => {
    const text = 'fn f() { Job::new("a", r"*/5 * * * *", h); }';
    const uri = 'file:///project/src/raw.rs';
    await client.open(uri, 'rust', text);
    const [diagnostic] = await client.diagnosticsFor(uri, 1);
    assert.equal(diagnostic?.code, 'unix-five-fields');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic!.range,
      context: { diagnostics: [diagnostic!] },
    });
    const fixed = applyEdits(text, actions[0]?.edit?.changes?.[uri] ?? []);
    assert.equal(fixed, 'fn f() { Job::new("a", r"0 */5 * * * *", h); }');
  });

  it('inlay hints describe valid schedules', async () => {
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri: FULL_URI },
      range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } },
    });
    assert.deepEqual(
      hints.map((hint) => hint.label),
      ['every day at 03:30:00 UTC', 'at second 17 of every minute', 'every hour'],
    );
    assert.deepEqual(hints[0]?.position, positionOf(FULL, '"0 30 3 * * *"', 14));
  });

  it('document symbols list jobs by name', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri: FULL_URI },
    });
    assert.deepEqual(
      symbols.map((symbol) => [symbol.name, symbol.detail]),
      [
        ['Backup', '0 30 3 * * *'],
        ['Heartbeat', '17 * * * * * *'],
        ['Logs Cleanup', '@hourly'],
      ],
    );
  });

  it('code documents get hover, hints and symbols', async () => {
    const text = read('jobs.rs');
    const uri = 'file:///project/src/jobs.rs';
    await client.open(uri, 'rust', text);
    const hovered = hoverText(await hover(uri, text, '0 0 2 * * *'));
    assert.match(hovered, /at 02:00:00 UTC/);
    assert.equal(await hover(uri, text, 'not a schedule'), null);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri },
    });
    assert.deepEqual(
      symbols.map((symbol) => symbol.name),
      ['nightly-report', 'bad-weekday', 'job'],
    );
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } },
    });
    assert.deepEqual(
      hints.map((hint) => hint.label),
      ['every day at 02:00:00 UTC'],
    );
  });
});

describe('server time zone default', () => {
  it('uses the machine zone without a setting', async () => {
    const client = await LspClient.start();
    try {
      await client.open(FAR_URI, 'textproto', FAR);
      const hover = await client.request<Hover | null>('textDocument/hover', {
        textDocument: { uri: FAR_URI },
        position: positionOf(FAR, '0 0 12', 1),
      });
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      assert.ok(hoverText(hover).includes(`Local (${zone})`));
    } finally {
      await client.stop();
    }
  });
});

describe('server time zone setting', () => {
  it('falls back on an unknown zone', async () => {
    const client = await LspClient.start({ settings: { timeZone: 'Mars/Olympus_Mons' } });
    try {
      await client.open(FAR_URI, 'textproto', FAR);
      const hover = await client.request<Hover | null>('textDocument/hover', {
        textDocument: { uri: FAR_URI },
        position: positionOf(FAR, '0 0 12', 1),
      });
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      assert.ok(hoverText(hover).includes(`Local (${zone})`));
      const warning = client.logs.find((line) => line.includes('Mars/Olympus_Mons'));
      assert.equal(
        warning,
        `trailcron.timeZone 'Mars/Olympus_Mons' is not a known IANA time zone; using ${zone}`,
      );
    } finally {
      await client.stop();
    }
  });
});
