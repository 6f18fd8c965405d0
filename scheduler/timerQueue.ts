// One timer for all jobs: a binary min-heap of due times with a single setTimeout armed for
// the earliest entry. Replacing or deleting a key leaves its old heap entry behind. Stale
// entries are recognised by their sequence number and dropped when they reach the top.

/**
 * Maximum single setTimeout delay. Node clamps delays above 2^31 - 1 ms (24.8 days) to 1 ms,
 * so far-future runs are reached in several chunks. The chunk is kept at 60 s because Node's
 * timers use the monotonic clock, which stops while the machine sleeps: a run due during a
 * suspend then fires at most 60 s after wake-up instead of a full chunk late.
 */
export const MAX_TIMER_CHUNK_MS = 60_000;

interface HeapEntry {
  due: number;
  key: number;
  sequence: number;
}

export class TimerQueue {
  private readonly heap: HeapEntry[] = [];
  private readonly sequenceByKey = new Map<number, number>();
  private nextSequence = 0;
  private timer: NodeJS.Timeout | undefined;
  private armedAt = Number.NaN;
  private closed = false;

  /**
   * @param onDue called once per key whose due time (unix ms) has passed, in due order.
   * @param now wall clock in unix ms; replaceable for tests and benchmarks.
   */
  constructor(
    private readonly onDue: (key: number, due: number) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Sets or replaces the due time of a key. */
  set(key: number, due: number): void {
    const sequence = this.nextSequence++;
    this.sequenceByKey.set(key, sequence);
    this.push({ due, key, sequence });
    this.arm();
  }

  delete(key: number): void {
    if (this.sequenceByKey.delete(key)) this.arm();
  }

  has(key: number): boolean {
    return this.sequenceByKey.has(key);
  }

  get size(): number {
    return this.sequenceByKey.size;
  }

  close(): void {
    this.closed = true;
    this.heap.length = 0;
    this.sequenceByKey.clear();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    if (this.closed) return;
    const top = this.peekValid();
    if (top === undefined) {
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
      this.armedAt = Number.NaN;
      return;
    }
    if (this.timer !== undefined && this.armedAt === top.due) return;

    if (this.timer !== undefined) clearTimeout(this.timer);
    const delay = Math.min(Math.max(top.due - this.now(), 0), MAX_TIMER_CHUNK_MS);
    this.armedAt = top.due;
    this.timer = setTimeout(() => this.fire(), delay);
  }

  // The wall clock is read again here rather than trusting the delay: after a backwards clock
  // jump an entry is not due yet and the queue simply re-arms. Each key is handed over as soon
  // as it is popped, so the first due job does not wait for the rest of the heap. Keys set
  // from onDue are due strictly later than now, so the loop ends.
  private fire(): void {
    this.timer = undefined;
    this.armedAt = Number.NaN;
    const now = this.now();
    for (let top = this.peekValid(); top !== undefined && top.due <= now; top = this.peekValid()) {
      this.pop();
      this.sequenceByKey.delete(top.key);
      this.onDue(top.key, top.due);
      if (this.closed) return;
    }
    this.arm();
  }

  private peekValid(): HeapEntry | undefined {
    for (;;) {
      const top = this.heap[0];
      if (top === undefined) return undefined;
      if (this.sequenceByKey.get(top.key) === top.sequence) return top;
      this.pop();
    }
  }

  private push(entry: HeapEntry): void {
    const heap = this.heap;
    heap.push(entry);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!isBefore(entry, heap[parent]!)) break;
      heap[index] = heap[parent]!;
      index = parent;
    }
    heap[index] = entry;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (last === undefined || heap.length === 0) return;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && isBefore(heap[right]!, heap[left]!) ? right : left;
      if (!isBefore(heap[child]!, last)) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = last;
  }
}

function isBefore(a: HeapEntry, b: HeapEntry): boolean {
  return a.due < b.due || (a.due === b.due && a.sequence < b.sequence);
}
