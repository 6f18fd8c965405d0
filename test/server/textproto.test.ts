import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseTextproto } from '../../server/textproto/parser';
import type { FieldNode, ValueNode } from '../../server/textproto/tree';
import { readConfig } from '../../server/config/read';

function scalar(value: ValueNode | undefined) {
  assert.equal(value?.kind, 'scalar');
  return value as Extract<ValueNode, { kind: 'scalar' }>;
}

function field(fields: FieldNode[], name: string): FieldNode {
  const found = fields.find((candidate) => candidate.name === name);
  assert.ok(found, `field ${name} not found`);
  return found;
}

describe('textproto parser', () => {
  it('reads fields, messages and comments', () => {
    const text = '# comment\nserver { port: 80 } auth: { ttl: 5 } email < a: "x" >';
    const document = parseTextproto(text);
    assert.deepEqual(document.problems, []);
    assert.deepEqual(
      document.fields.map((f) => f.name),
      ['server', 'auth', 'email'],
    );
    const server = field(document.fields, 'server');
    assert.deepEqual(server.nameRange, { start: 10, end: 16 });
    assert.deepEqual(server.range, { start: 10, end: 29 });
    const port = scalar((server.value as { fields: FieldNode[] }).fields[0]?.value);
    assert.equal(port.number, 80);
    assert.deepEqual(port.range, { start: 25, end: 27 });
    assert.equal(field(document.fields, 'email').value?.kind, 'message');
  });

  it('decodes escapes and joins adjacent strings', () => {
    const text = `s: "a\\tb" 'c\\x41\\101' "\\u00e9"`;
    const value = scalar(parseTextproto(text).fields[0]?.value);
    assert.equal(value.string, 'a\tbcAAé');
    assert.equal(value.stringOffsets?.length, value.string!.length + 1);
    assert.equal(value.stringOffsets?.[0], 4);
    assert.equal(value.stringOffsets?.[1], 5, 'the tab maps to its backslash');
    assert.equal(value.stringOffsets?.[3], 11, 'the second literal starts after its quote');
    assert.deepEqual(value.range, { start: 3, end: text.length });
  });

  it('reads number forms', () => {
    const text = 'a: -5 b: 0x1F c: 1.5e3 d: -inf e: 017 f: 2.5f g: .5';
    const numbers = parseTextproto(text).fields.map((f) => scalar(f.value).number);
    assert.deepEqual(numbers, [-5, 31, 1500, -Infinity, 15, 2.5, 0.5]);
  });

  it('reads list values with both separators between fields', () => {
    const text = 'x: [ { id: 1 }, { id: 2 } ]; y: [1, 2, 3], z: BACKUP';
    const document = parseTextproto(text);
    assert.deepEqual(document.problems, []);
    const list = field(document.fields, 'x').value;
    assert.equal(list?.kind, 'list');
    assert.equal(list?.kind === 'list' ? list.values.length : 0, 2);
    assert.equal(scalar(field(document.fields, 'z').value).type, 'identifier');
  });

  it('reads extension names in brackets', () => {
    const document = parseTextproto('[type.googleapis.com/pkg.Msg] { a: 1 }');
    assert.deepEqual(document.problems, []);
    assert.equal(document.fields[0]?.name, 'type.googleapis.com/pkg.Msg');
  });

  it('reports a syntax error and goes on', () => {
    const text = 'a: 1 %% b: 2\nc { d: }\ne: "open\nf: 3';
    const document = parseTextproto(text);
    const codes = document.problems.map((problem) => problem.code);
    assert.deepEqual(codes, ['invalid-character', 'missing-value', 'unterminated-string']);
    assert.deepEqual(document.problems[0], {
      start: 5,
      end: 7,
      message: "unexpected character '%%'",
      code: 'invalid-character',
    });
    assert.deepEqual(
      document.fields.map((f) => f.name),
      ['a', 'b', 'c', 'e', 'f'],
    );
    assert.equal(scalar(field(document.fields, 'f').value).number, 3);
  });

  it('does not take the next field name as a missing value', () => {
    const document = parseTextproto('job { id:\n schedule: "@daily" }');
    const job = field(document.fields, 'job').value as { fields: FieldNode[] };
    assert.deepEqual(
      job.fields.map((f) => f.name),
      ['id', 'schedule'],
    );
    assert.equal(job.fields[0]?.value, undefined);
    assert.equal(document.problems[0]?.code, 'missing-value');
  });

  it('reports unclosed and mismatched brackets', () => {
    assert.equal(parseTextproto('a { b: 1').problems[0]?.code, 'unclosed-bracket');
    assert.equal(parseTextproto('a { b: 1 >').problems[0]?.code, 'mismatched-bracket');
    assert.equal(parseTextproto('}').problems[0]?.code, 'unexpected-token');
    assert.equal(parseTextproto('a: [1, 2').problems[0]?.code, 'unclosed-bracket');
  });

  it('bounds nesting depth and problem count', () => {
    const deep = 'a {'.repeat(100_000);
    const document = parseTextproto(deep);
    assert.ok(document.problems.some((problem) => problem.code === 'too-deep'));
    const noisy = parseTextproto('%'.repeat(10) + ' ^'.repeat(5000));
    assert.ok(noisy.problems.length <= 100);
  });
});

