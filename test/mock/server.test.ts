// startMock() as a user's test suite runs it: a base URL for the client on a free port, clear
// errors for bad or busy ports, the API's answers for unknown paths, methods and missing tokens,
// and `requests`, the log a test asserts on — quiet unless asked, credentials never in it.
import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createNgorder } from "../../src/index.ts";
import { PortError, startMock, type Mock } from "../../src/mock/index.ts";
import { loadBundle } from "../support/spec.ts";
import { AUTH } from "./support.ts";

const spec = loadBundle();
const TOKEN = "tok_live_S3CRET_4f9a2c7e1b";
let mock: Mock;
beforeAll(async () => void (mock = await startMock({ spec })));
afterAll(() => mock.close());
beforeEach(() => void (mock.requests.length = 0));

describe("startMock", () => {
  it("serves the API under its base path on 127.0.0.1 and a free port: url is the client's baseUrl", async () => {
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}${new URL(spec.servers[0].url).pathname}`);
    expect(mock.port).toBeGreaterThan(0);
    const ngorder = createNgorder({ token: "any", baseUrl: mock.url });
    expect(await ngorder.warehouses.get({ id: 22 })).toEqual(
      spec.paths["/warehouse/{id}"].get.responses["200"].content["application/json"].examples.vendorDoc.value,
    );
  });

  it("says in one line why a port cannot be used", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      await expect(startMock({ spec, port })).rejects.toThrow(
        new PortError(`port ${port} on 127.0.0.1 is in use: choose another, or 0 for a free one`),
      );
    } finally {
      busy.close();
    }
    for (const bad of [70000, -1, 1.5, Number.NaN])
      await expect(startMock({ spec, port: bad })).rejects.toThrow(
        /^port "[^"]*" is not a port: use a number from 1 to 65535, or 0 for a free one$/,
      );
  });

  it("answers like the API for what no operation takes: 404 outside the API, 404 for unknown paths", async () => {
    const outside = await fetch(`${new URL(mock.url).origin}/elsewhere`);
    expect(outside.status).toBe(404);
    expect((await outside.json()).message).toBe("The mock serves the API under /api/open");
    const unknown = await fetch(`${mock.url}/no-such-thing`, { headers: AUTH });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).message).toBe("GET /no-such-thing matches no path of the spec");
  });

  it.each([
    ["PUT", "/warehouse/22", "/warehouse/{id}"],
    ["DELETE", "/warehouse", "/warehouse"],
    ["POST", "/setting/payment/xendit", "/setting/payment/xendit"],
  ])(
    "answers %s %s, which the path does not document, with 405 and the methods it does in Allow",
    async (verb, path, template) => {
      const documented = Object.keys(spec.paths[template])
        .filter((key) => ["get", "put", "post", "delete", "patch", "head", "options"].includes(key))
        .map((key) => key.toUpperCase());
      expect(documented).not.toContain(verb);
      const answer = await fetch(`${mock.url}${path}`, { method: verb, headers: AUTH });
      expect(answer.status).toBe(405);
      expect(answer.headers.get("allow")?.split(", ").sort()).toEqual(documented.sort());
      expect(await answer.json()).toMatchObject({ response: "Failed", data: null });
    },
  );

  it("answers 401 without a bearer token, with the documented 401", async () => {
    for (const authorization of [undefined, "Basic abc", "Bearer "]) {
      const response = await fetch(`${mock.url}/warehouse/22`, authorization ? { headers: { authorization } } : {});
      expect(response.status, authorization).toBe(401);
      expect(await response.json()).toMatchObject({ response: "Failed", data: null });
    }
  });
});

describe("requests, the log", () => {
  it("keeps each request: method, path, query as read, headers, parsed body, operation and status", async () => {
    const ngorder = createNgorder({ token: TOKEN, baseUrl: mock.url, language: "id" });
    await ngorder.warehouses.list({ with_main_warehouse: true }, { headers: { "X-Api-Key": "key-123" } });
    await fetch(`${mock.url}/warehouse?api_key=key-456`, { headers: AUTH });
    await ngorder.warehouses.create({
      warehouse: "Gudang Jakarta",
      supplier_id: 23518,
      user_id: [7, 8],
      is_active: true,
    });
    await fetch(`${mock.url}/order?product_type[0]=S&product_type[1]=R`, { headers: AUTH });
    const logo = new File([new Uint8Array([137, 80, 78, 71])], "logo.png", { type: "image/png" });
    await ngorder.shop.uploadLogo({ logo });

    expect(mock.requests).toMatchObject([
      {
        method: "GET",
        path: "/api/open/warehouse",
        query: { with_main_warehouse: "true" },
        operation: "listWarehouses",
        status: 200,
      },
      { method: "GET", query: { api_key: "[REDACTED]" }, operation: "listWarehouses", status: 400 },
      {
        method: "POST",
        path: "/api/open/warehouse",
        query: {},
        body: { warehouse: "Gudang Jakarta", supplier_id: 23518, user_id: [7, 8], is_active: true },
        operation: "createWarehouse",
        status: 200,
      },
      { method: "GET", query: { product_type: ["S", "R"] }, operation: "listOrders" },
      {
        method: "PATCH",
        body: { logo: { fileName: "logo.png", contentType: "image/png", size: 4 } },
        operation: "uploadShopLogo",
        status: 200,
      },
    ]);
    expect(mock.requests[0]!.headers).toMatchObject({
      "accept-language": "id",
      authorization: "[REDACTED]",
      "x-api-key": "[REDACTED]",
    });
    expect(JSON.stringify(mock.requests)).not.toContain(TOKEN);
    expect(JSON.stringify(mock.requests)).not.toContain("key-123");
    expect(JSON.stringify(mock.requests)).not.toContain("key-456");
  });

  it("prints nothing unless asked; with `log` one line per request", async () => {
    const write = vi.spyOn(process.stdout, "write");
    const lines: string[] = [];
    const logged = await startMock({ spec, log: (line) => lines.push(line) });
    try {
      await fetch(`${mock.url}/warehouse/22`, { headers: AUTH });
      await fetch(`${logged.url}/warehouse/22?x=%1B[31m&token=t0k3n`, { headers: AUTH });
      await fetch(`${logged.url}/warehouse/22`, { headers: { ...AUTH, prefer: "fault=reset" } }).catch(() => undefined);
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
      await logged.close();
    }
    expect(lines).toEqual([
      "GET /api/open/warehouse/22?x=%1B[31m&token=[REDACTED] → 400 getWarehouse",
      "GET /api/open/warehouse/22 → fault=reset getWarehouse",
    ]);
  });

  it("keeps the newest maxLoggedRequests", async () => {
    const small = await startMock({ spec, maxLoggedRequests: 2 });
    try {
      for (const id of [1, 2, 3]) await fetch(`${small.url}/warehouse/${id}`, { headers: AUTH });
      expect(small.requests.map((r) => r.path)).toEqual(["/api/open/warehouse/2", "/api/open/warehouse/3"]);
    } finally {
      await small.close();
    }
  });
});
