import { EXIT_USAGE, type Command } from './command';

export const runRunCommand: Command = async () => {
  process.stderr.write('trailcron run: not available yet\n');
  return EXIT_USAGE;
};

export const runJobsCommand: Command = async () => {
  process.stderr.write('trailcron jobs: not available yet\n');
  return EXIT_USAGE;
};

export const runRunJobCommand: Command = async () => {
  process.stderr.write('trailcron run-job: not available yet\n');
  return EXIT_USAGE;
};
