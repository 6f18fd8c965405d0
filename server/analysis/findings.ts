// Problems found in a document, shared by the language server and `trailcron check`.
// Ranges are UTF-16 offsets into the whole document, end exclusive.
import type { OffsetRange } from '../config/model';

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface DocumentEdit {
  range: OffsetRange;
  newText: string;
}

export interface DocumentFix {
  title: string;
  edits: DocumentEdit[];
}

export interface Finding {
  range: OffsetRange;
  severity: FindingSeverity;
  /** Stable identifier, such as `field-out-of-range` or `duplicate-job`. */
  code: string;
  message: string;
  fixes: DocumentFix[];
}
