// The retry rules on their own: which requests, how long to wait, and Retry-After.
import { describe, expect, it } from "vitest";
import { sleep } from "../../src/clock.ts";
import { createNgorderClient } from "../../src/index.ts";
import { backoffMs, retryAfterMs, retryPolicy } from "../../src/retry.ts";
import { testClock } from "../support/test-clock.ts";

describe("retryPolicy", () => {
  it("retries GET, HEAD and OPTIONS twice by default, never POST or PATCH", () => {
    const policy = retryPolicy();
    expect(policy.retries).toBe(2);
    expect([...policy.methods]).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect(
      policy.methods.has("POST") ||
        policy.methods.has("PATCH") ||
        policy.methods.has("PUT") ||
        policy.methods.has("DELETE"),
    ).toBe(false);
  });

  it("takes methods in any case, and `false` for no retries", () => {
    expect([...retryPolicy({ methods: ["get", "delete"] }).methods]).toEqual(["GET", "DELETE"]);
    expect(retryPolicy(false).retries).toBe(0);
  });

  it("retries the statuses that say come back later (CONVENTIONS.md §5), and no other", async () => {
    const statuses = [400, 401, 403, 404, 408, 409, 422, 429, 500, 501, 502, 503, 504, 505];
    const attempts = new Map<number, number>();
    for (const status of statuses) {
      const answer: typeof fetch = async () => {
        attempts.set(status, (attempts.get(status) ?? 0) + 1);
        return new Response("{}", { status, headers: { "content-type": "application/json" } });
      };
      await createNgorderClient({ token: "any", fetch: answer, clock: testClock() }).GET("/warehouse");
    }
    const retried = statuses.filter((status) => attempts.get(status)! > 1);
    expect(retried).toEqual([429, 502, 503, 504]);
    expect(statuses.map((status) => attempts.get(status))).toEqual(
      statuses.map((status) => (retried.includes(status) ? 3 : 1)),
    );
  });
});

describe("backoffMs", () => {
  const policy = retryPolicy({ baseDelayMs: 100, maxDelayMs: 1_000 });

  it("doubles each retry, with jitter between half and all of it", () => {
    expect([0, 1, 2].map((retry) => backoffMs(policy, retry, () => 0))).toEqual([50, 100, 200]);
    expect([0, 1, 2].map((retry) => backoffMs(policy, retry, () => 1))).toEqual([100, 200, 400]);
    expect(backoffMs(policy, 1, () => 0.5)).toBe(150);
  });

  it("never exceeds maxDelayMs", () => {
    expect(backoffMs(policy, 10, () => 1)).toBe(1_000);
  });
});

describe("retryAfterMs", () => {
  const now = Date.parse("2024-05-01T10:00:00Z");

  it("reads delay-seconds", () => {
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs(" 0 ", now)).toBe(0);
  });

  it("reads an HTTP date, and a date in the past as no wait", () => {
    expect(retryAfterMs("Wed, 01 May 2024 10:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("Wed, 01 May 2024 09:59:00 GMT", now)).toBe(0);
  });

  it("ignores a missing or unreadable value", () => {
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs("-5", now)).toBeUndefined();
  });
});

describe("sleep", () => {
  it("resolves after the wait", async () => {
    await expect(sleep(1)).resolves.toBeUndefined();
  });

  it("rejects with the signal's reason as soon as it aborts", async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    await expect(sleep(1, AbortSignal.abort(new Error("already")))).rejects.toThrow("already");
  });
});
