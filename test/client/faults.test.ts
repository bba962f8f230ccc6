// The client over real HTTP against a local server that injects faults: GETs recover, a POST or
// PATCH reaches the server exactly once, every failure is an NgorderError of the right kind, the
// token never shows, and nothing is left as an unhandled rejection. Time is a test clock: a wait
// returns at once and a timeout fires when the server holds the request, so nothing races the real
// clock however busy the machine is.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createNgorder, createNgorderClient, type NgorderClientOptions } from "../../src/index.ts";
import { startFaultServer, type Answer, type Fault, type FaultServer } from "../support/fault-server.ts";
import { testClock, type TestClock } from "../support/test-clock.ts";
import { failure, TOKEN } from "./support.ts";

const WAREHOUSE = {
  id: 22,
  warehouse: "Warehouse Bandung",
  supplier_id: 23518,
  address: "Bandung Kulon, Kota Bandung",
};
const OK: Answer = { status: 200, json: { response: "Success", data: WAREHOUSE } };
const CREATED: Answer = { status: 200, json: { response: "Success", data: { id: 23, name: "Warehouse Jakarta" } } };
const HTML_PAGE = (status: number, title: string): Answer => ({
  status,
  headers: { "content-type": "text/html; charset=utf-8" },
  body: `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1><hr><center>nginx</center></body></html>`,
});
const UNAVAILABLE = HTML_PAGE(503, "503 Service Temporarily Unavailable");
const NEW_WAREHOUSE = { warehouse: "Warehouse Jakarta", supplier_id: 23518, user_id: [7], is_active: true };

let server: FaultServer;
let options: NgorderClientOptions;
let clock: TestClock;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  server = await startFaultServer();
});

afterAll(async () => {
  await server.close();
  await new Promise((resolve) => setTimeout(resolve, 100));
  process.off("unhandledRejection", onUnhandled);
  expect(unhandled).toEqual([]);
});

beforeEach(() => {
  server.clear();
  clock = testClock();
  options = {
    token: TOKEN,
    baseUrl: `${server.url}/api/open`,
    timeoutMs: 250,
    retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 2_000 },
    clock,
  };
});

/** A request held past the client's timeout: the server keeps it, and the clock's timeout fires. */
const late = (): Fault => ({ hold: () => clock.expire() });

const hits = (route: string) => server.requests.filter((r) => `${r.method} ${r.path}` === route).length;

describe("a GET recovers", () => {
  const route = "GET /api/open/warehouse/22";
  const get = () => createNgorderClient(options).GET("/warehouse/{id}", { params: { path: { id: 22 } } });

  it("from a 429 with Retry-After in seconds", async () => {
    server.script(
      route,
      {
        status: 429,
        headers: { "retry-after": "1" },
        json: { response: "Failed", message: "Too Many Attempts.", data: null },
      },
      OK,
    );
    const { data, error } = await get();
    expect(error).toBeUndefined();
    expect(data?.data).toEqual(WAREHOUSE);
    expect(hits(route)).toBe(2);
    expect(clock.waits).toEqual([1000]);
  });

  it("from a 429 with Retry-After as an HTTP date", async () => {
    server.script(
      route,
      {
        status: 429,
        headers: { "retry-after": new Date(clock.now() + 1500).toUTCString() },
        json: { response: "Failed", message: "Too Many Attempts.", data: null },
      },
      OK,
    );
    expect((await get()).data?.data).toEqual(WAREHOUSE);
    expect(hits(route)).toBe(2);
    // The date has whole seconds: 1.5 s ahead is printed as 1 s ahead.
    expect(clock.waits).toEqual([1000]);
  });

  it("from a 503 HTML page and a 502, after a backoff that doubles", async () => {
    server.script(route, UNAVAILABLE, HTML_PAGE(502, "502 Bad Gateway"), OK);
    expect((await get()).data?.data).toEqual(WAREHOUSE);
    expect(hits(route)).toBe(3);
    const [first, second] = clock.waits;
    expect(clock.waits).toHaveLength(2);
    expect(first).toBeGreaterThanOrEqual(2.5);
    expect(first).toBeLessThanOrEqual(5);
    expect(second).toBeGreaterThanOrEqual(5);
    expect(second).toBeLessThanOrEqual(10);
  });

  it("from a reset connection", async () => {
    server.script(route, "reset", OK);
    expect((await get()).data?.data).toEqual(WAREHOUSE);
    expect(hits(route)).toBe(2);
  });

  it("from an answer delayed past the timeout", async () => {
    server.script(route, late(), OK);
    expect((await get()).data?.data).toEqual(WAREHOUSE);
    expect(hits(route)).toBe(2);
    expect(clock.timeouts).toEqual([250, 250]);
  });

  it("from a body that stalls past the timeout", async () => {
    server.script(route, { ...OK, stallBody: true }, OK);
    let answers = 0;
    // The timeout fires once the first answer's headers are in: only its body is late.
    const expireAfterFirstHeaders: typeof fetch = async (url, init) => {
      const response = await fetch(url, init);
      if (++answers === 1) clock.expire();
      return response;
    };
    const client = createNgorderClient({ ...options, fetch: expireAfterFirstHeaders });
    expect((await client.GET("/warehouse/{id}", { params: { path: { id: 22 } } })).data?.data).toEqual(WAREHOUSE);
    expect(hits(route)).toBe(2);
  });

  it("within the call's own timeoutMs, which replaces the client's", async () => {
    server.script(route, late(), late(), late());
    const error = await failure(() => createNgorder(options).warehouses.get({ id: 22 }, { timeoutMs: 40 }), "timeout");
    expect(clock.timeouts).toEqual([40, 40, 40]);
    expect(error.message).toContain("within 40 ms (timeoutMs)");
  });

  it("through the SDK too", async () => {
    server.script(route, "reset", UNAVAILABLE, OK);
    expect(await createNgorder(options).warehouses.get({ id: 22 })).toEqual({ response: "Success", data: WAREHOUSE });
    expect(hits(route)).toBe(3);
  });
});

