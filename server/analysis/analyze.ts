// One entry point for analysing a document, shared by the language server and
// `trailcron check`: config files get the config checks, Rust and TypeScript files the
// checks of their job schedules.
import type { Schedule } from '../../cron/types';
import { findJobCalls, type JobCall } from '../code/jobCalls';
import type { CodeLanguage } from '../code/lexer';
import { checkConfig, type ConfigCheck } from '../config/checks';
import type { ReadConfigResult } from '../config/model';
import { readConfig } from '../config/read';
import type { Finding, FindingSeverity } from './findings';
import { checkScheduleLiteral } from './scheduleString';

export type DocumentKind = 'config' | CodeLanguage;

/**
 * Size above which a document is not analysed. Chosen so that a config of tens of
 * thousands of lines still gets analysed, while a pasted dump or a generated bundle
 * does not stall the editor.
 */
export const MAX_ANALYSED_BYTES = 5 * 1024 * 1024;

/** Findings reported per document at most, so a garbled file does not flood the editor. */
export const MAX_FINDINGS = 200;

export interface CheckedJobCall extends JobCall {
  schedule: JobCall['schedule'];
  parsed?: Schedule;
}

export interface Analysis {
  kind: DocumentKind;
  findings: Finding[];
  /** Present for config documents that were analysed. */
  config?: ConfigCheck & { read: ReadConfigResult };
  /** Present for code documents that were analysed. */
  jobCalls?: CheckedJobCall[];
  /**
   * Findings left out by MAX_FINDINGS, counted by severity. Present when any were left
   * out, and when the textproto parser dropped syntax problems that no count includes.
   */
  omitted?: Record<FindingSeverity, number>;
}

/** Returns the kind from an editor language id or, failing that, the file name. */
export function documentKind(path: string, languageId?: string): DocumentKind | undefined {
  if (languageId === 'textproto' || /\.(textproto|txtpb|pbtxt)$/i.test(path)) return 'config';
  if (languageId === 'rust' || /\.rs$/i.test(path)) return 'rust';
  const scriptIds = ['typescript', 'javascript', 'typescriptreact', 'javascriptreact'];
  if (
    (languageId !== undefined && scriptIds.includes(languageId)) ||
    /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i.test(path)
  ) {
    return 'typescript';
  }
  return undefined;
}

export function analyzeDocument(text: string, kind: DocumentKind, now: Date): Analysis {
  const skipped = checkAnalysable(text);
  if (skipped !== undefined) return { kind, findings: [skipped] };

  if (kind === 'config') {
    const read = readConfig(text);
    const check = checkConfig(read, now, text);
    const limited = limitFindings(check.findings);
    if (read.document.problemsCapped) limited.omitted ??= { error: 0, warning: 0, info: 0 };
    return { kind, ...limited, config: { ...check, read } };
  }

  const findings: Finding[] = [];
  const jobCalls: CheckedJobCall[] = findJobCalls(text, kind).map((call) => {
    const range = call.schedule.range;
    call.schedule.source = text.slice(range.start, range.end);
    const check = checkScheduleLiteral(
      call.schedule,
      now,
      (reason) =>
        `invalid schedule${call.name === undefined ? '' : ` of job '${call.name}'`}: ${reason}`,
    );
    findings.push(...check.findings);
    return { ...call, parsed: check.schedule };
  });
  return { kind, ...limitFindings(findings), jobCalls };
}

function limitFindings(findings: Finding[]): Pick<Analysis, 'findings' | 'omitted'> {
  if (findings.length <= MAX_FINDINGS) return { findings };
  const kept = findings.slice(0, MAX_FINDINGS);
  const omitted = { error: 0, warning: 0, info: 0 };
  for (const finding of findings.slice(MAX_FINDINGS)) omitted[finding.severity]++;

  const omittedCount = findings.length - MAX_FINDINGS;
  const at = kept[kept.length - 1]?.range.start ?? 0;
  kept.push({
    range: { start: at, end: at },
    severity: 'info',
    code: 'too-many-problems',
    message: `${omittedCount} more problems not shown; fix the ones above first`,
    fixes: [],
  });
  return { findings: kept, omitted };
}

function checkAnalysable(text: string): Finding | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_ANALYSED_BYTES) {
    const size = (bytes / (1024 * 1024)).toFixed(1);
    const limit = MAX_ANALYSED_BYTES / (1024 * 1024);
    return info(`file too large to analyse (${size} MB, limit ${limit} MB)`, 'file-too-large');
  }
  if (text.slice(0, 8192).includes('\u0000')) {
    return info('binary file, not analysed', 'binary-file');
  }
  return undefined;
}

function info(message: string, code: string): Finding {
  return { range: { start: 0, end: 0 }, severity: 'info', code, message, fixes: [] };
}
