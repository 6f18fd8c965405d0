// Cooperative cancellation inside a worker. The main thread sets a shared flag instead of
// terminating the worker, because terminating it while @photostructure/sqlite 1.2.1 is inside
// a statement (say, waiting on a lock) aborts the whole process ("terminate called after
// throwing an instance of 'Napi::Error'"). Tasks check the flag between statements.

let flag: Int32Array | undefined;

export function setCancelFlag(buffer: SharedArrayBuffer): void {
  flag = new Int32Array(buffer);
}

export function createCancelFlag(): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
}

export function cancel(buffer: SharedArrayBuffer): void {
  Atomics.store(new Int32Array(buffer), 0, 1);
}

export function throwIfCancelled(): void {
  if (flag !== undefined && Atomics.load(flag, 0) === 1) {
    throw new Error('cancelled before the next step');
  }
}
