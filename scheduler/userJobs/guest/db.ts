// Stand-in for `trailbase-wasm/db`, served by a direct connection to the project's
// main.db. Values follow TrailBase's JSON transport: integers come back as numbers,
// or as bigint when they exceed Number.MAX_SAFE_INTEGER.
import type { StatementSyncInstance } from '@photostructure/sqlite';

import { mainDatabase } from './runtime';

export type Value = null | boolean | bigint | number | string | Uint8Array;

type SqlParameter = Exclude<Value, boolean>;

export async function query(sql: string, params: Value[]): Promise<Value[][]> {
  return queryRows(sql, params);
}

export async function execute(sql: string, params: Value[]): Promise<number> {
  return executeStatement(sql, params);
}

/** Synchronous transaction, as the guest's WIT-based `Transaction`. */
export class Transaction {
  private open = true;

  constructor() {
    mainDatabase().exec('BEGIN IMMEDIATE');
  }

  query(sql: string, params: Value[]): Value[][] {
    this.ensureOpen();
    return queryRows(sql, params);
  }

  execute(sql: string, params: Value[]): number {
    this.ensureOpen();
    return executeStatement(sql, params);
  }

  commit(): void {
    this.ensureOpen();
    mainDatabase().exec('COMMIT');
    this.open = false;
  }

  rollback(): void {
    this.ensureOpen();
    mainDatabase().exec('ROLLBACK');
    this.open = false;
  }

  private ensureOpen(): void {
    if (!this.open) throw new Error('transaction already committed or rolled back');
  }
}

/** Quotes a string as an SQL string literal, for names that cannot be bound as parameters. */
export function escape(text: string): string {
  const escaped = text.replace(/'/g, "''").replace(/\0/g, '\\0');
  return `'${escaped}'`;
}

function queryRows(sql: string, params: Value[]): Value[][] {
  const statement = prepare(sql);
  statement.setReturnArrays(true);
  statement.setReadBigInts(true);
  const rows = statement.all(...params.map(toSqlParameter)) as unknown as unknown[][];
  return rows.map((row) => row.map(fromSqlValue));
}

function executeStatement(sql: string, params: Value[]): number {
  const result = prepare(sql).run(...params.map(toSqlParameter));
  return Number(result.changes);
}

function prepare(sql: string): StatementSyncInstance {
  return mainDatabase().prepare(sql);
}

// NOTE: TrailBase binds every JS number as REAL; SQLite here binds integral numbers as
// INTEGER, so an untyped column may store 5 where TrailBase would store 5.0.
function toSqlParameter(value: Value): SqlParameter {
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (value === null || typeof value === 'bigint' || typeof value === 'number') return value;
  if (typeof value === 'string' || value instanceof Uint8Array) return value;
  throw new Error(`Invalid value: ${String(value)}`);
}

function fromSqlValue(value: unknown): Value {
  if (typeof value === 'bigint') {
    const safe = value <= BigInt(Number.MAX_SAFE_INTEGER);
    return safe && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
  }
  if (value instanceof Uint8Array) return new Uint8Array(value);
  return value as Value;
}
