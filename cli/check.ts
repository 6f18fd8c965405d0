import { EXIT_USAGE, type Command } from './command';

export const runCheckCommand: Command = async () => {
  process.stderr.write('trailcron check: not available yet\n');
  return EXIT_USAGE;
};
