// Open documents and their analyses. An analysis is computed once per document version
// and shared by diagnostics, hover, completion, lenses, hints and symbols.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument, documentKind, type Analysis } from '../analysis/analyze';

interface CachedAnalysis {
  version: number;
  analysis: Analysis;
}

export class AnalysisCache {
  private readonly cache = new Map<string, CachedAnalysis>();

  /** Returns the analysis of the document's current version, or undefined for other files. */
  get(document: TextDocument): Analysis | undefined {
    const kind = documentKind(document.uri, document.languageId);
    if (kind === undefined) return undefined;
    const cached = this.cache.get(document.uri);
    if (cached !== undefined && cached.version === document.version) return cached.analysis;
    const analysis = analyzeDocument(document.getText(), kind, new Date());
    this.cache.set(document.uri, { version: document.version, analysis });
    return analysis;
  }

  delete(uri: string): void {
    this.cache.delete(uri);
  }
}
