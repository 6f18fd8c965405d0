// TrailBase's built-in jobs (v0.33, crates/core/src/scheduler.rs): ids, names, enum
// names and defaults. The scheduler, hovers, completion and code lenses all read this table.

export interface SystemJobDefinition {
  id: number;
  /** Name TrailBase shows in its admin UI and API. */
  name: string;
  /** Value name of the `SystemJobId` enum in config.textproto. */
  enumName: string;
  defaultSchedule: string;
  enabledByDefault: boolean;
  summary: string;
}

export const SYSTEM_JOBS: readonly SystemJobDefinition[] = [
  {
    id: 1,
    name: 'Backup',
    enumName: 'BACKUP',
    defaultSchedule: '@daily',
    enabledByDefault: false,
    summary:
      'Copies main, logs, session and extra databases with SQLite online backup into ' +
      'backups/<unix-seconds>/ and keeps the 5 newest backups (server.backup_window_size ' +
      'applies only to backups started from the admin UI).',
  },
  {
    id: 2,
    name: 'Heartbeat',
    enumName: 'HEARTBEAT',
    defaultSchedule: '17 * * * * * *',
    enabledByDefault: true,
    summary: 'Does no work; logs that the scheduler is alive.',
  },
  {
    id: 3,
    name: 'Logs Cleanup',
    enumName: 'LOG_CLEANER',
    defaultSchedule: '@hourly',
    enabledByDefault: true,
    summary:
      'Deletes rows of _logs in logs.db older than server.logs_retention_sec (default 7 days).',
  },
  {
    id: 4,
    name: 'Session Cleanup',
    enumName: 'AUTH_CLEANER',
    defaultSchedule: '@hourly',
    enabledByDefault: true,
    summary: 'Deletes expired rows of _session, _authorization_code and _otp_code in session.db.',
  },
  {
    id: 5,
    name: 'Query Optimizer',
    enumName: 'QUERY_OPTIMIZER',
    defaultSchedule: '@daily',
    enabledByDefault: true,
    summary: 'Runs PRAGMA optimize on main.db.',
  },
  {
    id: 6,
    name: 'File Deletions',
    enumName: 'FILE_DELETIONS',
    defaultSchedule: '@hourly',
    enabledByDefault: true,
    summary:
      'Deletes uploaded files queued in _file_deletions for more than 15 minutes, in main ' +
      'and each extra database, and removes their rows.',
  },
];

/** Defined in the enum but not registered as a job by TrailBase v0.33. */
export const UNSCHEDULED_JOB_IDS: ReadonlyMap<number, string> = new Map([
  [0, 'SYSTEM_JOB_ID_UNDEFINED'],
  [7, 'ANONYMOUS_CLEANER'],
]);

/** First id TrailBase gives to user jobs. */
export const FIRST_USER_JOB_ID = 1024;

export function findSystemJob(id: number): SystemJobDefinition | undefined {
  return SYSTEM_JOBS.find((job) => job.id === id);
}

export function findSystemJobByEnumName(name: string): SystemJobDefinition | undefined {
  return SYSTEM_JOBS.find((job) => job.enumName === name);
}
