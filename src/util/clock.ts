// Monotonic milliseconds for durations. Not `performance.now()`: the first touch of the `performance`
// global loads Node's perf_hooks (~1 ms of every one-shot start, issue 3's benchmark).

/** Milliseconds on a monotonic clock (only differences mean anything). */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
