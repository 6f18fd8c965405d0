// Share links for articles: a token that opens an unpublished article until it expires.
import { execute, query } from 'trailbase-wasm/db';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS article_shares (
  id INTEGER PRIMARY KEY,
  article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  token TEXT NOT NULL UNIQUE,
  expires INTEGER NOT NULL
) STRICT`;

/** Creates the table on the first run, so the job works on a fresh main.db. */
export async function ensureSharesTable(): Promise<void> {
  await execute(SCHEMA, []);
}

/** Deletes links whose `expires` (unix seconds) is before `now`; returns how many. */
export async function deleteExpiredShares(now: number): Promise<number> {
  return execute('DELETE FROM article_shares WHERE expires < ?', [BigInt(now)]);
}

export async function countShares(): Promise<number> {
  const rows = await query('SELECT COUNT(*) FROM article_shares', []);
  return Number(rows[0]?.[0] ?? 0);
}