describe('textproto parser fuzz', () => {
  const fragments = fc.constantFrom(
    'system_jobs',
    'id',
    ':',
    '{',
    '}',
    '<',
    '>',
    '[',
    ']',
    ',',
    ';',
    ' ',
    '\n',
    '"@daily"',
    "'x\\'y'",
    '"\\',
    '#c\n',
    '-',
    '0x1f',
    '1.5e',
    '-inf',
    'BACKUP',
    '"\\u12"',
    '\u0000',
    'é',
    '\ud83d\ude00',
    '"open',
    '[a.b/c]',
  );
  const documents = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.array(fragments, { maxLength: 80 }).map((parts) => parts.join('')),
  );

  it('never throws and keeps ranges inside the text', () => {
    fc.assert(
      fc.property(documents, (text) => {
        const document = parseTextproto(text);
        const inside = (range: { start: number; end: number }) =>
          range.start >= 0 && range.start <= range.end && range.end <= text.length;
        for (const problem of document.problems)
          assert.ok(inside(problem), JSON.stringify(problem));
        const visit = (fields: FieldNode[]): void => {
          for (const node of fields) {
            assert.ok(inside(node.range), `field ${node.name}`);
            assert.ok(inside(node.nameRange));
            if (node.value !== undefined) visitValue(node.value);
          }
        };
        const visitValue = (value: ValueNode): void => {
          assert.ok(inside(value.range), `${value.kind} value`);
          if (value.kind === 'message') visit(value.fields);
          if (value.kind === 'list') value.values.forEach(visitValue);
          if (value.kind === 'scalar' && value.stringOffsets !== undefined) {
            assert.equal(value.stringOffsets.length, (value.string ?? '').length + 1);
            for (const offset of value.stringOffsets) {
              assert.ok(offset >= 0, `offset ${offset}`);
              assert.ok(offset <= text.length, `offset ${offset}`);
            }
          }
        };
        visit(document.fields);
      }),
      { numRuns: 2000 },
    );
  });

  it('readConfig never throws and keeps job ranges inside the text', () => {
    const jobs = fc.array(
      fc.constantFrom(
        'system_jobs { id: 1 schedule: "@daily" }',
        'system_jobs: [ { id: BACKUP }, {',
        'jobs {',
        '}',
        'schedule: "*/5 * * * *"',
        'id: 7',
        'disabled: maybe',
        '"\\x',
        'server { logs_retention_sec: 1e3 }',
      ),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(
        jobs.map((parts) => parts.join(' ')),
        (text) => {
          const result = readConfig(text);
          for (const job of result.config.systemJobs) {
            assert.ok(job.range.start >= 0, `start ${job.range.start}`);
            assert.ok(job.range.end <= text.length, `end ${job.range.end}`);
            if (job.scheduleOffsets !== undefined) {
              assert.equal(job.scheduleOffsets.length, (job.schedule ?? '').length + 1);
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('readConfig', () => {
  it('reads both spellings of system_jobs', () => {
    const text = [
      'jobs {',
      '  system_jobs { id: 1 schedule: "@daily" disabled: true }',
      '  system_jobs: [ { id: HEARTBEAT, schedule: "17 * * * * * *" }, { id: 0x5 } ]',
      '}',
    ].join('\n');
    const { config, problems } = readConfig(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      config.systemJobs.map((job) => job.id),
      [1, 2, 5],
    );
    assert.deepEqual(
      config.systemJobs.map((job) => job.idText),
      ['1', 'HEARTBEAT', '0x5'],
    );
    assert.equal(config.systemJobs[0]?.disabled, true);
    assert.equal(config.systemJobs[1]?.schedule, '17 * * * * * *');
    const range = config.systemJobs[1]?.scheduleRange;
    assert.equal(text.slice(range?.start, range?.end), '"17 * * * * * *"');
  });

  it('reads related settings and databases', () => {
    const text =
      'server { logs_retention_sec: 86400 backup_window_size: 3 }\n' +
      'auth { refresh_token_ttl_sec: 600 }\ndatabases { name: "a" } databases: [{ name: "b" }]';
    const { config } = readConfig(text);
    assert.equal(config.logsRetentionSec, 86400);
    assert.equal(config.backupWindowSize, 3);
    assert.equal(config.refreshTokenTtlSec, 600);
    assert.deepEqual(config.databases, ['a', 'b']);
  });

  it('maps schedule characters through escapes', () => {
    const text = 'jobs { system_jobs { id: 1 schedule: "0 0" " \\x2a * * *" } }';
    const job = readConfig(text).config.systemJobs[0];
    assert.equal(job?.schedule, '0 0 * * * *');
    const star = job?.scheduleOffsets?.[4];
    assert.equal(text.slice(star, (star ?? 0) + 4), '\\x2a');
  });

  it('rejects prefixed enum names and wrong types', () => {
    const text = 'jobs { system_jobs { id: SYSTEM_JOB_ID_BACKUP schedule: 5 disabled: maybe } }';
    const { config, problems } = readConfig(text);
    assert.equal(config.systemJobs[0]?.id, 1);
    assert.deepEqual(
      problems.map((problem) => problem.code),
      ['unknown-enum-value', 'invalid-type', 'invalid-type'],
    );
    assert.match(problems[0]?.message ?? '', /TrailBase spells it BACKUP/);
  });

  it('warns about unknown fields', () => {
    const text =
      'color: 1 server { theme: 2 } auth { mode: 4 } jobs { system_jobs { id: 1 when: 3 } }' +
      ' email { smtp: {} }';
    const { problems } = readConfig(text);
    assert.deepEqual(
      problems.map((problem) => [
        problem.code,
        problem.severity,
        text.slice(problem.range.start, problem.range.end),
      ]),
      [
        ['unknown-field', 'warning', 'color'],
        ['unknown-field', 'warning', 'theme'],
        ['unknown-field', 'warning', 'mode'],
        ['unknown-field', 'warning', 'when'],
      ],
      'email is not read, so its fields are not checked',
    );
  });
});

describe('readConfig repeated fields', () => {
  it('rejects a non-repeated field set twice', () => {
    const text = 'jobs { system_jobs { id: 1 schedule: "@daily" schedule: "@hourly" } }\njobs { }';
    const { problems } = readConfig(text);
    assert.deepEqual(
      problems.map((problem) => [problem.code, problem.severity, problem.range.start]),
      [
        ['field-already-set', 'error', text.indexOf('schedule: "@hourly"')],
        ['field-already-set', 'error', text.lastIndexOf('jobs')],
      ],
    );
  });

  it('accepts repeated fields in both spellings', () => {
    const text =
      'jobs { system_jobs { id: 1 } system_jobs: [{ id: 2 }] }\ndatabases {} databases {}';
    assert.deepEqual(readConfig(text).problems, []);
  });

  it('rejects an empty list', () => {
    const text = 'jobs { system_jobs: [] }';
    const { problems } = readConfig(text);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.code, 'empty-list');
    assert.deepEqual(problems[0]?.range, { start: text.indexOf('['), end: text.indexOf(']') + 1 });
  });
});
