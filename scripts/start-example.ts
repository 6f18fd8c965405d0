// `npm start`: opens the bundled example TrailBase project in a real VS Code (code-server on
// 127.0.0.1) with trailcron installed from a freshly built VSIX. Runs until Ctrl-C, then
// stops code-server and every process it started.
//
// Options: --port N (default: a free port), --no-package (install the VSIX already built).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createProfile, installExtension, startCodeServer } from './vscode/codeServer';
import { ensureVscodeTools, REPO_ROOT, TOOLS_DIR } from './vscode/tools';

// The workspace contains the TrailBase project (traildepot/) and the guest job code (guests/),
// so the Jobs view shows system jobs and user jobs.
const EXAMPLE_WORKSPACE = join(REPO_ROOT, 'examples');
const EXAMPLE_PROJECT = join(EXAMPLE_WORKSPACE, 'traildepot');
const PROFILE_DIR = join(TOOLS_DIR, 'example-profile');

interface PackageJson {
  version: string;
  scripts: Record<string, string>;
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;

  ensureVscodeTools();
  ensureExampleData(manifest);
  const vsix = join(REPO_ROOT, `trailcron-${manifest.version}.vsix`);
  if (options.buildPackage) runNpmScript('package');
  if (!existsSync(vsix)) throw new Error(`${vsix} not found; run npm run package`);

  // The profile is kept between runs so the editor layout persists. The settings and the
  // extension are written anew each time.
  const profile = createProfile(PROFILE_DIR);
  installExtension(profile, vsix);
  console.log(`Installed ${vsix} into ${profile.extensionsDir}`);

  const server = await startCodeServer(profile, { port: options.port });
  let stopping = false;
  const stop = async (signal: string) => {
    // npm forwards the terminal's Ctrl-C as a second signal, so only the first one acts.
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received; stopping code-server`);
    await server.stop();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void stop(signal));
  }

  console.log(`\nVS Code with trailcron is running. Open this URL in a browser:\n`);
  console.log(`  ${server.workbenchUrl(EXAMPLE_WORKSPACE)}\n`);
  console.log('Press Ctrl-C to stop it.');

  await server.exited;
  if (stopping) return;
  console.error(
    `code-server exited unexpectedly; its last output:\n${server.output().slice(-4000)}`,
  );
  await server.stop();
  process.exit(1);
}

function parseArguments(args: string[]): { port: number; buildPackage: boolean } {
  const options = { port: 0, buildPackage: true };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--no-package') {
      options.buildPackage = false;
    } else if (arg === '--port') {
      options.port = Number(args[++i]);
      if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
        throw new Error(`invalid --port ${args[i]}: expected a port number 0-65535`);
      }
    } else {
      throw new Error(`unknown option ${arg}; expected --port N or --no-package`);
    }
  }
  return options;
}

// The example's SQLite files are generated, not committed.
function ensureExampleData(manifest: PackageJson): void {
  if (existsSync(join(EXAMPLE_PROJECT, 'data'))) return;
  if (!manifest.scripts['example:data']) {
    console.warn(`${EXAMPLE_PROJECT}/data is missing and package.json has no example:data script`);
    return;
  }
  runNpmScript('example:data');
}

function runNpmScript(name: string): void {
  console.log(`> npm run ${name}`);
  const result = spawnSync('npm', ['run', name], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0)
    throw new Error(`npm run ${name} failed with exit code ${result.status}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
