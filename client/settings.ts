// The `trailcron.*` settings, read in one place so every part of the client agrees on
// their defaults and units.
import * as vscode from 'vscode';

export const SETTINGS_SECTION = 'trailcron';

export interface ClientSettings {
  /** IANA time zone for local times. Empty means the machine's zone. */
  timeZone: string;
  sidecarEnabled: boolean;
  /** Undefined keeps the sidecar's default; 0 turns the admin API off. */
  adminPort: number | undefined;
  historyMaxRuns: number;
  runTimeoutSeconds: number;
}

export function readSettings(): ClientSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return {
    timeZone: config.get<string>('timeZone', '').trim(),
    sidecarEnabled: config.get<boolean>('sidecar.enabled', true),
    adminPort: readPort(config.get<number | null>('adminPort', null)),
    historyMaxRuns: readPositiveInteger(config.get<number>('history.maxRuns'), 500),
    runTimeoutSeconds: readPositiveInteger(config.get<number>('runTimeoutSeconds'), 300),
  };
}

/** True when a change touches a setting that the sidecars receive on their command line. */
export function affectsSidecars(event: vscode.ConfigurationChangeEvent): boolean {
  return ['sidecar.enabled', 'adminPort', 'history.maxRuns', 'runTimeoutSeconds'].some((key) =>
    event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`),
  );
}

export function affectsDisplay(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SETTINGS_SECTION}.timeZone`);
}

function readPort(value: number | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0 || value > 65535) return undefined;
  return value;
}

function readPositiveInteger(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}
