// Names shared by the language server and the client beyond standard LSP.

/** Command behind the "Run now" code lens; arguments: `[RunJobCommandArgs]`. */
export const RunJobCommand = 'trailcron.runJob';

export interface RunJobCommandArgs {
  /** The config.textproto the lens belongs to, as a file URI. */
  configUri: string;
  jobId: number;
}

/** Settings the server reads under the `trailcron` section. */
export interface ServerSettings {
  /** IANA time zone for local times in hovers; empty means the machine's zone. */
  timeZone: string;
}
