// Bundles each entry point into dist/ so the VSIX and the CLI carry no node_modules,
// except the SQLite binding, whose native prebuilds are copied beside the bundles.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync } from 'node:fs';

const production = process.argv.includes('--production');

const entryPoints = {
  client: 'client/extension.ts',
  server: 'server/main.ts',
  sidecar: 'scheduler/sidecar.ts',
  worker: 'scheduler/worker.ts',
  'user-job-worker': 'scheduler/userJobs/worker.ts',
  cli: 'cli/main.ts',
};

const present = Object.fromEntries(
  Object.entries(entryPoints).filter(([, file]) => existsSync(file)),
);

await esbuild.build({
  entryPoints: present,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  external: ['vscode', '@photostructure/sqlite'],
  logLevel: 'warning',
});

copySqliteBinding();

// The binding loads its .node file relative to its own package folder, so the whole
// package (JavaScript and prebuilds) goes to dist/node_modules where Node's resolver finds it,
// together with node-gyp-build, the one runtime dependency it requires to pick the prebuild.
function copySqliteBinding() {
  copyPackage('@photostructure/sqlite', ['package.json', 'dist', 'prebuilds', 'LICENSE']);
  copyPackage('node-gyp-build', ['package.json', 'index.js', 'node-gyp-build.js', 'LICENSE']);
}

function copyPackage(name, parts) {
  const source = `node_modules/${name}`;
  if (!existsSync(source)) return;
  const target = `dist/node_modules/${name}`;
  mkdirSync(target, { recursive: true });
  for (const part of parts) {
    if (existsSync(`${source}/${part}`))
      cpSync(`${source}/${part}`, `${target}/${part}`, { recursive: true });
  }
}
