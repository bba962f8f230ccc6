// What the client sends and what it gives back, over real HTTP: auth and language headers, the URL
// and query, JSON and multipart bodies, binary downloads, and the path client's `{ error }` results.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCaller } from "../../src/client.ts";
import { createNgorder, createNgorderClient, NgorderError, type NgorderClientOptions } from "../../src/index.ts";
import { startFaultServer, type FaultServer, type RecordedRequest } from "../support/fault-server.ts";
import { loadBundle } from "../support/spec.ts";
import { expectNoToken, failure, sdkMethod, TOKEN } from "./support.ts";

let server: FaultServer;
let options: NgorderClientOptions;

beforeAll(async () => {
  server = await startFaultServer();
  options = { token: TOKEN, baseUrl: `${server.url}/api/open/`, retry: false };
});
afterAll(() => server.close());
beforeEach(() => server.clear());

const last = (): RecordedRequest => server.requests.at(-1)!;
const multipart = (request: RecordedRequest) =>
  new Response(new Uint8Array(request.body), {
    headers: { "content-type": String(request.headers["content-type"]) },
  }).formData();

describe("every request", () => {
  it("carries the bearer token and Accept-Language: en by default, and no body headers on a GET", async () => {
    await createNgorderClient(options).GET("/warehouse");
    expect(last().headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(last().headers["accept-language"]).toBe("en");
    expect(last().headers["content-type"]).toBeUndefined();
    expect(last().url).toBe("/api/open/warehouse");
  });

  it("takes the client's language, and a request's own from params.header, `language` or the SDK option", async () => {
    const client = createNgorderClient({ ...options, language: "id" });
    await client.GET("/warehouse");
    expect(last().headers["accept-language"]).toBe("id");
    await client.GET("/warehouse", { params: { header: { "Accept-Language": "en" } } });
    expect(last().headers["accept-language"]).toBe("en");
    await client.GET("/warehouse", { language: "en" });
    expect(last().headers["accept-language"]).toBe("en");
    await createNgorder(options).warehouses.list({}, { language: "id" });
    expect(last().headers["accept-language"]).toBe("id");
    expect(last().headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("fills the path and sends the query with Laravel bracket names", async () => {
    await createNgorderClient(options).GET("/warehouse/{id}", { params: { path: { id: 22 } } });
    expect(last().url).toBe("/api/open/warehouse/22");
    await createNgorderClient(options).GET("/warehouse", {
      params: { query: { with_main_warehouse: true, is_active: "ACTIVE", admin_permission: undefined } },
    });
    expect(last().url).toBe("/api/open/warehouse?with_main_warehouse=true&is_active=ACTIVE");
    await createCaller(options)("GET", "/product/sku/generate-new", {
      params: { query: { products: [{ name: "Sepatu", color: "merah" }, { name: "Tas" }], ids: [1, 2] } },
    });
    expect([...last().query]).toEqual([
      ["products[0][name]", "Sepatu"],
      ["products[0][color]", "merah"],
      ["products[1][name]", "Tas"],
      ["ids[0]", "1"],
      ["ids[1]", "2"],
    ]);
  });

  it("takes a call's own headers, where `null` removes one the client sets", async () => {
    await createNgorderClient(options).GET("/warehouse", { headers: { "Accept-Language": "id", "X-Trace": "t-1" } });
    expect(last().headers["accept-language"]).toBe("id");
    expect(last().headers["x-trace"]).toBe("t-1");
    expect(last().headers.authorization).toBe(`Bearer ${TOKEN}`);
    // A request to a proxy that adds its own credentials: the client's Authorization is left out.
    await createNgorder(options).warehouses.list({}, { headers: { Authorization: null } });
    expect(last().headers.authorization).toBeUndefined();
    expect(last().headers["accept-language"]).toBe("en");
  });

  it("sends a JSON body with its content type", async () => {
    const body = { warehouse: "Warehouse Jakarta", supplier_id: 23518, user_id: [7, 8], is_active: true };
    await createNgorderClient(options).POST("/warehouse", { body });
    expect(last().headers["content-type"]).toBe("application/json");
    expect(JSON.parse(last().body.toString())).toEqual(body);
  });

  it("defaults to the spec's server", async () => {
    const urls: string[] = [];
    const capture: typeof fetch = async (url) => (urls.push(String(url)), new Response(null, { status: 204 }));
    await createNgorderClient({ token: TOKEN, fetch: capture }).GET("/warehouse/{id}", {
      params: { path: { id: 22 } },
    });
    expect(urls).toEqual([`${loadBundle().servers[0].url}/warehouse/22`]);
  });

  it("refuses to start without a token", () => {
    expect(() => createNgorderClient({ token: "" })).toThrow(/token/);
  });
});

describe("uploads and downloads", () => {
  it("sends a File field as multipart/form-data, beside the other fields", async () => {
    const logo = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "logo.png", { type: "image/png" });
    await createCaller(options)("PATCH", "/shop/logo", { body: { logo, note: "new", keep: false } });
    expect(last().headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const form = await multipart(last());
    const sent = form.get("logo") as File;
    expect(sent.name).toBe("logo.png");
    expect(sent.type).toBe("image/png");
    expect(new Uint8Array(await sent.arrayBuffer())).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    expect(form.get("note")).toBe("new");
    expect(form.get("keep")).toBe("false");
  });

  it("sends a Blob through the SDK (the stock opname import takes an Excel file)", async () => {
    const file = new Blob(["PK\u0003\u0004 xlsx bytes"], {
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
    const upload = sdkMethod(createNgorder(options), "importStockOpname");
    await upload({ file });
    expect(`${last().method} ${last().path}`).toBe(`${upload.method} /api/open${upload.path}`);
    expect(await ((await multipart(last())).get("file") as File).text()).toBe("PK\u0003\u0004 xlsx bytes");
  });

  it("returns a binary download as a Blob with its media type", async () => {
    const pdf = Buffer.from("%PDF-1.4\n%\u00e2\u00e3\n1 0 obj <<>> endobj\n");
    server.script("GET /api/open/shipping/invoice/download/pdf/9", {
      status: 200,
      headers: { "content-type": "application/pdf" },
      body: pdf,
    });
    const { data } = await createCaller(options)("GET", "/shipping/invoice/download/pdf/{invoice_id}", {
      params: { path: { invoice_id: 9 } },
    });
    expect(data).toBeInstanceOf(Blob);
    expect((data as Blob).type).toBe("application/pdf");
    expect(Buffer.from(await (data as Blob).arrayBuffer())).toEqual(pdf);
  });

  it("returns a Blob from an SDK download whatever its Content-Type says", async () => {
    const download = sdkMethod(createNgorder(options), "downloadShipmentInvoicePdf");
    server.script("GET /api/open/shipping/invoice/download/pdf/9", {
      status: 200,
      headers: { "content-type": "application/force-download" },
      body: "%PDF-1.4",
    });
    const data = await download({ invoice_id: 9 });
    expect(data).toBeInstanceOf(Blob);
    expect(await (data as Blob).text()).toBe("%PDF-1.4");
  });

  it("reads a success body as the call's parseAs asks, whatever its media type", async () => {
    const body = '{"response":"Success","data":[]}';
    const get = (parseAs: "text" | "stream" | "json") => createNgorderClient(options).GET("/warehouse", { parseAs });
    server.script("GET /api/open/warehouse", { status: 200, json: JSON.parse(body) });
    expect((await get("text")).data).toBe(body);
    server.script("GET /api/open/warehouse", { status: 200, json: JSON.parse(body) });
    const { data: stream } = await get("stream");
    expect(stream).toBeInstanceOf(ReadableStream);
    expect(await new Response(stream as ReadableStream).text()).toBe(body);
    server.script("GET /api/open/warehouse", { status: 200, headers: { "content-type": "application/pdf" }, body });
    expect((await get("json")).data).toEqual(JSON.parse(body));
  });
});

describe("answers", () => {
  it("the path client returns an error answer as `{ error, response }` without throwing", async () => {
    const body = { response: "Failed", message: "Data not found", data: null };
    server.script("GET /api/open/warehouse/99", { status: 404, json: body });
    const { data, error, response } = await createNgorderClient(options).GET("/warehouse/{id}", {
      params: { path: { id: 99 } },
    });
    expect(data).toBeUndefined();
    expect(error).toEqual(body);
    expect(response.status).toBe(404);
  });

  it("an empty success answer gives undefined data", async () => {
    server.script("DELETE /api/open/warehouse/22", { status: 204 });
    const { data, response } = await createNgorderClient(options).DELETE("/warehouse/{id}", {
      params: { path: { id: 22 } },
    });
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
  });

  it("an error names the request without secrets: the token and secret-looking query values are redacted", async () => {
    server.script("GET /api/open/setting/payment/xendit", {
      status: 401,
      json: { response: "Failed", message: `Invalid token ${TOKEN}`, data: null },
    });
    const error = await failure(
      () =>
        createCaller(options)(
          "GET",
          "/setting/payment/xendit",
          { params: { query: { secret_key: "xnd_development_abc", api_token: TOKEN, page: 2, keyword: "sepatu" } } },
          "getXenditData",
          true,
        ),
      "http",
    );
    expect(error.url).toBe(
      `${server.url}/api/open/setting/payment/xendit?secret_key=[REDACTED]&api_token=[REDACTED]&page=2&keyword=sepatu`,
    );
    expect(error.messages).toEqual(["Invalid token [REDACTED]"]);
    expect(error.message).toContain("getXenditData (GET ");
  });

  it("an error's JSON holds what to log and nothing else", async () => {
    server.script("GET /api/open/warehouse/99", {
      status: 404,
      json: { request_id: "abc123", response: "Failed", message: "Data not found", data: null },
    });
    const error = await failure(() => createNgorder(options).warehouses.get({ id: 99 }), "http");
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "NgorderError",
      kind: "http",
      message: `getWarehouse (GET ${server.url}/api/open/warehouse/99): HTTP 404 Not Found: Data not found [request_id abc123]`,
      operation: "getWarehouse",
      method: "GET",
      url: `${server.url}/api/open/warehouse/99`,
      status: 404,
      requestId: "abc123",
      messages: ["Data not found"],
      fieldMessages: {},
    });
  });

  it("takes the request id from the X-Request-Id header when the body has none, the body's first", async () => {
    server.script("GET /api/open/warehouse/99", {
      status: 404,
      headers: { "x-request-id": "hdr-7f3a" },
      json: { response: "Failed", message: "Data not found", data: null },
    });
    const fromHeader = await failure(() => createNgorder(options).warehouses.get({ id: 99 }), "http");
    expect(fromHeader.requestId).toBe("hdr-7f3a");
    expect(fromHeader.message).toContain("[request_id hdr-7f3a]");
    server.script("GET /api/open/warehouse/99", {
      status: 404,
      headers: { "x-request-id": "hdr-7f3a" },
      json: { request_id: "body-5f96", response: "Failed", message: "Data not found", data: null },
    });
    expect((await failure(() => createNgorder(options).warehouses.get({ id: 99 }), "http")).requestId).toBe(
      "body-5f96",
    );
  });

  it("reads field messages under `errors` (Laravel's own validation answer) beside the message", async () => {
    server.script("POST /api/open/warehouse", {
      status: 422,
      json: {
        message: "The given data was invalid.",
        errors: { warehouse: ["The warehouse field is required."], "user_id.0": "The selected user_id.0 is invalid." },
      },
    });
    const error = await failure(() => createNgorder(options).warehouses.create({} as never), "http");
    expect(error.fieldMessages).toEqual({
      warehouse: ["The warehouse field is required."],
      "user_id.0": ["The selected user_id.0 is invalid."],
    });
    expect(error.messages).toEqual([
      "The given data was invalid.",
      "The warehouse field is required.",
      "The selected user_id.0 is invalid.",
    ]);
  });

  it("keeps a message sent as a list of sentences", async () => {
    server.script("POST /api/open/payment/withdraw", {
      status: 422,
      json: { response: "Failed", message: ["Amount is required.", "Bank is required."], data: null },
    });
    const error = await failure(() => createNgorder(options).payments.withdrawBalance({} as never), "http");
    expect(error.messages).toEqual(["Amount is required.", "Bank is required."]);
    expect(error.message).toContain(": Amount is required.; Bank is required.");
  });

  it("redacts a short token only where it stands alone, so other words survive", async () => {
    server.script("GET /api/open/warehouse/99", {
      status: 404,
      json: { response: "Failed", message: "Tabel about ab: not found (token ab)", data: null },
    });
    const error = await failure(() => createNgorder({ ...options, token: "ab" }).warehouses.get({ id: 99 }), "http");
    expect(error.messages).toEqual(["Tabel about [REDACTED]: not found (token [REDACTED])"]);
  });

  it("a custom fetch that echoes the headers into its error does not leak the token", async () => {
    const leaky: typeof fetch = async (_url, init) => {
      throw new TypeError(`refused: ${JSON.stringify(Object.fromEntries(new Headers(init?.headers)))}`);
    };
    const error = await failure(() => createNgorder({ ...options, fetch: leaky }).warehouses.list(), "network");
    expect(error.cause).toBeUndefined();
    expect(error.message).toContain("[REDACTED]");
    expectNoToken(error);
    expect(error).toBeInstanceOf(NgorderError);
  });
});
