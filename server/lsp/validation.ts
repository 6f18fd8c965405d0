// Publishes diagnostics shortly after the last change to a document. A newer change
// cancels the pending run, and a result for an outdated version is never published.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisCache } from './analyses';
import { toDiagnostic } from './positions';

/** Delay after the last change before validating, so fast typing is analysed once. */
export const VALIDATION_DELAY_MS = 25;

export class Validator {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly analyses: AnalysisCache,
  ) {}

  schedule(document: TextDocument, delayMs = VALIDATION_DELAY_MS): void {
    this.cancel(document.uri);
    const version = document.version;
    const timer = setTimeout(() => {
      this.pending.delete(document.uri);
      this.validate(document.uri, version);
    }, delayMs);
    this.pending.set(document.uri, timer);
  }

  cancel(uri: string): void {
    const timer = this.pending.get(uri);
    if (timer !== undefined) clearTimeout(timer);
    this.pending.delete(uri);
  }

  /** Clears the diagnostics of a closed document. */
  clear(uri: string): void {
    this.cancel(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  revalidateAll(): void {
    for (const document of this.documents.all()) this.schedule(document, 0);
  }

  private validate(uri: string, version: number): void {
    const document = this.documents.get(uri);
    if (document === undefined || document.version !== version) return;
    try {
      const analysis = this.analyses.get(document);
      if (analysis === undefined) return;
      const diagnostics = analysis.findings.map((finding) => toDiagnostic(document, finding));
      void this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      this.connection.console.error(
        `validating ${uri} (version ${version}) failed: ${String(error)}`,
      );
    }
  }
}
