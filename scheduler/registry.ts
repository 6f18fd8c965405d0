// The system job registry, built from config.textproto the way TrailBase v0.33 builds it in
// crates/core/src/scheduler.rs. The six system jobs start from their defaults. The first
// config entry for an id replaces the default entirely, and a job whose schedule does not
// parse is left out. Pure: the text goes in, jobs and problems come out.
import { parse } from './cron';
import type { Schedule } from '../cron/types';
import type { OffsetRange, SystemJobEntry } from '../server/config/model';
import { readConfig } from '../server/config/read';
import { SYSTEM_JOBS, findSystemJob } from '../server/config/systemJobs';
import type { JobProblem, SourceLocation } from './protocol';

export const DEFAULT_LOGS_RETENTION_SEC = 7 * 24 * 60 * 60;
export const DEFAULT_BACKUP_WINDOW_SIZE = 5;

export interface SystemJobSettings {
  logsRetentionSec: number;
  backupWindowSize: number;
  databases: string[];
}

export interface RegisteredSystemJob {
  id: number;
  name: string;
  schedule: string;
  parsed: Schedule;
  enabled: boolean;
  source?: SourceLocation;
}

export interface SystemRegistry {
  /** False when the config has errors; TrailBase refuses to start with such a file. */
  valid: boolean;
  jobs: RegisteredSystemJob[];
  problems: JobProblem[];
  settings: SystemJobSettings;
}

/**
 * Builds the registry from the text of config.textproto. `text` undefined means the file does
 * not exist, which TrailBase treats as the default config.
 */
export function buildSystemRegistry(text: string | undefined, configFile: string): SystemRegistry {
  const defaults: SystemJobSettings = {
    logsRetentionSec: DEFAULT_LOGS_RETENTION_SEC,
    backupWindowSize: DEFAULT_BACKUP_WINDOW_SIZE,
    databases: [],
  };
  if (text === undefined) {
    const problem = `${configFile} not found; using TrailBase's default jobs`;
    return withProblem(
      registryFromEntries([], defaults, () => undefined),
      problem,
    );
  }

  const { config, problems } = readConfig(text);
  const locate = (range: OffsetRange | undefined): SourceLocation | undefined =>
    range === undefined ? undefined : locationOf(text, configFile, range.start);
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    return {
      valid: false,
      jobs: [],
      settings: defaults,
      problems: errors.map((problem) => ({
        name: 'config.textproto',
        message: `Invalid config, TrailBase would not start: ${problem.message}`,
        source: locate(problem.range),
      })),
    };
  }

  const settings: SystemJobSettings = {
    logsRetentionSec: config.logsRetentionSec ?? DEFAULT_LOGS_RETENTION_SEC,
    backupWindowSize: config.backupWindowSize ?? DEFAULT_BACKUP_WINDOW_SIZE,
    databases: config.databases,
  };
  return registryFromEntries(config.systemJobs, settings, locate);
}

function registryFromEntries(
  entries: readonly SystemJobEntry[],
  settings: SystemJobSettings,
  locate: (range: OffsetRange | undefined) => SourceLocation | undefined,
): SystemRegistry {
  const problems: JobProblem[] = [];
  const jobs: RegisteredSystemJob[] = [];
  const seen = new Set<number>();

  for (const entry of entries) {
    const source = locate(entry.range);
    if (entry.id === undefined) {
      problems.push(problem('system job', 'Job is missing id; the entry is ignored', source));
      continue;
    }
    const known = findSystemJob(entry.id);
    if (known === undefined) {
      const message = `System job id ${entry.id} is not a scheduled TrailBase job; ignored`;
      problems.push(problem(entry.idText ?? String(entry.id), message, source));
      continue;
    }
    if (seen.has(entry.id)) {
      const message = `Duplicate job definition for '${known.name}': the first entry is used`;
      problems.push(problem(known.name, message, source));
    }
    seen.add(entry.id);
  }

  for (const known of SYSTEM_JOBS) {
    const override = entries.find((entry) => entry.id === known.id);
    const source = override === undefined ? undefined : locate(override.range);
    // TrailBase's config validation rejects an entry without schedule; the scheduler itself
    // would fall back to the default, which is what happens here, with a warning.
    if (override !== undefined && override.schedule === undefined) {
      const message = `Job '${known.name}' is missing schedule; TrailBase rejects such an entry`;
      problems.push(problem(known.name, message, source));
    }
    const schedule = override?.schedule ?? known.defaultSchedule;
    const parsed = parse(schedule);
    if (parsed.schedule === undefined) {
      const reason =
        parsed.diagnostics.find((diagnostic) => diagnostic.severity === 'error')?.message ??
        'invalid';
      const message = `Invalid schedule ${JSON.stringify(schedule)} for '${known.name}': ${reason}`;
      problems.push(problem(known.name, message, locate(override?.scheduleRange) ?? source));
      continue;
    }
    // `disabled` comes only from the override: an override without it enables the job.
    const enabled = override === undefined ? known.enabledByDefault : override.disabled !== true;
    const job: RegisteredSystemJob = {
      id: known.id,
      name: known.name,
      schedule,
      parsed: parsed.schedule,
      enabled,
    };
    if (source !== undefined) job.source = source;
    jobs.push(job);
  }
  return { valid: true, jobs, problems, settings };
}

function withProblem(registry: SystemRegistry, message: string): SystemRegistry {
  return { ...registry, problems: [problem('config.textproto', message), ...registry.problems] };
}

function problem(name: string, message: string, source?: SourceLocation): JobProblem {
  return source === undefined ? { name, message } : { name, message, source };
}

/** Zero-based line and UTF-16 character of an offset, as LSP positions count. */
export function locationOf(text: string, file: string, offset: number): SourceLocation {
  let line = 0;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset;) {
    line++;
    lineStart = index + 1;
    index = text.indexOf('\n', lineStart);
  }
  return { file, line, character: offset - lineStart };
}
