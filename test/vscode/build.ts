// Bundles the in-editor suite and the test-runner extension with esbuild. The suite imports
// 'vscode', which only the extension host provides, so both bundles leave it external.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const HERE = __dirname;

const COMMON: esbuild.BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode'],
  logLevel: 'warning',
};

// Writes the suite to outFile. The bundle exports run(log) from suite/index.ts.
export async function buildSuite(outFile: string): Promise<void> {
  await esbuild.build({
    ...COMMON,
    entryPoints: [join(HERE, 'suite', 'index.ts')],
    outfile: outFile,
  });
}

export interface RunnerExtension {
  folder: string;
  suitePath: string;
}

// Writes the runner and the suite as an unpacked extension folder. code-server registers such
// a folder when it first creates the profile's extensions.json, so call this before
// installing any VSIX into the profile. The suite goes into the same folder because the
// extension host gives `require('vscode')` only to files inside an extension.
export async function buildRunnerExtension(extensionsDir: string): Promise<RunnerExtension> {
  const folder = join(extensionsDir, 'trailcron.trailcron-test-runner-0.0.1');
  mkdirSync(folder, { recursive: true });
  copyFileSync(join(HERE, 'runner', 'package.json'), join(folder, 'package.json'));
  await esbuild.build({
    ...COMMON,
    entryPoints: [join(HERE, 'runner', 'extension.ts')],
    outfile: join(folder, 'extension.js'),
  });

  const suitePath = join(folder, 'suite.js');
  await buildSuite(suitePath);
  return { folder, suitePath };
}
