// Command line of the sidecar process, as the VS Code client starts it.
export interface SidecarArgs {
  project: string;
  trusted: boolean;
  searchRoots: string[];
  /** Port of the admin API; 0 picks a free port, undefined turns the API off. */
  adminPort: number | undefined;
  historyMaxRuns: number | undefined;
  runTimeoutMs: number | undefined;
  parentPid: number | undefined;
}

export const SIDECAR_USAGE =
  'Usage: sidecar.js --stdio --project <dir> [--trust] [--search-root <dir>]... ' +
  '[--admin-port N | --no-admin] [--history-max-runs N] [--run-timeout-sec N] [--parent-pid N]';

/** Returns the parsed arguments or an error message naming the invalid argument. */
export function parseSidecarArgs(argv: readonly string[]): SidecarArgs | string {
  const args: SidecarArgs = {
    project: '',
    trusted: false,
    searchRoots: [],
    adminPort: 0,
    historyMaxRuns: undefined,
    runTimeoutMs: undefined,
    parentPid: undefined,
  };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    const value = (): string | undefined => argv[++index];
    const integer = (min: number): number | string => {
      const text = value();
      const number = Number(text);
      if (text === undefined || !Number.isInteger(number) || number < min) {
        return `${flag} expects an integer of at least ${min}, got ${text ?? 'nothing'}`;
      }
      return number;
    };
    let parsed: number | string;
    switch (flag) {
      case '--stdio':
        break;
      case '--trust':
        args.trusted = true;
        break;
      case '--no-admin':
        args.adminPort = undefined;
        break;
      case '--project':
        args.project = value() ?? '';
        break;
      case '--search-root': {
        const root = value();
        if (root === undefined) return '--search-root expects a folder';
        args.searchRoots.push(root);
        break;
      }
      case '--admin-port':
        if (typeof (parsed = integer(0)) === 'string') return parsed;
        args.adminPort = parsed;
        break;
      case '--history-max-runs':
        if (typeof (parsed = integer(1)) === 'string') return parsed;
        args.historyMaxRuns = parsed;
        break;
      case '--run-timeout-sec':
        if (typeof (parsed = integer(1)) === 'string') return parsed;
        args.runTimeoutMs = parsed * 1000;
        break;
      case '--parent-pid':
        if (typeof (parsed = integer(1)) === 'string') return parsed;
        args.parentPid = parsed;
        break;
      default:
        return `unknown argument '${flag}'`;
    }
  }
  if (args.project === '') return '--project <dir> is required';
  return args;
}
