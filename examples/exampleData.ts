// Creates data/main.db, logs.db and session.db and files in uploads/ with TrailBase v0.33's
// table layouts (crates/core/migrations: logs V1-V2, session V1-V2, base U2 and U6), holding
// rows that the system jobs delete next to rows they must keep. Used by the example project
// and by the tests.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from '@photostructure/sqlite';

const DAY_SEC = 24 * 60 * 60;

const LOGS_SCHEMA = `
CREATE TABLE _logs (
  id INTEGER PRIMARY KEY,
  created REAL DEFAULT (UNIXEPOCH('subsec')) NOT NULL,
  status INTEGER DEFAULT 0 NOT NULL,
  method TEXT DEFAULT '' NOT NULL,
  url TEXT DEFAULT '' NOT NULL,
  latency REAL DEFAULT 0 NOT NULL,
  client_ip TEXT DEFAULT '' NOT NULL,
  referer TEXT DEFAULT '' NOT NULL,
  user_agent TEXT DEFAULT '' NOT NULL,
  user_id BLOB,
  data TEXT
) STRICT;
CREATE INDEX __logs__created_index ON _logs (created);
CREATE INDEX __logs__status_index ON _logs (status);
CREATE INDEX __logs__method_index ON _logs (method);
`;

const SESSION_SCHEMA = `
CREATE TABLE _session (
  id INTEGER PRIMARY KEY NOT NULL,
  user BLOB NOT NULL,
  refresh_token TEXT NOT NULL,
  created INTEGER DEFAULT (UNIXEPOCH()) NOT NULL,
  expires INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX __session__refresh_token_index ON _session (refresh_token);
CREATE INDEX __session__user_index ON _session (user);
CREATE TABLE _authorization_code (
  id INTEGER PRIMARY KEY NOT NULL,
  user BLOB NOT NULL,
  authorization_code TEXT NOT NULL,
  pkce_code_challenge TEXT NOT NULL,
  created INTEGER DEFAULT (UNIXEPOCH()) NOT NULL,
  expires INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX __authorization_code__code ON _authorization_code (authorization_code);
CREATE TABLE _otp_code (
  id INTEGER PRIMARY KEY NOT NULL,
  user BLOB NOT NULL,
  email TEXT NOT NULL COLLATE NOCASE,
  otp_code TEXT NOT NULL,
  created INTEGER DEFAULT (UNIXEPOCH()) NOT NULL,
  expires INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX __otp_code__email ON _otp_code (email);
`;

const MAIN_SCHEMA = `
CREATE TABLE _file_deletions (
  id INTEGER PRIMARY KEY NOT NULL,
  deleted INTEGER NOT NULL DEFAULT (UNIXEPOCH()),
  attempts INTEGER NOT NULL DEFAULT 0,
  errors TEXT,
  table_name TEXT NOT NULL,
  record_rowid INTEGER NOT NULL,
  column_name TEXT NOT NULL,
  json TEXT NOT NULL,
  updated_json TEXT
) STRICT;
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  published INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE article_shares (
  id INTEGER PRIMARY KEY,
  article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  token TEXT NOT NULL UNIQUE,
  expires INTEGER NOT NULL
) STRICT;
`;

/** Row counts and object ids of the created data, so callers can check what a job removed. */
export interface ExampleData {
  logs: { old: number; fresh: number };
  sessions: { expired: number; kept: number };
  authorizationCodes: { expired: number; kept: number };
  otpCodes: { expired: number; kept: number };
  /** Object ids in uploads/ that File Deletions removes. */
  filesToDelete: string[];
  /** Object ids in uploads/ that stay: queued too recently or still used after an update. */
  filesToKeep: string[];
  /** An object id whose path is a folder, so deleting it fails and the row is retried. */
  undeletableFile: string;
  /** Rows of _file_deletions left after one File Deletions run. */
  fileDeletionsAfterRun: number;
  /** Share links of the example user job (examples/guests/jobs). */
  shares: { expired: number; kept: number };
}

/**
 * (Re)creates the data folder, uploads/ and empty backups/ under `projectDir`. `logsRetentionSec`
 * decides which log rows count as old.
 */
export function createExampleData(
  projectDir: string,
  logsRetentionSec: number,
  now = Math.floor(Date.now() / 1000),
): ExampleData {
  const data = join(projectDir, 'data');
  const uploads = join(projectDir, 'uploads');
  for (const folder of [data, uploads, join(projectDir, 'backups')]) {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
  }

  createLogs(join(data, 'logs.db'), now, logsRetentionSec);
  createSessions(join(data, 'session.db'), now);
  const files = createFileDeletions(join(data, 'main.db'), uploads, now);
  createShares(join(data, 'main.db'), now);
  return {
    logs: { old: 12, fresh: 8 },
    sessions: { expired: 3, kept: 3 },
    authorizationCodes: { expired: 2, kept: 1 },
    otpCodes: { expired: 2, kept: 1 },
    shares: { expired: 4, kept: 2 },
    ...files,
  };
}

function open(file: string, schema: string): InstanceType<typeof DatabaseSync> {
  const db = new DatabaseSync(file);
  // TrailBase opens its databases in WAL mode.
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(schema);
  return db;
}

