import { EXIT_USAGE, type Command } from './command';

export const runNextCommand: Command = async () => {
  process.stderr.write('trailcron next: not available yet\n');
  return EXIT_USAGE;
};

export const runExplainCommand: Command = async () => {
  process.stderr.write('trailcron explain: not available yet\n');
  return EXIT_USAGE;
};
