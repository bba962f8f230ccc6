// Faults on demand, proven with this project's own client: a POST under any fault reaches the mock
// exactly once (a create is never repeated), a GET is retried, a held answer times out, and
// Retry-After is honoured — no assertion on time. The client runs on a test clock: its waits return
// at once, and its timeout fires only once the mock holds the attempt (`expiringHeld`), so no request
// races a timeout however busy the machine is.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createNgorder, type NgorderClientOptions } from "../../src/index.ts";
import { startMock, type Mock } from "../../src/mock/index.ts";
import { failure } from "../client/support.ts";
import { loadBundle } from "../support/spec.ts";
import { testClock, type TestClock } from "../support/test-clock.ts";

const NEW_WAREHOUSE = { warehouse: "Gudang Jakarta", supplier_id: 23518, user_id: [7], is_active: true };

let mock: Mock;
let options: NgorderClientOptions;
let clock: TestClock;
beforeAll(async () => void (mock = await startMock({ spec: loadBundle() })));
afterAll(() => mock.close());
beforeEach(() => {
  mock.requests.length = 0;
  clock = testClock();
  options = {
    token: "any",
    baseUrl: mock.url,
    timeoutMs: 250,
    retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 2_000 },
    clock,
  };
});

const prefer = (value: string) => ({ headers: { Prefer: value } });
const seen = (operation: string) => mock.requests.filter((r) => r.operation === operation);

/**
 * Runs a call whose answers the mock holds or delays (never one it answers: a timeout could cut its
 * body short), firing the client's timeout each time the mock has received one more attempt of
 * `operation`, and never before: a real timer could fire while the request is still on its way.
 */
async function expiringHeld<T>(operation: string, call: () => Promise<T>): Promise<T> {
  const before = seen(operation).length;
  let settled = false;
  const result = call();
  result.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let expired = 0; !settled; await new Promise((resolve) => setTimeout(resolve, 2)))
    if (seen(operation).length - before > expired) {
      expired++;
      clock.expire();
    }
  return result;
}

describe("a POST under a fault reaches the mock exactly once", () => {
  it.each([
    ["fault=503, retry-after=0", "http"],
    ["fault=429, retry-after=0", "http"],
    ["fault=reset", "network"],
    ["fault=timeout", "timeout"],
  ] as const)("%s: one request, then %s", async (fault, kind) => {
    const create = () => createNgorder(options).warehouses.create(NEW_WAREHOUSE, prefer(fault));
    const error = await failure(() => (kind === "timeout" ? expiringHeld("createWarehouse", create) : create()), kind);
    expect(seen("createWarehouse")).toHaveLength(1);
    expect(seen("createWarehouse")[0]).toMatchObject({ method: "POST", fault: fault.match(/fault=(\w+)/)![1] });
    if (kind === "http") expect(error.status).toBe(Number(fault.slice(6, 9)));
  });
});

describe("a GET under a fault is retried", () => {
  it.each([
    ["fault=503, retry-after=0", "http"],
    ["fault=reset", "network"],
    ["fault=timeout", "timeout"],
  ] as const)("%s: 1 + 2 attempts, then %s", async (fault, kind) => {
    const get = () => createNgorder(options).warehouses.get({ id: 22 }, prefer(fault));
    await failure(() => (kind === "timeout" ? expiringHeld("getWarehouse", get) : get()), kind);
    expect(seen("getWarehouse")).toHaveLength(3);
  });

  it("a 503 answer carries the documented envelope and a Retry-After", async () => {
    const response = await fetch(`${mock.url}/warehouse/22`, {
      headers: { authorization: "Bearer any", prefer: "fault=503" },
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(await response.json()).toMatchObject({ response: "Failed", data: null });
    expect(seen("getWarehouse")[0]).toMatchObject({ status: 503, fault: "503" });
  });
});

describe("Retry-After is honoured", () => {
  it("a wait longer than the client's maxDelayMs is not waited out: the 429 comes back after one attempt", async () => {
    const error = await failure(
      () => createNgorder(options).warehouses.get({ id: 22 }, prefer("fault=429, retry-after=60")),
      "http",
    );
    expect(error.status).toBe(429);
    expect(seen("getWarehouse")).toHaveLength(1);
  });

  it("Retry-After: 0 is followed at once, though the client's own backoff would wait a minute", async () => {
    const patient = createNgorder({ ...options, retry: { retries: 2, baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    const error = await failure(() => patient.warehouses.get({ id: 22 }, prefer("fault=429, retry-after=0")), "http");
    expect(error.status).toBe(429);
    expect(seen("getWarehouse")).toHaveLength(3);
    expect(clock.waits).toEqual([0, 0]);
  });
});

describe("delay", () => {
  it("answers after the delay: within the client's timeout it succeeds, past it it times out", async () => {
    // The test clock's timeout does not fire by itself: the delayed answer comes first, however late.
    const ngorder = createNgorder({ ...options, retry: false });
    expect(await ngorder.warehouses.get({ id: 22 }, prefer("delay=20"))).toMatchObject({ response: "Success" });
    // Past it: the timeout fires while the mock still waits out its 60 s.
    await failure(
      () => expiringHeld("getWarehouse", () => ngorder.warehouses.get({ id: 22 }, prefer("delay=60000"))),
      "timeout",
    );
    expect(seen("getWarehouse").map((r) => r.status)).toEqual([200, undefined]);
    expect(clock.timeouts).toEqual([250, 250]);
  });
});

describe("closing the mock", () => {
  it("ends a held answer and a pending delay at once", async () => {
    const own = await startMock({ spec: loadBundle() });
    const headers = (value: string) => ({ authorization: "Bearer any", prefer: value });
    const held = fetch(`${own.url}/warehouse/22`, { headers: headers("fault=timeout") }).then(
      () => "answered",
      () => "closed",
    );
    const delayed = fetch(`${own.url}/warehouse/22`, { headers: headers("delay=60000") }).then(
      () => "answered",
      () => "closed",
    );
    while (own.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await own.close();
    expect(await Promise.all([held, delayed])).toEqual(["closed", "closed"]);
  });
});
