// Reads what trailcron needs from config.textproto: the system job entries with their
// positions and a few related settings. Pure and total: any text gives a result, with
// syntax errors and schema problems listed instead of thrown.
import { parseTextproto } from '../textproto/parser';
import type { FieldNode, MessageNode, ScalarNode, ValueNode } from '../textproto/tree';
import type { ConfigProblem, ReadConfigResult, SystemJobEntry, TrailConfig } from './model';
import { ROOT_MESSAGE, MESSAGES, SYSTEM_JOB_ID_VALUES } from './schema';

export function readConfig(text: string): ReadConfigResult {
  const document = parseTextproto(text);
  const problems: ConfigProblem[] = document.problems.map((problem) => ({
    range: { start: problem.start, end: problem.end },
    severity: 'error',
    code: problem.code,
    message: problem.message,
  }));
  const config: TrailConfig = { systemJobs: [], databases: [] };
  const reader = new ConfigReader(config, problems);
  reader.readRoot(document.fields);
  problems.sort((a, b) => a.range.start - b.range.start);
  return { config, problems, document };
}

class ConfigReader {
  constructor(
    private readonly config: TrailConfig,
    private readonly problems: ConfigProblem[],
  ) {}

  readRoot(fields: FieldNode[]): void {
    this.warnUnknownFields(fields, ROOT_MESSAGE, 'the top level of the config');
    this.rejectRepeats(fields, ROOT_MESSAGE);
    for (const field of fields) {
      if (field.name === 'jobs') this.forEachMessage(field, (jobs) => this.readJobs(jobs));
      if (field.name === 'server') this.forEachMessage(field, (server) => this.readServer(server));
      if (field.name === 'auth') this.forEachMessage(field, (auth) => this.readAuth(auth));
      if (field.name === 'databases') {
        this.forEachMessage(field, (database) => this.readDatabase(database));
      }
    }
  }

  private readJobs(jobs: MessageNode): void {
    this.warnUnknownFields(jobs.fields, 'JobsConfig', 'jobs');
    this.rejectRepeats(jobs.fields, 'JobsConfig');
    for (const field of jobs.fields) {
      if (field.name !== 'system_jobs') continue;
      this.forEachMessage(field, (entry) => this.config.systemJobs.push(this.readJob(entry)));
    }
  }

  private readJob(entry: MessageNode): SystemJobEntry {
    const job: SystemJobEntry = { range: entry.range };
    this.warnUnknownFields(entry.fields, 'SystemJob', 'a system job');
    this.rejectRepeats(entry.fields, 'SystemJob');
    for (const field of entry.fields) {
      const value = field.value;
      if (value === undefined) continue;
      if (field.name === 'id') this.readJobId(job, value);
      if (field.name === 'schedule') this.readSchedule(job, value);
      if (field.name === 'disabled') this.readDisabled(job, value);
    }
    return job;
  }

  private readJobId(job: SystemJobEntry, value: ValueNode): void {
    if (value.kind !== 'scalar' || value.type === 'string') {
      this.error(value, 'invalid-type', 'id must be a SystemJobId name such as BACKUP or a number');
      return;
    }
    job.idText = value.text;
    job.idRange = value.range;
    if (value.type === 'number') {
      if (value.number !== undefined && Number.isInteger(value.number)) job.id = value.number;
      else this.error(value, 'invalid-type', `id must be an integer, found '${value.text}'`);
      return;
    }
    job.id = resolveJobIdName(value.text);
    if (job.id === undefined) {
      this.error(
        value,
        'unknown-enum-value',
        `'${value.text}' is not a SystemJobId value; use one of ${SYSTEM_JOB_ID_VALUES.join(', ')}`,
      );
    } else if (
      value.text.startsWith('SYSTEM_JOB_ID_') &&
      value.text !== 'SYSTEM_JOB_ID_UNDEFINED'
    ) {
      // TrailBase's enum names the value BACKUP, not SYSTEM_JOB_ID_BACKUP, and its
      // text-format parser (prost-reflect) rejects the prefixed spelling on load.
      const name = value.text.slice('SYSTEM_JOB_ID_'.length);
      this.error(
        value,
        'unknown-enum-value',
        `'${value.text}' is not a SystemJobId value; TrailBase spells it ${name}`,
      );
    }
  }

  private readSchedule(job: SystemJobEntry, value: ValueNode): void {
    if (value.kind !== 'scalar' || value.type !== 'string') {
      this.error(value, 'invalid-type', 'schedule must be a string such as "@daily"');
      return;
    }
    job.schedule = value.string;
    job.scheduleRange = value.range;
    job.scheduleOffsets = value.stringOffsets;
  }

  private readDisabled(job: SystemJobEntry, value: ValueNode): void {
    const disabled = value.kind === 'scalar' ? parseBool(value) : undefined;
    if (disabled === undefined) {
      this.error(value, 'invalid-type', 'disabled must be true or false');
      return;
    }
    job.disabled = disabled;
    job.disabledRange = value.range;
  }

  private readServer(server: MessageNode): void {
    this.warnUnknownFields(server.fields, 'ServerConfig', 'server');
    this.rejectRepeats(server.fields, 'ServerConfig');
    for (const field of server.fields) {
      if (field.name === 'logs_retention_sec') {
        this.config.logsRetentionSec = this.readInteger(field);
      }
      if (field.name === 'backup_window_size') {
        this.config.backupWindowSize = this.readInteger(field);
        this.warnSmallBackupWindow(field, this.config.backupWindowSize);
      }
    }
  }

