// Time as the client sees it: each attempt's timeout, the wait between attempts and the current time
// (a Retry-After date). The client takes a clock so that a test drives it instead of the real one.

export interface Clock {
  /** Milliseconds since the epoch, as Date.now(). */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
  sleep(ms: number, signal?: AbortSignal | null): Promise<void>;
  /** A signal that aborts with a "TimeoutError" DOMException after `ms`, as AbortSignal.timeout(). */
  timeout(ms: number): AbortSignal;
}

export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export const systemClock: Clock = { now: () => Date.now(), sleep, timeout: (ms) => AbortSignal.timeout(ms) };
