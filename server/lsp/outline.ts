// Inlay hints after schedule strings and the document outline of jobs.
import type { DocumentSymbol, InlayHint } from 'vscode-languageserver';
import { InlayHintKind, SymbolKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describe } from '../../cron';
import type { Schedule } from '../../cron/types';
import type { Analysis } from '../analysis/analyze';
import type { OffsetRange } from '../config/model';
import { findSystemJob } from '../config/systemJobs';
import { toRange } from './positions';

interface ScheduleSite {
  range: OffsetRange;
  schedule: Schedule;
}

/** Returns a short description after each valid schedule string inside `visible`. */
export function computeInlayHints(
  document: TextDocument,
  analysis: Analysis,
  visible: OffsetRange,
): InlayHint[] {
  return scheduleSites(analysis)
    .filter((site) => site.range.end >= visible.start && site.range.end <= visible.end)
    .map((site) => ({
      position: document.positionAt(site.range.end),
      label: describe(site.schedule),
      kind: InlayHintKind.Type,
      paddingLeft: true,
    }));
}

function scheduleSites(analysis: Analysis): ScheduleSite[] {
  const sites: ScheduleSite[] = [];
  for (const job of analysis.config?.jobs ?? []) {
    const range = job.entry.scheduleRange;
    if (range !== undefined && job.schedule !== undefined) {
      sites.push({ range, schedule: job.schedule });
    }
  }
  for (const call of analysis.jobCalls ?? []) {
    if (call.parsed !== undefined)
      sites.push({ range: call.schedule.range, schedule: call.parsed });
  }
  return sites;
}

/** Returns one symbol per job: system jobs by name, code jobs by their name argument. */
export function computeSymbols(document: TextDocument, analysis: Analysis): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const job of analysis.config?.jobs ?? []) {
    const entry = job.entry;
    const known = entry.id === undefined ? undefined : findSystemJob(entry.id);
    const name =
      known?.name ?? (entry.idText === undefined ? 'job without id' : `job ${entry.idText}`);
    symbols.push({
      name,
      detail: entry.schedule ?? 'no schedule',
      kind: SymbolKind.Event,
      range: toRange(document, entry.range),
      selectionRange: toRange(document, entry.idRange ?? entry.range),
    });
  }
  for (const call of analysis.jobCalls ?? []) {
    const range = { start: call.calleeRange.start, end: call.schedule.range.end };
    symbols.push({
      name: call.name ?? 'job',
      detail: call.schedule.value,
      kind: SymbolKind.Event,
      range: toRange(document, range),
      selectionRange: toRange(document, call.schedule.range),
    });
  }
  return symbols;
}
