import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { LspClient } from './lspClient';

describe('server size limits', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  async function assertAlive(): Promise<void> {
    const uri = 'file:///project/alive.textproto';
    client.resetDiagnostics(uri);
    await client.open(uri, 'textproto', 'jobs { system_jobs { id: 2 schedule: "0 0 0 * * 0" } }');
    const diagnostics = await client.diagnosticsFor(uri, 1);
    assert.equal(diagnostics[0]?.code, 'day-of-week-zero');
    await client.close(uri);
  }

  it('a 50 MB config gets one info diagnostic', async () => {
    const entry = '  system_jobs { id: 2 schedule: "0 0 0 * * 0" }\n';
    const text = `jobs {\n${entry.repeat(Math.ceil((50 * 1024 * 1024) / entry.length))}}\n`;
    const uri = 'file:///project/huge/config.textproto';
    await client.open(uri, 'textproto', text);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]?.code, 'file-too-large');
    assert.equal(diagnostics[0]?.severity, 3);
    assert.equal(diagnostics[0]?.message, 'file too large to analyse (50.0 MB, limit 5 MB)');
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 1, character: 35 },
    });
    assert.equal(hover, null);
    await client.close(uri);
    await assertAlive();
  });

  it('a 10 MB single-line file is not analysed', async () => {
    const text = `const jobs = [${'new JobHandler("x", "0 0 0 * * 0", f), '.repeat(270_000)}];`;
    assert.ok(text.length > 10 * 1024 * 1024);
    const uri = 'file:///project/bundle.js';
    await client.open(uri, 'javascript', text);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['file-too-large'],
    );
    assert.deepEqual(diagnostics[0]?.range, {
      start: { line: 0, character: 0 },
      end: { line: 0, character: 0 },
    });
    await client.close(uri);
    await assertAlive();
  });

  it('a binary file is not analysed', async () => {
    const bytes = randomBytes(64 * 1024);
    bytes[10] = 0;
    const uri = 'file:///project/data/config.textproto';
    await client.open(uri, 'textproto', bytes.toString('latin1'));
    const diagnostics = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['binary-file'],
    );
    await client.close(uri);
    await assertAlive();
  });

  it('binary-like text without NUL bytes is parsed safely', async () => {
    const bytes = randomBytes(256 * 1024).map((byte) => (byte === 0 ? 1 : byte));
    const uri = 'file:///project/noise.textproto';
    await client.open(uri, 'textproto', Buffer.from(bytes).toString('latin1'));
    const diagnostics = await client.diagnosticsFor(uri, 1);
    assert.ok(diagnostics.length > 0);
    assert.ok(diagnostics.length <= 201, `${diagnostics.length} diagnostics`);
    assert.equal(diagnostics[diagnostics.length - 1]?.code, 'too-many-problems');
    await client.close(uri);
    await assertAlive();
    assert.equal(client.exited, false);
  });
});
