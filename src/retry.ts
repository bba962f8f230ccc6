// When to try a request again, and how long to wait first (conventions §5).

export interface RetryOptions {
  /** Attempts after the first one. Default 2. */
  retries?: number;
  /**
   * Methods retried without a per-request `retry: true`. Default GET, HEAD and OPTIONS; add PUT or
   * DELETE to opt in. Leave POST and PATCH out: a repeated "create order" creates a second order.
   */
  methods?: string[];
  /** Wait before the first retry, doubled for each later one, with jitter. Default 500 ms. */
  baseDelayMs?: number;
  /**
   * Longest wait between attempts. A `Retry-After` that asks for longer is not waited out: the
   * 429 or 503 answer is returned at once. Default 30 000 ms.
   */
  maxDelayMs?: number;
}

export interface RetryPolicy {
  retries: number;
  methods: Set<string>;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Answers worth another attempt: rate limited, or a gateway or server that is briefly away. */
export const RETRY_STATUSES = new Set([429, 502, 503, 504]);

export function retryPolicy(options: RetryOptions | false = {}): RetryPolicy {
  const {
    retries = 2,
    methods = ["GET", "HEAD", "OPTIONS"],
    baseDelayMs = 500,
    maxDelayMs = 30_000,
  } = options || { retries: 0 };
  return { retries, methods: new Set(methods.map((m) => m.toUpperCase())), baseDelayMs, maxDelayMs };
}

/** Exponential backoff with jitter: between half and all of `baseDelayMs × 2^retry`, capped. */
export function backoffMs(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry) * (0.5 + random() / 2);
}

/** The wait a `Retry-After` header asks for, in ms: delay-seconds or an HTTP date. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  // An HTTP date has a weekday and a month name; Date.parse alone reads "-5" as a date.
  const ms = /^\s*\d+\s*$/.test(value) ? Number(value) * 1000 : /[a-z]/i.test(value) ? Date.parse(value) - now : NaN;
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}
