// The single timer of the runtime, driven by Node's mock timers and mock clock.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { MAX_TIMER_CHUNK_MS, TimerQueue } from '../../scheduler/timerQueue';

const START = Date.UTC(2030, 0, 1);
const DAY_MS = 24 * 60 * 60 * 1000;

describe('timer queue', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: START }));
  afterEach(() => mock.timers.reset());

  test('fires keys in due order', () => {
    const fired: number[] = [];
    const queue = new TimerQueue((key) => fired.push(key));
    queue.set(1, START + 300);
    queue.set(2, START + 100);
    queue.set(3, START + 200);

    mock.timers.tick(250);
    assert.deepEqual(fired, [2, 3]);
    mock.timers.tick(100);
    assert.deepEqual(fired, [2, 3, 1]);
    assert.equal(queue.size, 0);
  });

  test('replaced and deleted keys', () => {
    const fired: number[] = [];
    const queue = new TimerQueue((key) => fired.push(key));
    queue.set(1, START + 100);
    queue.set(2, START + 100);
    queue.set(1, START + 500);
    queue.delete(2);

    mock.timers.tick(200);
    assert.deepEqual(fired, []);
    mock.timers.tick(300);
    assert.deepEqual(fired, [1]);
  });

  test('far future beyond timer limit', () => {
    const fired: number[] = [];
    const queue = new TimerQueue((key) => fired.push(key));
    // 40 days is past setTimeout's 2^31 - 1 ms limit (24.8 days).
    queue.set(7, START + 40 * DAY_MS);

    mock.timers.tick(40 * DAY_MS - MAX_TIMER_CHUNK_MS);
    assert.deepEqual(fired, []);
    mock.timers.tick(MAX_TIMER_CHUNK_MS);
    assert.deepEqual(fired, [7]);
  });

  test('clock set back delays firing', () => {
    const fired: number[] = [];
    const queue = new TimerQueue((key) => fired.push(key));
    queue.set(1, START + 1_000);

    // The wall clock jumps back an hour; the timer's delay passes, but the key is not due.
    mock.timers.setTime(START - 3_600_000);
    mock.timers.tick(1_000);
    assert.deepEqual(fired, []);
    assert.equal(queue.has(1), true);
  });

  test('clock jump forward fires once', () => {
    const fired: number[] = [];
    const queue = new TimerQueue((key) => {
      fired.push(key);
      // Reschedules the way the runtime does: strictly after now.
      queue.set(key, Math.floor(Date.now() / 1000) * 1000 + 1000);
    });
    queue.set(1, START + 1_000);

    mock.timers.setTime(START + 3_600_000);
    mock.timers.tick(1_000);
    assert.deepEqual(fired, [1]);
  });

  test('close cancels everything', () => {
    const fired: number[] = [];
    const queue = new TimerQueue((key) => fired.push(key));
    queue.set(1, START + 10);
    queue.close();

    mock.timers.tick(100);
    assert.deepEqual(fired, []);
  });
});
