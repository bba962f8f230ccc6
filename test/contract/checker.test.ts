// The checker's rules on a small spec that exercises what the Ngorder spec uses: composition,
// alternatives, nullable fields, query coercion, forms, binary downloads and path precedence.
import { describe, expect, it } from "vitest";
import { ContractChecker, type ContractFailure } from "../../src/contract/checker.ts";
import { harEntry, type HarPostData } from "../../src/contract/har.ts";
import { SpecValidators } from "../../src/contract/validators.ts";

const json = (schema: object) => ({ content: { "application/json": { schema } } });

const spec = {
  openapi: "3.1.0",
  info: { title: "fixture", version: "1" },
  servers: [{ url: "https://api.example.test/api/open" }],
  paths: {
    "/item/{id}": {
      get: {
        operationId: "getItem",
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "integer" } },
          { name: "with_stock", in: "query", schema: { type: "boolean" } },
          { name: "ids", in: "query", schema: { type: "array", items: { type: "integer" } } },
          { name: "codes", in: "query", explode: false, schema: { type: "array", items: { type: "integer" } } },
          {
            name: "filter",
            in: "query",
            style: "deepObject",
            schema: { type: "object", properties: { status: { type: "string" } } },
          },
        ],
        responses: {
          "200": json({ $ref: "#/components/schemas/Item" }),
          "4XX": json({ $ref: "#/components/schemas/Error" }),
        },
      },
      delete: {
        operationId: "deleteItem",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
        responses: { "204": { description: "deleted" } },
      },
    },
    "/item/download": {
      get: {
        operationId: "downloadItems",
        parameters: [
          { name: "month", in: "query", required: true, schema: { type: "integer", minimum: 1, maximum: 12 } },
        ],
        responses: {
          "200": {
            description: "file",
            content: { "application/pdf": { schema: { type: "string", format: "binary" } } },
          },
        },
      },
    },
    "/item": {
      patch: {
        operationId: "updateItem",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                allOf: [
                  { type: "object", required: ["id"], properties: { id: { type: "integer" } } },
                  { $ref: "#/components/schemas/ItemInput" },
                ],
              },
            },
          },
        },
        responses: {
          "200": json({
            type: "object",
            required: ["data"],
            properties: { data: { oneOf: [{ $ref: "#/components/schemas/Item" }, { type: "string" }] } },
          }),
        },
      },
      post: {
        operationId: "uploadItemImage",
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["image"],
                properties: { image: { type: "string", format: "binary" }, position: { type: "integer" } },
              },
            },
          },
        },
        responses: { "200": json({ type: "object", properties: { url: { type: ["string", "null"] } } }) },
      },
    },
  },
  components: {
    schemas: {
      Item: {
        type: "object",
        required: ["id", "name"],
        properties: { id: { type: "integer" }, name: { type: "string" }, note: { type: ["string", "null"] } },
      },
      ItemInput: {
        type: "object",
        properties: { name: { type: "string" }, tags: { type: "array", items: { type: "string" } } },
      },
      Error: {
        type: "object",
        required: ["message"],
        properties: {
          message: { oneOf: [{ type: "string" }, { type: "object", additionalProperties: { type: "array" } }] },
        },
      },
    },
  },
};

const checker = new ContractChecker(spec);
const BASE = "https://api.example.test/api/open";

interface Exchange {
  method?: string;
  path: string;
  status?: number;
  contentType?: string;
  body?: unknown;
  text?: string;
  postData?: HarPostData;
}

function check(x: Exchange, by = checker): ContractFailure[] {
  const text = x.text ?? (x.body === undefined ? undefined : JSON.stringify(x.body));
  const contentType = x.contentType ?? "application/json";
  const entry = harEntry({
    method: x.method ?? "GET",
    url: x.path.startsWith("http") ? x.path : `${BASE}${x.path}`,
    requestHeaders: [],
    ...(x.postData ? { postData: x.postData } : {}),
    status: x.status ?? 200,
    responseHeaders: text === undefined ? [] : [{ name: "Content-Type", value: contentType }],
    ...(text === undefined ? {} : { responseText: text }),
    responseSize: text?.length ?? 0,
    responseMimeType: contentType,
    startedDateTime: "2024-01-31T00:00:00.000Z",
    time: 1,
  });
  return by.checkEntry(entry, 0).failures;
}

