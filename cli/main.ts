#!/usr/bin/env node
// The `trailcron` command: one module per command group, looked up by the first argument.
import { runCheckCommand } from './check';
import { runExplainCommand, runNextCommand } from './schedules';
import { runJobsCommand, runRunCommand, runRunJobCommand } from './jobs';
import { EXIT_USAGE, type Command } from './command';
import { version as VERSION } from '../package.json';

const COMMANDS: Record<string, Command> = {
  next: runNextCommand,
  explain: runExplainCommand,
  check: runCheckCommand,
  run: runRunCommand,
  jobs: runJobsCommand,
  'run-job': runRunJobCommand,
};

const USAGE = `Usage: trailcron <command> [options]

Schedules
  next <schedule> [--from <ISO-8601>] [--count N] [--json]
  next --batch [--count N]        read "schedule<TAB>from" lines on stdin, write JSON lines
  explain <schedule>              description, next runs in UTC and local time, warnings

Config
  check <files or folders...> [--json]   diagnostics for config.textproto and job code

Jobs (a TrailBase project folder, the one holding config.textproto)
  run <project> [--port N]               run the scheduler until Ctrl-C
  jobs <project> [--json]                list jobs
  run-job <project> <id>                 run one job now
  Options of all three:
    --trust                 load and run user jobs (TypeScript guest modules)
    --search-root <dir>     where to look for guest modules (repeatable; default with
                            --trust: the project's parent folder)
  Options of run and run-job:
    --run-timeout-sec N     stop a run after N seconds (default 600)

  --version                 print the version
`;

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(`trailcron: unknown command '${name}'. Run 'trailcron --help'.\n`);
    return EXIT_USAGE;
  }
  return command(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`trailcron: ${message}\n`);
    process.exitCode = 1;
  },
);
