// A clock for client tests that never waits: a sleep returns at once (its length is noted), and a
// timeout fires only when the test says so (`expire`), at the moment the test chooses (when the
// server holds the request, when the headers have arrived), so no test races the real clock.
import type { Clock } from "../../src/clock.ts";

export interface TestClock extends Clock {
  /** The waits asked for between attempts, in order (backoff or Retry-After), in ms. */
  readonly waits: number[];
  /** The timeouts the client started (one per attempt), in ms. */
  readonly timeouts: number[];
  /** Fires every timeout started and not yet fired: their signals abort with a TimeoutError. */
  expire(): void;
}

/** `now` is a whole second, so an HTTP date (second precision) converts back exactly. */
export function testClock(now = Date.parse("2024-05-01T10:00:00Z")): TestClock {
  const waits: number[] = [];
  const timeouts: number[] = [];
  let pending: AbortController[] = [];
  return {
    waits,
    timeouts,
    now: () => now,
    sleep: (ms, signal) => {
      waits.push(ms);
      return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
    },
    timeout: (ms) => {
      timeouts.push(ms);
      const controller = new AbortController();
      pending.push(controller);
      return controller.signal;
    },
    expire: () => {
      const firing = pending;
      pending = [];
      for (const controller of firing)
        controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError"));
    },
  };
}
