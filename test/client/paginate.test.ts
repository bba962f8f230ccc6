// Pagination over real HTTP: `pagination_offset` is the page number, `meta.pagination` says where
// the listing stands, and iteration stops at `current_page === total_pages` or at the safety cap.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createNgorder, pages, paginate, type Ngorder } from "../../src/index.ts";
import { startFaultServer, type FaultServer, type RecordedRequest } from "../support/fault-server.ts";
import { failure, TOKEN } from "./support.ts";

const ORDERS = Array.from({ length: 5 }, (_, i) => ({ order_id: 100 + i }));

/** Answers GET /order like the server: `per_page` items of page `pagination_offset`. */
function listOrders(request: RecordedRequest, lying = false) {
  const perPage = Number(request.query.get("per_page") ?? 10);
  const page = Number(request.query.get("pagination_offset") ?? 1);
  const totalPages = Math.ceil(ORDERS.length / perPage);
  const data = ORDERS.slice((page - 1) * perPage, page * perPage);
  const links =
    page < totalPages
      ? { next: `https://api.smartseller.co.id/api/open/order?per_page=${perPage}&pagination_offset=${page + 1}` }
      : [];
  return {
    status: 200,
    json: {
      response: "Success",
      data,
      meta: {
        pagination: {
          total: ORDERS.length,
          count: data.length,
          per_page: perPage,
          current_page: lying ? 1 : page,
          total_pages: totalPages,
          links,
        },
      },
    },
  };
}

let server: FaultServer;
let ngorder: Ngorder;
let lying = false;

beforeAll(async () => {
  server = await startFaultServer({ fallback: (request) => listOrders(request, lying) });
  ngorder = createNgorder({ token: TOKEN, baseUrl: `${server.url}/api/open`, retry: false });
});
afterAll(() => server.close());
beforeEach(() => {
  server.clear();
  lying = false;
});

const offsets = () => server.requests.map((r) => r.query.get("pagination_offset"));

describe("paginate", () => {
  it("yields every item of every page, asking for page 1, 2, 3 until current_page equals total_pages", async () => {
    const seen: number[] = [];
    for await (const order of paginate(ngorder.orders.list, { per_page: 2 })) seen.push(order.order_id);
    expect(seen).toEqual([100, 101, 102, 103, 104]);
    expect(offsets()).toEqual(["1", "2", "3"]);
    expect(
      server.requests.every((r) => r.query.get("per_page") === "2" && r.headers.authorization === `Bearer ${TOKEN}`),
    ).toBe(true);
  });

  it("starts at the page asked for and reads no page after a break", async () => {
    const seen: number[] = [];
    for await (const order of paginate(ngorder.orders.list, { per_page: 1, pagination_offset: 2 })) {
      seen.push(order.order_id);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([101, 102]);
    expect(offsets()).toEqual(["2", "3"]);
  });

  it("pages yields whole answers, meta included", async () => {
    const currentPages: number[] = [];
    for await (const page of pages(ngorder.orders.list, { per_page: 4 }))
      currentPages.push(page.meta.pagination.current_page);
    expect(currentPages).toEqual([1, 2]);
  });

  it("passes call options to every page", async () => {
    for await (const _ of paginate(ngorder.orders.list, { per_page: 3 }, { language: "id" })) void _;
    expect(server.requests.map((r) => r.headers["accept-language"])).toEqual(["id", "id"]);
  });

  it("throws kind pagination past maxPages rather than stopping silently", async () => {
    const seen: number[] = [];
    const error = await failure(async () => {
      for await (const order of paginate(ngorder.orders.list, { per_page: 1 }, { maxPages: 3 }))
        seen.push(order.order_id);
    }, "pagination");
    expect(seen).toEqual([100, 101, 102]);
    expect(error.message).toContain("maxPages (3)");
    expect(error.operation).toBe("listOrders");
    expect(offsets()).toEqual(["1", "2", "3"]);
  });

  it("throws kind pagination when the server does not answer the page asked for", async () => {
    lying = true;
    const error = await failure(async () => {
      for await (const _ of paginate(ngorder.orders.list, { per_page: 2 })) void _;
    }, "pagination");
    expect(error.message).toContain("asked for page 2, the server answered page 1");
    expect(offsets()).toEqual(["1", "2"]);
  });

  it("an error on a page surfaces from the loop as the SDK's NgorderError", async () => {
    server.script(
      "GET /api/open/order",
      listOrders({ query: new URLSearchParams("per_page=2&pagination_offset=1") } as RecordedRequest),
      { status: 500, json: { response: "Failed", message: "Server Error", data: null } },
    );
    const seen: number[] = [];
    const error = await failure(async () => {
      for await (const order of paginate(ngorder.orders.list, { per_page: 2 })) seen.push(order.order_id);
    }, "http");
    expect(seen).toEqual([100, 101]);
    expect(error.status).toBe(500);
  });
});