describe("a GET that keeps failing", () => {
  const route = "GET /api/open/warehouse/22";
  const sdkGet = () => createNgorder(options).warehouses.get({ id: 22 });

  it("returns the last error answer from the path client, after 1 + 2 attempts", async () => {
    server.script(route, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE);
    const { data, error, response } = await createNgorderClient(options).GET("/warehouse/{id}", {
      params: { path: { id: 22 } },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(503);
    expect(error).toContain("<title>503 Service Temporarily Unavailable</title>");
    expect(hits(route)).toBe(3);
  });

  it("throws kind http from the SDK, with the page's title and not its HTML", async () => {
    server.script(
      route,
      HTML_PAGE(502, "502 Bad Gateway"),
      HTML_PAGE(502, "502 Bad Gateway"),
      HTML_PAGE(502, "502 Bad Gateway"),
    );
    const error = await failure(sdkGet, "http");
    expect(error.status).toBe(502);
    expect(error.message).toContain("HTTP 502 Bad Gateway (502 Bad Gateway)");
    expect(error.message).not.toContain("<");
    expect(error).toMatchObject({
      operation: "getWarehouse",
      method: "GET",
      url: `${server.url}/api/open/warehouse/22`,
    });
  });

  it("throws kind network when every connection is reset", async () => {
    server.script(route, "reset", "reset", "reset");
    const error = await failure(sdkGet, "network");
    expect(error.status).toBeUndefined();
    expect(hits(route)).toBe(3);
  });

  it("throws kind timeout when every answer is late, from the path client as well", async () => {
    server.script(route, late(), late(), late());
    const error = await failure(
      () => createNgorderClient(options).GET("/warehouse/{id}", { params: { path: { id: 22 } } }),
      "timeout",
    );
    expect(error.message).toContain("within 250 ms (timeoutMs)");
    expect(error.operation).toBe("GET /warehouse/{id}");
    expect(hits(route)).toBe(3);
  });

  it("cancels a timed-out attempt: its connection closes at once, not when the server answers", async () => {
    server.script(route, late());
    await failure(
      () => createNgorderClient(options).GET("/warehouse/{id}", { params: { path: { id: 22 } }, retry: false }),
      "timeout",
    );
    // The server never answers a held request: only the client's closing the connection ends it.
    await server.idle();
    expect(hits(route)).toBe(1);
    expect(server.waiting()).toBe(0);
  });

  it("does not wait out a Retry-After longer than maxDelayMs", async () => {
    server.script(
      route,
      {
        status: 429,
        headers: { "retry-after": "3600" },
        json: { response: "Failed", message: "Too Many Attempts.", data: null },
      },
      OK,
    );
    const error = await failure(sdkGet, "http");
    expect(error.status).toBe(429);
    expect(error.messages).toEqual(["Too Many Attempts."]);
    expect(hits(route)).toBe(1);
    expect(clock.waits).toEqual([]);
  });

  it("throws kind invalid_response, without retrying, on a success body that is not JSON", async () => {
    server.script(route, {
      status: 200,
      headers: { "content-type": "application/json" },
      body: '{"response":"Success","data":{"id":22,',
    });
    const error = await failure(sdkGet, "invalid_response");
    expect(error.message).toContain("not valid JSON");
    expect(hits(route)).toBe(1);
  });

  it("throws kind aborted when the caller aborts, and timeout for AbortSignal.timeout", async () => {
    const controller = new AbortController();
    const callerTimeout = new AbortController();
    // What AbortSignal.timeout() aborts with.
    const timeoutReason = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    server.script(route, { hold: () => controller.abort() }, { hold: () => callerTimeout.abort(timeoutReason) });
    await failure(
      () => createNgorder({ ...options, timeoutMs: 0 }).warehouses.get({ id: 22 }, { signal: controller.signal }),
      "aborted",
    );
    const timedOut = await failure(
      () => createNgorder({ ...options, timeoutMs: 0 }).warehouses.get({ id: 22 }, { signal: callerTimeout.signal }),
      "timeout",
    );
    expect(clock.timeouts).toEqual([]);
    // The caller's own timeout, not the client's timeoutMs (0 here: off).
    expect(timedOut.message).toContain("the caller's signal timed out");
    expect(timedOut.message).not.toContain("within");
    expect(hits(route)).toBe(2);
  });

  it("reports a validation error with its field messages and request_id", async () => {
    const body = {
      request_id: "5f967c71a9cab",
      response: "Failed",
      message: { warehouse: ["The warehouse field is required."], "user_id.0": ["The selected user_id.0 is invalid."] },
      data: null,
    };
    server.script("POST /api/open/warehouse", { status: 400, json: body });
    const error = await failure(() => createNgorder(options).warehouses.create(NEW_WAREHOUSE), "http");
    expect(error).toMatchObject({
      status: 400,
      requestId: "5f967c71a9cab",
      operation: "createWarehouse",
      method: "POST",
    });
    expect(error.fieldMessages).toEqual(body.message);
    expect(error.messages).toEqual(["The warehouse field is required.", "The selected user_id.0 is invalid."]);
    expect(error.message).toContain("[request_id 5f967c71a9cab]");
  });
});

describe("a POST or PATCH reaches the server exactly once", () => {
  const create = () => createNgorder(options).warehouses.create(NEW_WAREHOUSE);
  const update = () => createNgorderClient(options).PATCH("/warehouse", { body: { id: 23, ...NEW_WAREHOUSE } });
  const faults: [string, "http" | "network" | "timeout", Fault][] = [
    ["a 503", "http", UNAVAILABLE],
    [
      "a 429 with Retry-After",
      "http",
      {
        status: 429,
        headers: { "retry-after": "1" },
        json: { response: "Failed", message: "Too Many Attempts.", data: null },
      },
    ],
    ["a reset connection", "network", "reset"],
    ["an answer delayed past the timeout", "timeout", { hold: () => clock.expire() }],
  ];

  it.each(faults)("POST after %s fails with kind %s", async (_, kind, fault) => {
    server.script("POST /api/open/warehouse", fault, CREATED);
    await failure(create, kind);
    expect(hits("POST /api/open/warehouse")).toBe(1);
  });

  it.each(faults)("PATCH after %s is not repeated", async (_, __, fault) => {
    server.script("PATCH /api/open/warehouse", fault, CREATED);
    const outcome = await update().catch((error: unknown) => error);
    if (fault === "reset" || "hold" in fault) expect(outcome).toMatchObject({ name: "NgorderError" });
    else expect((outcome as { response: Response }).response.status).toBe(fault.status);
    expect(hits("PATCH /api/open/warehouse")).toBe(1);
  });

  it("unless the caller opts in for that request", async () => {
    server.script("POST /api/open/warehouse", UNAVAILABLE, "reset", CREATED);
    expect(await createNgorder(options).warehouses.create(NEW_WAREHOUSE, { retry: true })).toEqual(CREATED.json);
    expect(hits("POST /api/open/warehouse")).toBe(3);
  });

  it("a DELETE is retried only when the client opts DELETE in", async () => {
    const route = "DELETE /api/open/warehouse/22";
    server.script(route, UNAVAILABLE, UNAVAILABLE, OK);
    await failure(() => createNgorder(options).warehouses.delete({ id: 22 }), "http");
    expect(hits(route)).toBe(1);
    const optedIn = createNgorder({ ...options, retry: { ...options.retry, methods: ["GET", "DELETE"] } });
    expect(await optedIn.warehouses.delete({ id: 22 })).toEqual(OK.json);
    expect(hits(route)).toBe(3);
  });

  it("retry: false turns retries off for one GET", async () => {
    server.script("GET /api/open/warehouse/22", UNAVAILABLE, OK);
    await failure(() => createNgorder(options).warehouses.get({ id: 22 }, { retry: false }), "http");
    expect(hits("GET /api/open/warehouse/22")).toBe(1);
  });
});
