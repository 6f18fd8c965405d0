// The `trailcron` settings the server reads from the client, with the machine's time
// zone as the default.
import type { Connection } from 'vscode-languageserver';
import type { ServerSettings } from '../protocol';

export class SettingsStore {
  private current: Promise<ServerSettings> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly canRequest: () => boolean,
  ) {}

  /** Forgets the cached settings, so the next read requests them from the client again. */
  invalidate(): void {
    this.current = undefined;
  }

  get(): Promise<ServerSettings> {
    this.current ??= this.fetch();
    return this.current;
  }

  private async fetch(): Promise<ServerSettings> {
    let requested: unknown;
    if (this.canRequest()) {
      try {
        requested = await this.connection.workspace.getConfiguration('trailcron');
      } catch (error) {
        this.connection.console.warn(`reading the trailcron settings failed: ${String(error)}`);
      }
    }
    const setting = (requested as Partial<ServerSettings> | null | undefined)?.timeZone;
    const zone = typeof setting === 'string' ? setting.trim() : '';
    const timeZone = resolveTimeZone(zone);
    if (zone !== '' && timeZone !== zone) {
      this.connection.console.warn(
        `trailcron.timeZone '${zone}' is not a known IANA time zone; using ${timeZone}`,
      );
    }
    return { timeZone };
  }
}

/** Returns `zone` when the runtime supports it, else the machine's zone. */
export function resolveTimeZone(zone: string): string {
  if (zone !== '') {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return zone;
    } catch {
      // An unknown zone falls through to the machine's zone.
    }
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
