// The parts of config.textproto that the rest of trailcron reads, with positions. Offsets
// are UTF-16 indexes into the whole document text.
import type { DocumentNode } from '../textproto/tree';

export interface OffsetRange {
  start: number;
  end: number;
}

export interface SystemJobEntry {
  /** The whole `system_jobs { ... }` entry. */
  range: OffsetRange;
  /**
   * Numeric id, resolved from a number or an enum value name; undefined when missing or
   * an unknown name. A number outside the enum is kept, so checks can warn about it.
   */
  id?: number;
  /** The id as written (`1` or `BACKUP`), when present. */
  idText?: string;
  idRange?: OffsetRange;
  /** The decoded string value (escapes resolved, adjacent strings joined). */
  schedule?: string;
  /** Range of the whole string literal(s), quotes included. */
  scheduleRange?: OffsetRange;
  /**
   * Document offset of each character of `schedule`, so a range inside the schedule maps
   * back to the document even when escapes or joined strings make lengths differ.
   * Length is `schedule.length + 1` (the last entry is the end offset).
   */
  scheduleOffsets?: number[];
  disabled?: boolean;
  disabledRange?: OffsetRange;
}

export interface TrailConfig {
  systemJobs: SystemJobEntry[];
  /** `server.logs_retention_sec`, when set. */
  logsRetentionSec?: number;
  /** `server.backup_window_size`, when set. */
  backupWindowSize?: number;
  /** `auth.refresh_token_ttl_sec`, when set. */
  refreshTokenTtlSec?: number;
  /** Names from `databases { name: ... }`. */
  databases: string[];
}

export interface ConfigProblem {
  range: OffsetRange;
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
}

export interface ReadConfigResult {
  config: TrailConfig;
  /** The syntax tree the config was read from, for features that need other fields. */
  document: DocumentNode;
  /** Syntax errors and schema problems; job-level checks live with the diagnostics. */
  problems: ConfigProblem[];
}
