// (Re)creates the example project's data: npm run example:data
import { join } from 'node:path';
import { createExampleData } from './exampleData';

const project = join(__dirname, 'traildepot');
// The example config sets server.logs_retention_sec to one day.
const data = createExampleData(project, 24 * 60 * 60);
process.stdout.write(
  `Created ${join(project, 'data')} (main.db, logs.db, session.db) and uploads/:\n` +
    `  _logs: ${data.logs.old} rows older than one day, ${data.logs.fresh} fresh\n` +
    `  _session: ${data.sessions.expired} expired, 1 expired 30 s ago (deleted once the ` +
    `60 s grace has passed), 2 valid\n` +
    `  _file_deletions: files ${data.filesToDelete.join(', ')} queued for deletion\n` +
    `  article_shares: ${data.shares.expired} expired links, ${data.shares.kept} valid\n` +
    'Run: node dist/cli.js run examples/traildepot --trust\n',
);
