// Tracks the guest's pending timeouts and intervals, because TrailBase's guest runtime
// finishes a job only after they have fired or been cleared.
type Handle = ReturnType<typeof setTimeout>;

const pending = new Map<Handle, () => void>();
const settled = new Map<Handle, Promise<void>>();

export function installTimerTracking(): void {
  const nativeSetTimeout = globalThis.setTimeout;
  const nativeClearTimeout = globalThis.clearTimeout;
  const nativeSetInterval = globalThis.setInterval;
  const nativeClearInterval = globalThis.clearInterval;

  const trackedSetTimeout = (
    callback: (...args: unknown[]) => void,
    ms?: number,
    ...args: unknown[]
  ) => {
    const handle = nativeSetTimeout(() => {
      try {
        callback(...args);
      } finally {
        release(handle);
      }
    }, ms);
    track(handle);
    return handle;
  };
  const trackedClearTimeout = (handle?: Handle) => {
    if (handle !== undefined) release(handle);
    nativeClearTimeout(handle);
  };
  const trackedSetInterval = (
    callback: (...args: unknown[]) => void,
    ms?: number,
    ...args: unknown[]
  ) => {
    const handle = nativeSetInterval(callback, ms, ...args);
    track(handle);
    return handle;
  };
  const trackedClearInterval = (handle?: Handle) => {
    if (handle !== undefined) release(handle);
    nativeClearInterval(handle);
  };

  Object.assign(globalThis, {
    setTimeout: trackedSetTimeout,
    clearTimeout: trackedClearTimeout,
    setInterval: trackedSetInterval,
    clearInterval: trackedClearInterval,
  });
}

/** Resolves once every timeout has fired and every interval has been cleared. */
export async function awaitPendingTimers(): Promise<void> {
  while (settled.size > 0) await Promise.all(settled.values());
}

/** Calls `callback` every `ms` milliseconds until the `cancel` it receives is called. */
export function addPeriodicCallback(
  ms: number,
  callback: (cancel: () => void) => void,
): () => void {
  const handle = setInterval(() => callback(cancel), ms);
  function cancel(): void {
    clearInterval(handle);
  }
  return cancel;
}

function track(handle: Handle): void {
  settled.set(handle, new Promise<void>((resolve) => pending.set(handle, resolve)));
}

function release(handle: Handle): void {
  pending.get(handle)?.();
  pending.delete(handle);
  settled.delete(handle);
}
