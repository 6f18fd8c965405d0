// Packages the extension with vsce from the repository root, as `npm run package` does,
// and checks what the VSIX contains. It must hold everything the manifest points at, the
// bundles and the SQLite binding, and nothing else: no sources, source maps, tests or
// node_modules outside dist/. The test packages the dev build that test/run.mjs made, so
// a source map that .vscodeignore let through would show up here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { inflateRawSync } from 'node:zlib';

const ROOT = join(__dirname, '..', '..');
const VSCE = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Files the VSIX may contain besides vsce's [Content_Types].xml and extension.vsixmanifest. */
const ALLOWED = [
  /^extension\/package\.json$/,
  // vsce stores the README as readme.md and may add .txt to the license file.
  /^extension\/(readme\.md|LICENSE(\.txt)?)$/i,
  /^extension\/media\/[\w-]+\.(png|svg)$/,
  /^extension\/media\/walkthrough\/[\w-]+\.md$/,
  /^extension\/syntaxes\/[\w.-]+\.json$/,
  /^extension\/dist\/(client|server|sidecar|worker|user-job-worker)\.js$/,
  /^extension\/dist\/node_modules\/.+\.(js|cjs|node|json)$/,
  /^extension\/dist\/node_modules\/.+\/LICENSE$/,
];

let workDir = '';
let vsixPath = '';
let entries = new Map<string, Buffer>();

before(() => {
  workDir = mkdtempSync(join(tmpdir(), 'trailcron-vsix-'));
  const result = spawnSync(
    process.execPath,
    [VSCE, 'package', '--no-dependencies', '--allow-missing-repository', '--out', `${workDir}/`],
    { cwd: ROOT, encoding: 'utf8' },
  );
  assert.equal(result.status, 0, `vsce package failed:\n${result.stdout}${result.stderr}`);
  vsixPath = join(workDir, `${manifest.name}-${manifest.version}.vsix`);
  entries = readZip(readFileSync(vsixPath));
});

after(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test('package named after manifest', () => {
  assert.ok(statSync(vsixPath).isFile(), `${vsixPath} is missing`);
});

test('package holds no stray files', () => {
  const stray = [...entries.keys()].filter(
    (name) =>
      name !== '[Content_Types].xml' &&
      name !== 'extension.vsixmanifest' &&
      !ALLOWED.some((pattern) => pattern.test(name)),
  );
  assert.deepEqual(stray, []);
});

test('package holds no maps or sources', () => {
  const names = [...entries.keys()];
  assert.deepEqual(
    names.filter((name) => name.endsWith('.map')),
    [],
  );
  assert.deepEqual(
    names.filter((name) => /\.(ts|mts|cts)$/.test(name)),
    [],
  );
  assert.deepEqual(
    names.filter((name) => /^extension\/node_modules\//.test(name)),
    [],
  );
});

test('package holds bundles and binding', () => {
  for (const bundle of ['client', 'server', 'sidecar', 'worker']) {
    assert.ok(entries.has(`extension/dist/${bundle}.js`), `dist/${bundle}.js is missing`);
  }
  const binding = 'extension/dist/node_modules/@photostructure/sqlite';
  assert.ok(entries.has(`${binding}/package.json`), 'SQLite binding package.json is missing');
  assert.ok(entries.has(`${binding}/dist/index.cjs`), 'SQLite binding index.cjs is missing');
  for (const platform of ['linux-x64', 'darwin-arm64', 'win32-x64']) {
    const prebuild = `${binding}/prebuilds/${platform}/@photostructure+sqlite.glibc.node`;
    assert.ok(entries.has(prebuild), `${platform} prebuild is missing`);
  }
});

test('package holds manifest targets', () => {
  const contributes = manifest.contributes;
  const targets: string[] = [
    manifest.main,
    manifest.icon,
    ...contributes.grammars.map((grammar: { path: string }) => grammar.path),
    ...contributes.languages.map((language: { configuration: string }) => language.configuration),
    ...contributes.viewsContainers.activitybar.map((container: { icon: string }) => container.icon),
    ...contributes.walkthroughs.flatMap(
      (walkthrough: { steps: { media: { markdown: string } }[] }) =>
        walkthrough.steps.map((step) => step.media.markdown),
    ),
  ];
  for (const target of targets) {
    const name = `extension/${target.replace(/^\.\//, '')}`;
    assert.ok(entries.has(name), `${target} from package.json is not in the VSIX`);
  }
});

test('packaged manifest matches source', () => {
  const packaged = JSON.parse(entries.get('extension/package.json')!.toString('utf8'));
  assert.equal(packaged.name, manifest.name);
  assert.equal(packaged.version, manifest.version);
  assert.equal(packaged.main, manifest.main);
});

/**
 * Reads every entry of a zip file through its central directory. It handles the stored
 * and deflated entries that vsce writes, without zip64 support.
 */
function readZip(zip: Buffer): Map<string, Buffer> {
  const endOffset = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(endOffset >= 0, 'end of central directory not found');
  const count = zip.readUInt16LE(endOffset + 10);
  let offset = zip.readUInt32LE(endOffset + 16);
  const files = new Map<string, Buffer>();
  for (let index = 0; index < count; index++) {
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    const dataStart =
      localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}
