// One call on the wire: a fresh fetch for each attempt, each attempt (answer and body) bounded by
// the timeout, retried as the policy allows. It runs after the request is prepared (auth, language,
// body), so every attempt sends the same request anew.
import type { ParseAs } from "openapi-fetch";
import { InvalidJsonBody, readBody, readErrorBody } from "./body.ts";
import type { Clock } from "./clock.ts";
import { backoffMs, RETRY_STATUSES, retryAfterMs, type RetryPolicy } from "./retry.ts";

/** openapi-fetch's result shape: `data` on success, `error` (the parsed error body) otherwise. */
export interface Outcome {
  data?: unknown;
  error?: unknown;
  response: Response;
}

export interface Exchange {
  fetch: typeof globalThis.fetch;
  url: string;
  init: RequestInit;
  parseAs: ParseAs | undefined;
  timeoutMs: number;
  /** Attempts allowed after the first: 0 for a request that must not be repeated. */
  retries: number;
  policy: RetryPolicy;
  clock: Clock;
}

/** Why a call ended without an answer to return. */
export class Failure {
  constructor(
    readonly kind: "network" | "timeout" | "aborted" | "invalid_response",
    readonly cause: unknown,
    /** The caller's own signal ended the call (its abort, or its AbortSignal.timeout()), not the client's timeout. */
    readonly byCallerSignal = false,
  ) {}
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The signal of one attempt: the caller's, combined with the attempt's timeout. Aborting it
 * cancels the request and its body for real, so a timed-out attempt frees its connection at once
 * (a timer alone would leave it open until the server answers, up to undici's 300 s).
 */
function attemptSignal(
  clock: Clock,
  timeoutMs: number,
  caller: AbortSignal | null | undefined,
): AbortSignal | undefined {
  const timeout = timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS ? clock.timeout(timeoutMs) : undefined;
  if (caller && timeout) return AbortSignal.any([caller, timeout]);
  return caller ?? timeout;
}

async function attempt({ fetch, url, init, parseAs, timeoutMs, clock }: Exchange): Promise<Outcome> {
  const signal = attemptSignal(clock, timeoutMs, init.signal);
  const response = await fetch(url, signal ? { ...init, signal } : init);
  return response.ok
    ? { data: await readBody(response, parseAs), response }
    : { error: await readErrorBody(response), response };
}

const isTimeout = (reason: unknown) => reason instanceof Error && reason.name === "TimeoutError";

/** `signal` is the caller's: its abort is theirs ("aborted", or "timeout" for AbortSignal.timeout()). */
function failureKind(error: unknown, signal: AbortSignal | null | undefined): Failure["kind"] {
  if (error instanceof InvalidJsonBody) return "invalid_response";
  if (signal?.aborted) return isTimeout(signal.reason) ? "timeout" : "aborted";
  return isTimeout(error) ? "timeout" : "network";
}

function pause(clock: Clock, ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return clock.sleep(ms, signal).catch((reason: unknown) => {
    throw new Failure(failureKind(reason, signal), reason, signal?.aborted === true);
  });
}

/** Returns the last answer (success or error status); throws a Failure when there is none. */
export async function send(exchange: Exchange): Promise<Outcome> {
  const { signal } = exchange.init;
  for (let retry = 0; ; retry++) {
    let outcome: Outcome;
    try {
      outcome = await attempt(exchange);
    } catch (error) {
      const kind = failureKind(error, signal);
      if (retry >= exchange.retries || kind === "aborted" || kind === "invalid_response")
        throw new Failure(kind, error, signal?.aborted === true);
      await pause(exchange.clock, backoffMs(exchange.policy, retry), signal);
      continue;
    }
    if (retry >= exchange.retries || !RETRY_STATUSES.has(outcome.response.status)) return outcome;
    const asked = retryAfterMs(outcome.response.headers.get("retry-after"), exchange.clock.now());
    if (asked !== undefined && asked > exchange.policy.maxDelayMs) return outcome;
    await pause(exchange.clock, asked ?? backoffMs(exchange.policy, retry), signal);
  }
}
