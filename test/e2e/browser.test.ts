// Drives trailcron the way a user does, in code-server shown by chromium: the squiggle under a
// bad schedule, the hover with next runs, the Jobs view and its Run now button. Each step
// saves a screenshot under test-results/e2e/ for a person to look at.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '../../scripts/vscode/tools';
import { EditorSession } from './session';

const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'e2e');
const BAD_SCHEDULE = '61 * * * * *';
const SYSTEM_JOB_NAMES = [
  'Backup',
  'Heartbeat',
  'Logs Cleanup',
  'Session Cleanup',
  'Query Optimizer',
  'File Deletions',
];
const UI_TIMEOUT_MS = 30_000;

const session = new EditorSession('browser');
let page: Page;

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await session.start();
  page = await session.open();
  page.setDefaultTimeout(UI_TIMEOUT_MS);
});

after(async () => {
  await session.close();
});

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

interface ScheduleLocation {
  // 1-based, as the editor's Go to Line takes it.
  line: number;
  schedule: string;
}

// Finds the schedule of the system_jobs entry with this id. The entry must be a block with
// the schedule on a line of its own, so the closing quote ends that line.
function findSchedule(jobId: string): ScheduleLocation {
  const lines = readFileSync(join(session.project, 'config.textproto'), 'utf8').split('\n');
  const entry = lines.findIndex((line) => line.includes(`id: ${jobId}`));
  assert.notEqual(entry, -1, `config.textproto has no entry with id: ${jobId}`);
  const offset = lines.slice(entry).findIndex((line) => /^\s*schedule: "[^"]*"\s*$/.test(line));
  assert.notEqual(offset, -1, `no schedule line after id: ${jobId}`);
  const line = lines[entry + offset] ?? '';
  return { line: entry + offset + 1, schedule: /"([^"]*)"/.exec(line)?.[1] ?? '' };
}

// Moves the cursor into the quoted schedule on that line, just before the closing quote.
async function goToScheduleEnd(line: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
}

function editor(): Locator {
  return page.locator('.editor-instance .monaco-editor').first();
}

// Runs one step and saves a screenshot named after it when it fails.
async function step(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    await screenshot(`failed-${name}`).catch(() => undefined);
    throw error;
  }
}

test('config.textproto opens in the editor', () =>
  step('open-config', async () => {
    const explorer = page.locator('.explorer-folders-view');
    await explorer.locator('.monaco-list-row', { hasText: 'traildepot' }).first().click();
    await explorer.locator('.monaco-list-row', { hasText: 'config.textproto' }).first().click();
    await editor().locator('.view-lines', { hasText: 'system_jobs' }).waitFor();
    await editor().locator('.view-lines').click();
    // The "Run now" code lenses appear once the language server has analysed the file.
    await editor().locator('.codelens-decoration', { hasText: 'Run now' }).first().waitFor();
    await screenshot('01-config');
  }));

test('bad schedule shows a squiggle', () =>
  step('squiggle', async () => {
    const { line, schedule } = findSchedule('QUERY_OPTIMIZER');
    await goToScheduleEnd(line);
    // Replaces the schedule in the buffer only, so the file on disk stays valid for the sidecar.
    for (let i = 0; i < schedule.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type(BAD_SCHEDULE);

    await editor().locator('.squiggly-error').first().waitFor();
    // The cursor is still inside the schedule, so the keyboard hover shows its problems.
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover:visible', { hasText: 'error' }).first();
    await hover.waitFor();
    await screenshot('02-squiggle');
    assert.match(await hover.innerText(), /61/);
    await page.keyboard.press('Escape');
  }));

test('hover on schedule shows next runs', () =>
  step('hover', async () => {
    await goToScheduleEnd(findSchedule('BACKUP').line);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');

    const hover = page.locator('.monaco-hover:visible', { hasText: 'Next runs' }).first();
    await hover.waitFor();
    await screenshot('03-hover');
    const text = await hover.innerText();
    assert.match(text, /Next runs \(UTC\)/);
    assert.match(text, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
    await page.keyboard.press('Escape');
  }));

test('Jobs view lists the system jobs', () =>
  step('jobs-view', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="TrailBase Jobs"]').click();
    const tree = page.locator('.pane-body .monaco-list[aria-label*="Jobs"]').first();
    // An entry that the sidecar rejected, such as a duplicate, gets a row with a warning icon.
    const warningIcon = page.locator('.codicon-warning');
    for (const name of SYSTEM_JOB_NAMES) {
      const row = tree.locator('.monaco-list-row', { hasText: name, hasNot: warningIcon });
      await row.first().waitFor();
    }
    await screenshot('04-jobs-view');
  }));

test('Run now on Logs Cleanup shows the run', () =>
  step('run-now', async () => {
    const row = page.locator('.monaco-list-row', { hasText: 'Logs Cleanup' }).first();
    await row.hover();
    await row.locator('.action-label[aria-label="Run Now"]').click();

    // A finished run appears as a child row of the job, with its status and trigger.
    await row.click();
    const run = page.locator('.monaco-list-row', { hasText: /succeeded.*manual/ }).first();
    await run.waitFor();
    assert.match(await run.innerText(), /succeeded/);
    // The job row itself stops showing "running".
    await page
      .locator('.monaco-list-row', { hasText: 'Logs Cleanup', hasNotText: 'running' })
      .first()
      .waitFor();
    await screenshot('05-run-now');
  }));