const item = { id: 1, name: "Kaos" };
const summary = (failures: ContractFailure[]) => failures.map((f) => `${f.location} ${f.pointer} ${f.message}`);

describe("matching a request to its operation", () => {
  it("prefers a literal segment over a template parameter", () => {
    expect(check({ path: "/item/download?month=3", contentType: "application/pdf", text: "%PDF" })).toEqual([]);
    expect(check({ path: "/item/7", body: item })).toEqual([]);
  });

  it("fails a method the path does not document", () => {
    expect(summary(check({ method: "PUT", path: "/item/7", body: item }))).toEqual([
      "route  PUT is not documented for /item/{id} (documented: GET, DELETE)",
    ]);
  });

  it("fails a URL outside the server's base path", () => {
    expect(summary(check({ path: "https://api.example.test/v2/item/7", body: item }))).toEqual([
      "route  GET /v2/item/7 is not under the API's base path (/api/open)",
    ]);
  });

  it("accepts any host, so live and local recordings are checked alike", () => {
    expect(check({ path: "http://127.0.0.1:8080/api/open/item/7", body: item })).toEqual([]);
  });

  it("takes another base path when told", () => {
    const local = new ContractChecker(spec, { basePaths: [""] });
    const entry = harEntry({
      method: "GET",
      url: "http://localhost/item/7",
      requestHeaders: [],
      status: 204,
      responseHeaders: [],
      responseSize: 0,
      responseMimeType: "",
      startedDateTime: "",
      time: 0,
    });
    expect(local.checkEntry({ ...entry, request: { ...entry.request, method: "DELETE" } }, 0).failures).toEqual([]);
  });
});

describe("request parameters", () => {
  it("reads query strings as the types their schemas give", () => {
    expect(check({ path: "/item/7?with_stock=true&ids[]=1&ids[]=2&filter[status]=active", body: item })).toEqual([]);
    expect(check({ path: "/item/7?ids=1&ids=2", body: item })).toEqual([]);
  });

  it("reads an `explode: false` array as one comma-separated value, and only that array", () => {
    expect(check({ path: "/item/7?codes=1,2,3", body: item })).toEqual([]);
    expect(summary(check({ path: "/item/7?codes=1,x", body: item }))).toEqual([
      "request.query /codes/1 must be integer",
    ]);
    expect(summary(check({ path: "/item/7?ids=1,2", body: item }))).toEqual(["request.query /ids/0 must be integer"]);
  });

  it("fails wrong types, out-of-range values and missing or unknown parameters", () => {
    expect(summary(check({ path: "/item/x?with_stock=yes", body: item }))).toEqual([
      "request.path /id must be integer",
      "request.query /with_stock must be boolean",
    ]);
    expect(summary(check({ path: "/item/download?month=13", contentType: "application/pdf", text: "%PDF" }))).toEqual([
      "request.query /month must be <= 12",
    ]);
    expect(summary(check({ path: "/item/download", contentType: "application/pdf", text: "%PDF" }))).toEqual([
      "request.query /month required query parameter is missing",
    ]);
    expect(summary(check({ path: "/item/7?ids[]=a&page=2", body: item }))).toEqual([
      "request.query /ids/0 must be integer",
      "request.query /page is not a documented query parameter (documented: with_stock, ids, codes, filter)",
    ]);
    expect(summary(check({ path: "/item/7?filter[colour]=red", body: item }))).toEqual([
      "request.query /filter/colour is not a documented property",
    ]);
  });
});

