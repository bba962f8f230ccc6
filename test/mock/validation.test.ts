// The mock's answer to an invalid request, rule by rule: Laravel's status, envelope and messages
// for conditional requirements, formats, limits and patterns; whole-body problems (malformed JSON,
// a wrong media type, a missing or unexpected body, an unreadable form) in one clear sentence; the
// language chosen by Accept-Language; and names from the request never reaching a prototype.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type Mock } from "../../src/mock/index.ts";
import { displayName, dottedPath, languageOf } from "../../src/mock/validation-messages.ts";
import { loadBundle } from "../support/spec.ts";
import { AUTH } from "./support.ts";

const spec = loadBundle();
let mock: Mock;
beforeAll(async () => void (mock = await startMock({ spec })));
afterAll(() => mock.close());

async function send(path: string, init: RequestInit & { json?: unknown; language?: string } = {}) {
  const { json, language, ...rest } = init;
  const headers: Record<string, string> = { ...AUTH, ...(language ? { "accept-language": language } : {}) };
  if (json !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${mock.url}${path}`, {
    ...rest,
    headers: { ...headers, ...(rest.headers as Record<string, string>) },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  return { status: response.status, body: await response.json() };
}

const refused = (message: unknown) => ({ status: 400, body: { response: "Failed", message, data: null } });

describe("field rules, in Laravel's words", () => {
  it("the issue's examples: missing fields, a word for an integer id, an unknown filter value and a page too large", async () => {
    expect(await send("/warehouse", { method: "POST", json: {} })).toEqual(
      refused({
        warehouse: ["The warehouse field is required."],
        supplier_id: ["The supplier id field is required."],
        user_id: ["The user id field is required."],
        is_active: ["The is active field is required."],
      }),
    );
    expect(await send("/warehouse/abc")).toEqual(refused({ id: ["The id must be an integer."] }));
    expect(await send("/order?payment_status=FOO&per_page=1000")).toEqual(
      refused({
        payment_status: ["The selected payment status is invalid."],
        per_page: ["The per page must not be greater than 100."],
      }),
    );
  });

  it("a field required when another has a value (if/then) names the condition, as the doc's example does", async () => {
    const cost = { name: "Diskon", category: "DISCOUNT", type: "NOMINAL" };
    expect(await send("/order-cost/create", { method: "POST", json: cost })).toEqual(
      refused({ nominal: ["The nominal field is required when type is NOMINAL."] }),
    );
    expect(await send("/order-cost/create", { method: "POST", json: cost, language: "id" })).toEqual(
      refused({ nominal: ["Nominal wajib diisi bila type adalah NOMINAL."] }),
    );
  });

  it("a field required when another is present (dependentRequired)", async () => {
    const update = { order_cost_id: "5f154995060c000047005b6c", nominal: 5000 };
    const { status, body } = await send("/order-cost/update", { method: "PUT", json: update });
    expect(status).toBe(400);
    expect(body.message.type).toEqual(["The type field is required when nominal is present."]);
  });

  it("formats, patterns, limits and undocumented members of nested objects", async () => {
    expect(await send("/order?start_date=31-01-2024")).toEqual(
      refused({ start_date: ["The start date does not match the format Y-m-d."] }),
    );
    expect(await send("/customer?category=1&keyword=" + "x".repeat(51))).toEqual(
      refused({ keyword: ["The keyword must not be greater than 50 characters."] }),
    );
    expect(await send("/order?per_page=0", { language: "id" })).toEqual(
      refused({ per_page: ["Per page minimal bernilai 1."] }),
    );
    expect(await send("/order-cost/delete/not-hex", { method: "DELETE" })).toEqual(
      refused({ order_cost_id: ["The order cost id format is invalid."] }),
    );
    const order = structuredClone(
      spec.paths["/order"].post.requestBody.content["application/json"].examples.vendorDoc.value,
    );
    order.products[0].colour = "red";
    expect(await send("/order", { method: "POST", json: order })).toEqual(
      refused({ "products.0.colour": ["The products.0.colour field is prohibited."] }),
    );
  });
});

describe("whole-body problems", () => {
  const warehouse = { warehouse: "Gudang", supplier_id: 1, user_id: [1], is_active: true };

  it("malformed JSON, a media type the operation does not take, and a body where none is documented", async () => {
    const malformed = await send("/warehouse", {
      method: "POST",
      body: '{"warehouse": ',
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/^The request body is not valid JSON: \S/);
    const text = await send("/warehouse", {
      method: "POST",
      body: "warehouse=Gudang",
      headers: { "content-type": "text/plain" },
    });
    expect(text).toEqual(refused("The request body must be sent as application/json, not text/plain."));
    const form = await send("/warehouse", {
      method: "POST",
      body: new URLSearchParams({ warehouse: "Gudang" }),
      language: "id",
    });
    expect(form).toEqual(
      refused("Isi permintaan harus dikirim sebagai application/json, bukan application/x-www-form-urlencoded."),
    );
    expect(await send("/warehouse/22", { method: "DELETE", json: warehouse })).toEqual(
      refused("This endpoint takes no request body."),
    );
  });

  it("a required body left out is read as empty, as Laravel does: every required field is named", async () => {
    const json = await send("/warehouse", { method: "POST" });
    expect(Object.keys(json.body.message)).toEqual(["warehouse", "supplier_id", "user_id", "is_active"]);
    expect(await send("/shop/logo", { method: "PATCH", body: new FormData() })).toEqual(
      refused({ logo: ["The logo field is required."] }),
    );
  });

  it("a multipart body that cannot be parsed", async () => {
    const broken = await send("/shop/logo", {
      method: "PATCH",
      body: "--x\r\nnot a part",
      headers: { "content-type": "multipart/form-data; boundary=x" },
    });
    expect(broken).toEqual(refused("The multipart/form-data request body could not be read."));
  });

  it("refuses a body larger than the limit with 413, before reading it", async () => {
    const small = await startMock({ spec, maxBodyBytes: 1000 });
    try {
      const response = await fetch(`${small.url}/warehouse`, {
        method: "POST",
        headers: { ...AUTH, "content-type": "application/json" },
        body: JSON.stringify({ ...warehouse, warehouse: "x".repeat(2000) }),
      });
      expect(response.status).toBe(413);
      expect(response.headers.get("x-mock-error")).toBe("true");
      expect((await response.json()).message).toContain("1000 bytes");
    } finally {
      await small.close();
    }
  });
});

describe("names from the request", () => {
  it("reach no prototype: __proto__ in a body, a query and a form is an undocumented field like any other", async () => {
    const body = await send("/warehouse", {
      method: "POST",
      body: '{"warehouse":"G","supplier_id":1,"user_id":[1],"is_active":true,"__proto__":{"polluted":1}}',
      headers: { "content-type": "application/json" },
    });
    expect(body).toEqual(refused(JSON.parse('{"__proto__": ["The   proto   field is prohibited."]}')));
    const query = await send("/warehouse?__proto__[polluted]=1&constructor[prototype][polluted]=1");
    expect(Object.keys(query.body.message).sort()).toEqual(["__proto__", "constructor"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(mock.requests.at(-1)!.query)).toBe(
      '{"__proto__":{"polluted":"1"},"constructor":{"prototype":{"polluted":"1"}}}',
    );
    const form = new FormData();
    form.append("logo", new Blob(["png"], { type: "image/png" }), "logo.png");
    form.append("__proto__[polluted]", "1");
    const multipart = await send("/shop/logo", { method: "PATCH", body: form });
    expect(Object.keys(multipart.body.message)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("messages", () => {
  it("are Indonesian when Accept-Language prefers it, else English", () => {
    expect(languageOf("id")).toBe("id");
    expect(languageOf("id-ID,id;q=0.9,en-US;q=0.8")).toBe("id");
    expect(languageOf("en;q=0.9, id;q=0.8")).toBe("en");
    expect(languageOf("fr, id;q=0.5")).toBe("id");
    expect(languageOf("id;q=0, en")).toBe("en");
    expect(languageOf("*")).toBe("en");
    expect(languageOf(undefined)).toBe("en");
  });

  it("name fields by dotted path, underscores read as spaces except below an array index, as in the doc's example", () => {
    expect(dottedPath("/products/0/product_status")).toBe("products.0.product_status");
    expect(dottedPath("/a~1b/c~0d")).toBe("a/b.c~d");
    expect(displayName("payment.cost_of_goods_sales")).toBe("payment.cost of goods sales");
    expect(displayName("products.0.product_status")).toBe("products.0.product_status");
    expect(displayName("supplierId")).toBe("supplier id");
  });
});