  // TrailBase's admin handler trigger_backup_handler reads an unset window as 5 and
  // rejects a manual backup when the window is 0, with the error "Backups disabled".
  // NOTE: TrailBase's handling of a negative window was not checked, so it is a warning.
  private warnSmallBackupWindow(field: FieldNode, size: number | undefined): void {
    if (size === undefined || size >= 1 || field.value === undefined) return;
    const effect =
      size === 0
        ? 'makes TrailBase reject manual backups as disabled'
        : 'is not a number of backups to keep';
    this.problems.push({
      range: field.value.range,
      severity: 'warning',
      code: 'backup-window-too-small',
      message:
        `backup_window_size ${size} ${effect}. Set it to the number of backups to keep, ` +
        'at least 1, or leave it out for the default of 5',
    });
  }

  private readAuth(auth: MessageNode): void {
    this.warnUnknownFields(auth.fields, 'AuthConfig', 'auth');
    this.rejectRepeats(auth.fields, 'AuthConfig');
    for (const field of auth.fields) {
      if (field.name === 'refresh_token_ttl_sec') {
        this.config.refreshTokenTtlSec = this.readInteger(field);
      }
    }
  }

  private readDatabase(database: MessageNode): void {
    for (const field of database.fields) {
      const value = field.value;
      if (field.name !== 'name' || value === undefined) continue;
      if (value.kind === 'scalar' && value.type === 'string' && value.string !== undefined) {
        this.config.databases.push(value.string);
      } else {
        this.error(value, 'invalid-type', 'database name must be a string');
      }
    }
  }

  private readInteger(field: FieldNode): number | undefined {
    const value = field.value;
    if (value === undefined) return undefined;
    if (value.kind === 'scalar' && value.type === 'number' && Number.isInteger(value.number)) {
      return value.number;
    }
    this.error(value, 'invalid-type', `${field.name} must be an integer`);
    return undefined;
  }

  /** Calls `read` for a message value, or for each message of a list value. */
  private forEachMessage(field: FieldNode, read: (message: MessageNode) => void): void {
    const value = field.value;
    if (value === undefined) return;
    if (value.kind === 'list' && value.values.length === 0 && value.closed) {
      // The text format allows `[]`, but prost-reflect, which TrailBase uses, requires
      // at least one value in a list.
      const message = `TrailBase rejects an empty list; remove '${field.name}' or add an entry`;
      this.error(value, 'empty-list', message);
    }
    const values = value.kind === 'list' ? value.values : [value];
    for (const item of values) {
      if (item.kind === 'message') read(item);
      else this.error(item, 'invalid-type', `${field.name} must be a message, written { ... }`);
    }
  }

  // TrailBase's text-format parser (prost-reflect) fails on a second value for a field
  // that is not repeated, so the config does not load.
  private rejectRepeats(fields: FieldNode[], messageName: string): void {
    const seen = new Set<string>();
    for (const field of fields) {
      const schema = MESSAGES[messageName]?.find((candidate) => candidate.name === field.name);
      if (schema === undefined || schema.repeated === true) continue;
      if (seen.has(field.name)) {
        this.problems.push({
          range: field.nameRange,
          severity: 'error',
          code: 'field-already-set',
          message:
            `'${field.name}' is already set above; TrailBase rejects a config that sets a ` +
            'non-repeated field twice. Merge the two entries',
        });
      }
      seen.add(field.name);
    }
  }

  // A warning, not an error: TrailBase v0.33 rejects unknown fields when it loads the
  // config, but a newer TrailBase may know fields that this schema does not.
  private warnUnknownFields(fields: FieldNode[], messageName: string, where: string): void {
    const known = MESSAGES[messageName] ?? [];
    for (const field of fields) {
      if (known.some((schema) => schema.name === field.name)) continue;
      const names = known.map((schema) => schema.name).join(', ');
      this.problems.push({
        range: field.nameRange,
        severity: 'warning',
        code: 'unknown-field',
        message:
          `unknown field '${field.name}' in ${where}; TrailBase v0.33 rejects a config with ` +
          `unknown fields. Known fields: ${names}`,
      });
    }
  }

  private error(node: { range: { start: number; end: number } }, code: string, message: string) {
    this.problems.push({ range: node.range, severity: 'error', code, message });
  }
}

/** Resolves `BACKUP` (and the prefixed `SYSTEM_JOB_ID_BACKUP`) to the enum's number. */
export function resolveJobIdName(name: string): number | undefined {
  const index = (SYSTEM_JOB_ID_VALUES as readonly string[]).indexOf(name);
  if (index !== -1) return index;
  if (!name.startsWith('SYSTEM_JOB_ID_')) return undefined;
  const prefixed = (SYSTEM_JOB_ID_VALUES as readonly string[]).indexOf(
    name.slice('SYSTEM_JOB_ID_'.length),
  );
  return prefixed === -1 ? undefined : prefixed;
}

// Spellings protobuf's text format accepts for a bool.
function parseBool(value: ScalarNode): boolean | undefined {
  if (['true', 'True', 't', '1'].includes(value.text)) return true;
  if (['false', 'False', 'f', '0'].includes(value.text)) return false;
  return undefined;
}