describe("request bodies", () => {
  const patch = (body: unknown): Exchange => ({
    method: "PATCH",
    path: "/item",
    postData: { mimeType: "application/json", text: JSON.stringify(body) },
    body: { data: item },
  });

  it("accepts the properties of every allOf part and rejects any other", () => {
    expect(check(patch({ id: 1, name: "Kaos", tags: ["a"] }))).toEqual([]);
    expect(summary(check(patch({ id: 1, colour: "red" })))).toEqual([
      "request.body /colour is not a documented property",
    ]);
    expect(summary(check(patch({ name: "Kaos" })))).toEqual(["request.body /id must have required property 'id'"]);
  });

  it("fails a missing required body, a body the operation does not take, and an undocumented media type", () => {
    expect(summary(check({ method: "PATCH", path: "/item", body: { data: item } }))).toEqual([
      "request.body  the required request body is missing",
    ]);
    expect(
      summary(check({ path: "/item/7", postData: { mimeType: "application/json", text: "{}" }, body: item })),
    ).toEqual(["request.body  the operation documents no request body"]);
    expect(summary(check({ ...patch({}), postData: { mimeType: "text/plain", text: "id=1" } }))).toEqual([
      'request.body  media type "text/plain" is not documented (documented: application/json)',
    ]);
  });

  it("checks multipart fields against the schema, files included", () => {
    const upload = (params: HarPostData["params"]): Exchange => ({
      method: "POST",
      path: "/item",
      postData: { mimeType: "multipart/form-data; boundary=x", params },
      body: { url: null },
    });
    expect(
      check(
        upload([
          { name: "image", fileName: "a.png", contentType: "image/png", value: "" },
          { name: "position", value: "2" },
        ]),
      ),
    ).toEqual([]);
    expect(summary(check(upload([{ name: "position", value: "first" }])))).toEqual([
      "request.body /image must have required property 'image'",
      "request.body /position must be integer",
    ]);
  });
});

describe("responses", () => {
  it("closes an object reached through oneOf, and accepts null where the type allows it", () => {
    expect(
      check({
        method: "PATCH",
        path: "/item",
        postData: { mimeType: "application/json", text: '{"id":1}' },
        body: { data: "queued" },
      }),
    ).toEqual([]);
    expect(check({ path: "/item/7", body: { ...item, note: null } })).toEqual([]);
    const extra = check({
      method: "PATCH",
      path: "/item",
      postData: { mimeType: "application/json", text: '{"id":1}' },
      body: { data: { ...item, colour: "red" } },
    });
    expect(summary(extra)).toContain("response.body /data/colour is not a documented property");
  });

  it("matches a status to its range and leaves maps with additionalProperties open", () => {
    expect(check({ path: "/item/7", status: 404, body: { message: { id: ["not found"] } } })).toEqual([]);
    expect(summary(check({ path: "/item/7", status: 500, body: { message: "boom" } }))).toEqual([
      "response.status  status 500 is not documented (documented: 200, 4XX)",
    ]);
  });

  it("checks a binary download by status and media type only", () => {
    expect(check({ path: "/item/download?month=1", contentType: "application/pdf", text: "not parsed" })).toEqual([]);
    expect(summary(check({ path: "/item/download?month=1", contentType: "text/csv", text: "a,b" }))).toEqual([
      'response.media-type  media type "text/csv" is not documented for status 200 (documented: application/pdf)',
    ]);
  });

  it("fails a body that is not JSON, and a body where none is documented", () => {
    expect(summary(check({ path: "/item/7", text: "<html>" }))[0]).toMatch(/^response\.body {2}not valid JSON/);
    expect(summary(check({ method: "DELETE", path: "/item/7", status: 204, body: {} }))).toEqual([
      "response.media-type  status 204 documents no body, but one was sent (application/json)",
    ]);
  });

  it("names the rule's place in the spec", () => {
    const [failure] = check({ path: "/item/7", body: { id: "1", name: "Kaos" } });
    expect(failure).toEqual({
      location: "response.body",
      pointer: "/id",
      message: "must be integer",
      schemaPointer: "#/components/schemas/Item/properties/id/type",
      keyword: "type",
      params: { type: "integer" },
    });
  });
});

describe("compiled validators", () => {
  const withId = (type: string) => {
    const copy = structuredClone(spec);
    copy.components.schemas.Item.properties.id.type = type;
    return copy;
  };

  it("are shared by the checkers of one document; an edited copy checks by its own schemas", () => {
    expect(SpecValidators.of(structuredClone(spec))).toBe(SpecValidators.of(spec));
    const edited = new ContractChecker(withId("string"));
    expect(check({ path: "/item/7", body: { id: "1", name: "Kaos" } }, edited)).toEqual([]);
    expect(summary(check({ path: "/item/7", body: { id: "1", name: "Kaos" } }))).toEqual([
      "response.body /id must be integer",
    ]);
  });

  it("are kept for the few most recently used documents only", () => {
    const first = SpecValidators.of(spec);
    for (const type of ["string", "number", "boolean"]) SpecValidators.of(withId(type));
    expect(SpecValidators.of(spec)).not.toBe(first);
  });
});
