// Job handlers of this guest. TrailBase runs them once the module is compiled to a WASM
// component in traildepot/wasm/; trailcron runs this TypeScript directly.
import { defineConfig } from 'trailbase-wasm';
import { query } from 'trailbase-wasm/db';
import { JobHandler } from 'trailbase-wasm/job';

import { countShares, deleteExpiredShares, ensureSharesTable } from './shares.js';

async function expireShareLinks(): Promise<void> {
  await ensureSharesTable();
  const deleted = await deleteExpiredShares(Math.floor(Date.now() / 1000));
  console.log(`deleted ${deleted} expired share links, ${await countShares()} left`);
}

async function reportDrafts(): Promise<void> {
  const rows = await query('SELECT COUNT(*) FROM articles WHERE published = 0', []);
  console.log(`${rows[0]?.[0] ?? 0} unpublished articles`);
}

export const { initEndpoint, incomingHandler, sqliteFunctionEndpoint } = defineConfig({
  jobHandlers: [
    JobHandler.minutely('Expire share links', expireShareLinks),
    // A Unix crontab line (Mondays at 08:00) has 5 fields. TrailBase's schedules start with
    // seconds and count weekdays from Sunday = 1, so this one is rejected: '0 0 8 * * 2'.
    new JobHandler('Weekly draft report', '0 8 * * 1', reportDrafts),
  ],
});
