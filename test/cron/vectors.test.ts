// Every worked case recorded from TrailBase's Rust cron crate 0.17: the same schedules must
// be accepted and rejected, and the next runs (up to 5) must be the same instants.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe as group, test } from 'node:test';
import { nextRuns, parse } from '../../cron';
import { formatInstant } from '../../cron/instant';

interface Vector {
  schedule: string;
  from: string;
  ok: boolean;
  next?: string[];
  error?: string;
}

const repoRoot = resolve(__dirname, '..', '..');
const vectorsFile = resolve(repoRoot, '..', 'shared', 'cases', 'cron-vectors.jsonl');

function loadVectors(): Vector[] {
  if (!existsSync(vectorsFile)) {
    throw new Error(`worked cases not found at ${vectorsFile}; they are required for this suite`);
  }
  const lines = readFileSync(vectorsFile, 'utf8').split('\n');
  return lines.filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Vector);
}

const vectors = loadVectors();

test('worked cases file is complete', () => {
  assert.ok(vectors.length >= 1125, `expected at least 1125 cases, found ${vectors.length}`);
});

group('crate worked cases', () => {
  for (const [index, vector] of vectors.entries()) {
    const name = `#${index + 1} ${JSON.stringify(vector.schedule)} from ${vector.from}`;
    test(name, () => {
      const result = parse(vector.schedule);
      const errors = result.diagnostics.filter((item) => item.severity === 'error');
      if (!vector.ok) {
        assert.equal(result.schedule, undefined, 'the crate rejects this schedule');
        assert.ok(errors.length > 0, 'a rejected schedule has at least one error');
        return;
      }
      assert.deepEqual(errors, [], 'the crate accepts this schedule');
      assert.ok(result.schedule !== undefined);
      const expected = vector.next ?? [];
      const runs = nextRuns(result.schedule, new Date(vector.from), 5).map(formatInstant);
      // Fewer than 5 expected runs means the schedule ends there, so compare all 5 slots.
      assert.deepEqual(runs, expected);
    });
  }
});
