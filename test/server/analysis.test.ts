import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeDocument, type DocumentKind } from '../../server/analysis/analyze';
import type { Finding } from '../../server/analysis/findings';

const NOW = new Date('2026-12-04T12:00:00Z');

function assertInside(findings: Finding[], text: string): void {
  for (const finding of findings) {
    assert.ok(finding.range.start >= 0, `${finding.code} starts at ${finding.range.start}`);
    assert.ok(finding.range.start <= finding.range.end, `${finding.code} range is reversed`);
    assert.ok(finding.range.end <= text.length, `${finding.code} ends at ${finding.range.end}`);
    for (const fix of finding.fixes) {
      for (const edit of fix.edits) {
        assert.ok(edit.range.start >= 0, `fix '${fix.title}' starts before the text`);
        assert.ok(edit.range.end <= text.length, `fix '${fix.title}' ends after the text`);
      }
    }
  }
}

describe('analysis fuzz', () => {
  const scheduleParts = fc.constantFrom(
    '0',
    '*',
    '*/5',
    '1-5',
    'MON-FRI',
    '61',
    '0-',
    ',',
    ' ',
    '  ',
    '@daily',
    '@DAILY',
    '@every',
    'L',
    '?',
    '\\t',
    '\\x30',
    '" "',
    '\\"',
    'é',
    '2099',
    '1970',
    '30',
    '2',
    'SUN',
    '7',
  );
  const schedules = fc.array(scheduleParts, { maxLength: 12 }).map((parts) => parts.join(''));
  const ids = fc.constantFrom('1', '2', '7', '9', 'BACKUP', 'SYSTEM_JOB_ID_BACKUP', 'NOPE', '-1');
  const entries = fc
    .tuple(ids, schedules, fc.constantFrom('', 'disabled: true', 'disabled: maybe', 'x: 1'))
    .map(([id, schedule, extra]) => `system_jobs { id: ${id} schedule: "${schedule}" ${extra} }`);
  const configs = fc
    .array(fc.oneof(entries, fc.constantFrom('}', '{', 'system_jobs: [', ']', '#c\n')), {
      maxLength: 12,
    })
    .map((parts) => `jobs {\n${parts.join('\n')}\n}`);

  it('config findings stay inside the text', () => {
    fc.assert(
      fc.property(configs, (text) => {
        const analysis = analyzeDocument(text, 'config', NOW);
        assertInside(analysis.findings, text);
      }),
      { numRuns: 1500 },
    );
  });

  const calls = fc
    .tuple(fc.constantFrom<DocumentKind>('rust', 'typescript'), schedules, fc.boolean())
    .map(([kind, schedule, raw]) => {
      const literal = kind === 'rust' && raw ? `r"${schedule}"` : `"${schedule}"`;
      const call =
        kind === 'rust' ? `Job::new("job", ${literal}, h)` : `new JobHandler("job", ${literal}, h)`;
      return { kind, text: `// x\nconst a = [${call}, ${call}];` };
    });

  it('code findings stay inside the text', () => {
    fc.assert(
      fc.property(calls, ({ kind, text }) => {
        assertInside(analyzeDocument(text, kind, NOW).findings, text);
      }),
      { numRuns: 1500 },
    );
  });
});
