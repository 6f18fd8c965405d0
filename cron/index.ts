// The schedule language of TrailBase jobs: parsing with diagnostics, next and previous
// runs in UTC, warnings and English descriptions. No VS Code, no I/O, no dependencies.
//
// `parse` reports errors only; `scheduleWarnings` reports every warning (including
// spaces inside a field), so callers that show both get each warning once.
export * from './types';
export { parse } from './parse';
export { nextRun, nextRuns, previousRun } from './next';
export { neverFires, scheduleWarnings } from './warnings';
export { describe } from './describe';
export { formatRun, formatRelative } from './format';
