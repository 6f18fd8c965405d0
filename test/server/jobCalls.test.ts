import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findJobCalls } from '../../server/code/jobCalls';
import type { CodeLanguage } from '../../server/code/lexer';

describe('job call scanner', () => {
  it('reads escapes and raw strings in Rust', () => {
    const text = 'Job::new("a", "0 0\\t* * * *", f); Job::new("b", r##"@daily"##, g)';
    const calls = findJobCalls(text, 'rust');
    assert.deepEqual(
      calls.map((call) => call.schedule.value),
      ['0 0\t* * * *', '@daily'],
    );
    assert.equal(calls[0]?.schedule.offsets[3], text.indexOf('\\t'));
    const raw = calls[1]?.schedule;
    assert.equal(text.slice(raw?.range.start, raw?.range.end), 'r##"@daily"##');
  });

  it('skips lifetimes and char literals in Rust', () => {
    const text = 'fn f<\'a>(c: char) { let q = \'"\'; Job::new("x", "@hourly", h); }';
    assert.deepEqual(
      findJobCalls(text, 'rust').map((call) => call.name),
      ['x'],
    );
  });

  it('skips interpolated templates in TypeScript', () => {
    const text = 'new JobHandler("a", `${x} * * * * *`, f); new JobHandler("b", `@daily`, g)';
    assert.deepEqual(
      findJobCalls(text, 'typescript').map((call) => call.name),
      ['b'],
    );
  });

  it('finds calls after a template with nested braces', () => {
    const text = 'const s = `${ {a: 1}.a }`; new JobHandler("n", "@daily", f)';
    assert.deepEqual(
      findJobCalls(text, 'typescript').map((call) => call.name),
      ['n'],
    );
  });

  it('ignores calls whose schedule is not a literal', () => {
    const text = 'new JobHandler("a", spec, f); new JobHandler("b", "0 " + "* * * * *", f)';
    assert.deepEqual(findJobCalls(text, 'typescript'), []);
  });
});

describe('job call scanner fuzz', () => {
  const fragments = fc.constantFrom(
    'Job::new(',
    'new JobHandler(',
    '"x"',
    "'y'",
    '`t${',
    '}`',
    ', ',
    ')',
    '//',
    '/*',
    '*/',
    '\n',
    'r#"',
    '"#',
    "'a",
    '\\',
    '/re/',
    '(',
    '{',
    '}',
    '"@daily"',
    'é',
    '\ud83d\ude00',
  );
  const sources = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.array(fragments, { maxLength: 60 }).map((parts) => parts.join('')),
  );

  for (const language of ['rust', 'typescript'] as CodeLanguage[]) {
    it(`never throws on ${language}`, () => {
      fc.assert(
        fc.property(sources, (text) => {
          for (const call of findJobCalls(text, language)) {
            const { range, offsets, value } = call.schedule;
            assert.ok(range.start >= 0, `start ${range.start}`);
            assert.ok(range.end <= text.length, `end ${range.end}`);
            assert.equal(offsets.length, value.length + 1);
            for (const offset of offsets) assert.ok(offset >= range.start && offset <= range.end);
          }
        }),
        { numRuns: 2000 },
      );
    });
  }
});
