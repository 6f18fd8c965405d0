// Publishes diagnostics after changes to a document. A change that follows a quiet
// period is validated at once. Changes less than VALIDATION_DELAY_MS apart, such as
// typing bursts, are coalesced into one run after the last of them. A newer change
// cancels the pending run, and an outdated version is never published.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisCache } from './analyses';
import { toDiagnostic } from './positions';

/** Changes closer together than this are validated once, after the last of them. */
export const VALIDATION_DELAY_MS = 25;

export class Validator {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly lastChange = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly analyses: AnalysisCache,
  ) {}

  schedule(document: TextDocument): void {
    const now = Date.now();
    const previous = this.lastChange.get(document.uri);
    this.lastChange.set(document.uri, now);
    const burst = previous !== undefined && now - previous < VALIDATION_DELAY_MS;
    this.run(document, burst ? VALIDATION_DELAY_MS : 0);
  }

  // Even without delay the run goes through a timer, so a change already queued behind
  // this one cancels it before any work is done.
  private run(document: TextDocument, delayMs: number): void {
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
    this.lastChange.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
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