function createLogs(file: string, now: number, retentionSec: number): void {
  const db = open(file, LOGS_SCHEMA);
  const insert = db.prepare(
    `INSERT INTO _logs (created, status, method, url, latency, client_ip, user_agent)
     VALUES (?, ?, ?, ?, ?, '127.0.0.1', 'curl/8.5.0')`,
  );
  for (let index = 0; index < 12; index++) {
    insert.run(
      now - retentionSec - 3600 - index * DAY_SEC + 0.25,
      200,
      'GET',
      '/api/records/v1/articles',
      1.5,
    );
  }
  for (let index = 0; index < 8; index++) {
    insert.run(
      now - index * 600 + 0.5,
      index % 3 === 0 ? 404 : 200,
      'GET',
      '/api/healthcheck',
      0.3,
    );
  }
  db.close();
}

function createSessions(file: string, now: number): void {
  const db = open(file, SESSION_SCHEMA);
  const user = new Uint8Array(16).fill(7);
  const session = db.prepare(
    'INSERT INTO _session (user, refresh_token, created, expires) VALUES (?, ?, ?, ?)',
  );
  // Three sessions expired an hour, a day and a month ago. One expired 30 s ago, which is
  // inside the 60 s grace, and two are still valid.
  [3600, DAY_SEC, 30 * DAY_SEC].forEach((age, index) =>
    session.run(user, `expired-${index}`, now - age - DAY_SEC, now - age),
  );
  session.run(user, 'grace', now - DAY_SEC, now - 30);
  session.run(user, 'valid-0', now - 60, now + 30 * DAY_SEC);
  session.run(user, 'valid-1', now - 60, now + DAY_SEC);

  const code = db.prepare(
    `INSERT INTO _authorization_code (user, authorization_code, pkce_code_challenge, created,
       expires) VALUES (?, ?, 'challenge', ?, ?)`,
  );
  code.run(user, 'code-old-0', now - 7200, now - 3600);
  code.run(user, 'code-old-1', now - 900, now - 300);
  code.run(user, 'code-fresh', now, now + 600);

  const otp = db.prepare(
    'INSERT INTO _otp_code (user, email, otp_code, created, expires) VALUES (?, ?, ?, ?, ?)',
  );
  otp.run(user, 'old@example.com', '123456', now - 7200, now - 3600);
  otp.run(user, 'older@example.com', '654321', now - DAY_SEC, now - DAY_SEC + 600);
  otp.run(user, 'fresh@example.com', '111111', now, now + 600);
  db.close();
}

function createFileDeletions(
  file: string,
  uploads: string,
  now: number,
): Pick<
  ExampleData,
  'filesToDelete' | 'filesToKeep' | 'undeletableFile' | 'fileDeletionsAfterRun'
> {
  const db = open(file, MAIN_SCHEMA);
  const article = db.prepare('INSERT INTO articles (title, published) VALUES (?, 1)');
  for (const title of ['Hello TrailBase', 'Cron in UTC', 'Backups at night']) article.run(title);

  const upload = (id: string, name: string) => ({
    id,
    original_filename: name,
    filename: `${id.slice(0, 8)}_${name}`,
    content_type: 'image/png',
    mime_type: 'image/png',
  });
  const ids = Array.from({ length: 8 }, (_, index) => exampleUuid(index));
  for (const id of ids.slice(0, 7)) writeFileSync(join(uploads, id), `image ${id}\n`);
  // A folder where a file is expected: unlink fails with EISDIR, like a permission problem.
  mkdirSync(join(uploads, ids[7]!));

  const insert = db.prepare(
    `INSERT INTO _file_deletions (deleted, attempts, table_name, record_rowid, column_name,
       json, updated_json) VALUES (?, 0, 'articles', ?, 'image', ?, ?)`,
  );
  const old = now - 3600;
  insert.run(old, 1, JSON.stringify(upload(ids[0]!, 'cover.png')), null);
  insert.run(old, 2, JSON.stringify(upload(ids[1]!, 'header.png')), null);
  insert.run(old, 3, JSON.stringify([upload(ids[2]!, 'a.png'), upload(ids[3]!, 'b.png')]), null);
  // Already gone from uploads/: the row is dropped without retry.
  insert.run(old, 4, JSON.stringify(upload(exampleUuid(99), 'gone.png')), null);
  // Updated record still points at the same object: the file stays.
  const kept = upload(ids[4]!, 'same.png');
  insert.run(old, 5, JSON.stringify(kept), JSON.stringify(kept));
  // Queued 5 minutes ago, younger than the 15-minute delay: row and file stay.
  insert.run(now - 300, 6, JSON.stringify(upload(ids[5]!, 'recent.png')), null);
  insert.run(old, 7, JSON.stringify(upload(ids[7]!, 'locked.png')), null);
  db.close();

  return {
    filesToDelete: [ids[0]!, ids[1]!, ids[2]!, ids[3]!],
    filesToKeep: [ids[4]!, ids[5]!, ids[6]!],
    undeletableFile: ids[7]!,
    // The recent row and the retried one.
    fileDeletionsAfterRun: 2,
  };
}

function createShares(file: string, now: number): void {
  const db = new DatabaseSync(file);
  const share = db.prepare('INSERT INTO article_shares (article, token, expires) VALUES (?, ?, ?)');
  [3600, 600, DAY_SEC, 7 * DAY_SEC].forEach((age, index) =>
    share.run(1 + (index % 3), `expired-${index}`, now - age),
  );
  share.run(2, 'valid-0', now + DAY_SEC);
  share.run(3, 'valid-1', now + 7 * DAY_SEC);
  db.close();
}

function exampleUuid(index: number): string {
  const hex = index.toString(16).padStart(12, '0');
  return `0190c0de-7e57-7000-8000-${hex}`;
}
