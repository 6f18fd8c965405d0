// The system job registry from config.textproto, by TrailBase v0.33's rules.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildSystemRegistry, type SystemRegistry } from '../../scheduler/registry';

const FILE = '/project/config.textproto';

function job(registry: SystemRegistry, id: number) {
  return registry.jobs.find((entry) => entry.id === id);
}

describe('system registry', () => {
  test('defaults without overrides', () => {
    const registry = buildSystemRegistry('', FILE);

    assert.equal(registry.valid, true);
    assert.deepEqual(
      registry.jobs.map((entry) => [entry.id, entry.name, entry.schedule, entry.enabled]),
      [
        [1, 'Backup', '@daily', false],
        [2, 'Heartbeat', '17 * * * * * *', true],
        [3, 'Logs Cleanup', '@hourly', true],
        [4, 'Session Cleanup', '@hourly', true],
        [5, 'Query Optimizer', '@daily', true],
        [6, 'File Deletions', '@hourly', true],
      ],
    );
    assert.deepEqual(registry.problems, []);
    assert.equal(registry.settings.logsRetentionSec, 7 * 24 * 60 * 60);
    assert.equal(registry.settings.backupWindowSize, 5);
  });

  test('missing config uses defaults', () => {
    const registry = buildSystemRegistry(undefined, FILE);

    assert.equal(registry.jobs.length, 6);
    assert.match(registry.problems[0]?.message ?? '', /not found; using TrailBase's default jobs/);
  });

  test('override without disabled enables', () => {
    const registry = buildSystemRegistry(
      'jobs { system_jobs { id: BACKUP schedule: "@hourly" } }',
      FILE,
    );

    assert.equal(job(registry, 1)?.schedule, '@hourly');
    assert.equal(job(registry, 1)?.enabled, true);
    assert.equal(job(registry, 1)?.source?.line, 0);
  });

  test('override disables a job', () => {
    const text = 'jobs {\n  system_jobs: [ { id: 2 schedule: "@hourly" disabled: true } ]\n}';
    const registry = buildSystemRegistry(text, FILE);

    assert.equal(job(registry, 2)?.enabled, false);
    assert.equal(job(registry, 2)?.schedule, '@hourly');
    assert.deepEqual(job(registry, 2)?.source, { file: FILE, line: 1, character: 17 });
  });

  test('invalid schedule leaves job out', () => {
    const text = 'jobs { system_jobs { id: LOG_CLEANER schedule: "*/100 * * * * *" } }';
    const registry = buildSystemRegistry(text, FILE);

    assert.equal(job(registry, 3), undefined);
    assert.equal(registry.jobs.length, 5);
    const problem = registry.problems.find((entry) => entry.name === 'Logs Cleanup');
    assert.match(
      problem?.message ?? '',
      /^Invalid schedule "\*\/100 \* \* \* \* \*" for 'Logs Cleanup'/,
    );
    assert.equal(problem?.source?.character, 47);
  });

  test('duplicate keeps the first entry', () => {
    const text = `jobs {
      system_jobs { id: HEARTBEAT schedule: "1 * * * * *" }
      system_jobs { id: 2 schedule: "2 * * * * *" disabled: true }
    }`;
    const registry = buildSystemRegistry(text, FILE);

    assert.equal(job(registry, 2)?.schedule, '1 * * * * *');
    assert.equal(job(registry, 2)?.enabled, true);
    const problem = registry.problems.find((entry) => entry.name === 'Heartbeat');
    assert.match(problem?.message ?? '', /Duplicate job definition for 'Heartbeat'/);
    assert.equal(problem?.source?.line, 2);
  });

  test('unknown id is reported', () => {
    const registry = buildSystemRegistry('jobs { system_jobs { id: 9 schedule: "@daily" } }', FILE);

    assert.equal(registry.jobs.length, 6);
    assert.match(registry.problems[0]?.message ?? '', /id 9 is not a scheduled TrailBase job/);
  });

  test('missing schedule keeps the default', () => {
    const registry = buildSystemRegistry('jobs { system_jobs { id: 5 disabled: true } }', FILE);

    assert.equal(job(registry, 5)?.schedule, '@daily');
    assert.equal(job(registry, 5)?.enabled, false);
    assert.match(registry.problems[0]?.message ?? '', /missing schedule/);
  });

  test('settings come from server', () => {
    const text =
      'server { logs_retention_sec: 60 backup_window_size: 2 } databases { name: "extra" }';
    const registry = buildSystemRegistry(text, FILE);

    assert.equal(registry.settings.logsRetentionSec, 60);
    assert.equal(registry.settings.backupWindowSize, 2);
    assert.deepEqual(registry.settings.databases, ['extra']);
  });

  test('corrupt config is invalid', () => {
    const registry = buildSystemRegistry('jobs { system_jobs { id: 1 schedule: "@daily" ', FILE);

    assert.equal(registry.valid, false);
    assert.deepEqual(registry.jobs, []);
    assert.match(registry.problems[0]?.message ?? '', /^Invalid config, TrailBase would not start/);
  });
});
