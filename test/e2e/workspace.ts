// The example workspace that the real-editor tests open, copied so that tests never change
// examples/.
import { cpSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createExampleData } from '../../examples/exampleData';
import { REPO_ROOT } from '../../scripts/vscode/tools';

// The example config keeps request logs for one day (server.logs_retention_sec).
const EXAMPLE_LOGS_RETENTION_SEC = 86_400;

// Copies the example workspace (the TrailBase project and the guest job code) without its
// generated files, and creates fresh data in the copy: tests never change examples/, and
// the old log rows are old relative to this run.
export function copyExampleWorkspace(target: string): void {
  const source = join(REPO_ROOT, 'examples');
  const project = join(source, 'traildepot');
  const generated = new Set(
    ['data', 'backups', 'uploads', '.trailcron'].map((name) => join(project, name)),
  );
  for (const part of ['traildepot', 'guests']) {
    cpSync(join(source, part), join(target, part), {
      recursive: true,
      filter: (path) => !generated.has(path) && basename(path) !== 'node_modules',
    });
  }
  createExampleData(join(target, 'traildepot'), EXAMPLE_LOGS_RETENTION_SEC);
}
