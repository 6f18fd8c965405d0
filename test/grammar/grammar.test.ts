// Runs vscode-tmgrammar-test on each fixture in test/grammar/fixtures. The fixtures carry
// their expected scopes as comment lines under the source lines. VS Code's built-in Rust
// and TypeScript grammars are not installed here, so those fixtures use small host
// grammars from test/grammar/hosts that scope comments and strings as the real ones do.
// The TypeScript fixture ends in .txt so the project's type check skips it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'grammar', 'fixtures');
const HOSTS = join(ROOT, 'test', 'grammar', 'hosts');
const RUNNER = join(ROOT, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');

interface GrammarContribution {
  language?: string;
  scopeName: string;
  path: string;
  injectTo?: string[];
}

function runGrammarTest(fixture: string): { status: number | null; output: string } {
  const hostArgs = readdirSync(HOSTS).flatMap((file) => ['-g', join(HOSTS, file)]);
  const result = spawnSync(
    process.execPath,
    [RUNNER, '--compact', '--config', join(ROOT, 'package.json'), ...hostArgs, fixture],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

for (const fixture of readdirSync(FIXTURES).sort()) {
  test(`grammar fixture ${fixture}`, () => {
    const { status, output } = runGrammarTest(join(FIXTURES, fixture));
    assert.doesNotMatch(output, /ERROR/, output);
    assert.equal(status, 0, output);
  });
}

test('grammar contributions match files', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const grammars: GrammarContribution[] = manifest.contributes.grammars;
  assert.ok(grammars.length >= 3, 'expected the textproto grammar and two injections');
  for (const grammar of grammars) {
    const file = JSON.parse(readFileSync(join(ROOT, grammar.path), 'utf8'));
    assert.equal(file.scopeName, grammar.scopeName, `scopeName in ${grammar.path}`);
    if (grammar.injectTo)
      assert.ok(file.injectionSelector, `${grammar.path} has no injectionSelector`);
  }
});

test('grammar test fails on wrong scope', () => {
  const { status, output } = runGrammarTest(join(HOSTS, '..', 'broken', 'wrong-scope.textproto'));
  assert.notEqual(status, 0, output);
  assert.match(output, /Missing required scopes/);
});
