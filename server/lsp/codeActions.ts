// Quick fixes: each fix the analysis offers for a finding in the requested range.
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../analysis/analyze';
import type { OffsetRange } from '../config/model';
import { toDiagnostic, toRange } from './positions';

export function computeCodeActions(
  document: TextDocument,
  analysis: Analysis,
  requested: OffsetRange,
  contextDiagnostics: Diagnostic[],
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const finding of analysis.findings) {
    if (finding.fixes.length === 0) continue;
    if (finding.range.end < requested.start || finding.range.start > requested.end) continue;
    const diagnostic = toDiagnostic(document, finding);
    const reported =
      contextDiagnostics.find(
        (candidate) => candidate.code === diagnostic.code && sameRange(candidate, diagnostic),
      ) ?? diagnostic;
    finding.fixes.forEach((fix, index) => {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [reported],
        isPreferred: index === 0 && finding.fixes.length === 1,
        edit: {
          changes: {
            [document.uri]: fix.edits.map((edit) => ({
              range: toRange(document, edit.range),
              newText: edit.newText,
            })),
          },
        },
      });
    });
  }
  return actions;
}

function sameRange(a: Diagnostic, b: Diagnostic): boolean {
  return (
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character
  );
}
