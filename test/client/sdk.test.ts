// The generated resource SDK against the spec it is generated from: the naming rule, one method per
// operation with its JSDoc, and every method sending its operation's request over real HTTP.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { methodNames, renderSdk, stripNoun } from "../../scripts/generate-sdk.ts";
import { createNgorder } from "../../src/index.ts";
import type { SdkMethod } from "../../src/operation.ts";
import { startFaultServer, type FaultServer } from "../support/fault-server.ts";
import { loadBundle, operationsOf, type Json } from "../support/spec.ts";
import { sdkMethods, TOKEN } from "./support.ts";

const doc = loadBundle();
const operations = operationsOf(doc);
const resolve = (node: Json | undefined): Json | undefined =>
  node?.$ref
    ? resolve(
        node.$ref
          .slice(2)
          .split("/")
          .reduce((at: Json, key: string) => at[key], doc),
      )
    : node;

describe("the naming rule", () => {
  it("takes the tag's noun out of the operationId, singular or plural, as whole words", () => {
    const nouns = ["Warehouses", "Warehouse"];
    expect(stripNoun("listWarehouses", nouns)).toBe("list");
    expect(stripNoun("getWarehouse", nouns)).toBe("get");
    expect(stripNoun("getWarehouseStock", nouns)).toBe("getStock");
    expect(stripNoun("getShopeeOrders", ["Shop"])).toBeUndefined();
    expect(stripNoun("listProvinces", nouns)).toBeUndefined();
  });

  it("prefers the longest noun, from the x-sdk-name or the tag name", () => {
    const names = methodNames("productCategories", "Custom Product Category", [
      "listCustomProductCategories",
      "getProductCategory",
    ]);
    expect(Object.fromEntries(names)).toEqual({ listCustomProductCategories: "list", getProductCategory: "get" });
    expect(methodNames("shop", "Shop", ["uploadShopLogo"]).get("uploadShopLogo")).toBe("uploadLogo");
  });

  it("keeps the whole operationId when names would collide or shadow Object.prototype", () => {
    const names = methodNames("orders", "Order", ["getOrder", "getOrders", "cancelOrder", "toStringOrder"]);
    expect(Object.fromEntries(names)).toEqual({
      getOrder: "getOrder",
      getOrders: "getOrders",
      cancelOrder: "cancel",
      toStringOrder: "toStringOrder",
    });
  });
});

describe("generated/sdk.ts", () => {
  const source = readFileSync(new URL("../../generated/sdk.ts", import.meta.url), "utf8");
  const ngorder = createNgorder({ token: TOKEN });
  const methods = sdkMethods(ngorder);

  it("is what scripts/generate-sdk.ts writes from the bundle", () => {
    expect(source).toBe(renderSdk(doc));
  });

  it("has one method per operation, sending its method and path, in the namespace of its tag", () => {
    expect(methods).toHaveLength(operations.length);
    for (const { path, method, op } of operations) {
      const tag = doc.tags.find((t: Json) => t.name === op.tags[0]);
      const namespace = (ngorder as unknown as Record<string, Record<string, unknown>>)[tag["x-sdk-name"]]!;
      const found = Object.values(namespace).find((m) => (m as SdkMethod).operationId === op.operationId) as
        SdkMethod | undefined;
      expect({ method: found?.method, path: found?.path }, `${op.operationId} in ${tag["x-sdk-name"]}`).toEqual({
        method: method.toUpperCase(),
        path,
      });
    }
  });

  it("documents every method with its summary and, for an inferred endpoint, a warning line", () => {
    const docs = new Map<string, string>();
    for (const [, block] of source.matchAll(/(\/\*\*\n(?:\s+\*.*\n)+?\s+\*\/)\n\s+\w+\(params/g)) {
      const id = /\(operationId `(\w+)`\)/.exec(block!)?.[1];
      if (id) docs.set(id, block!);
    }
    expect(docs.size).toBe(operations.length);
    for (const { op } of operations) {
      const block = docs.get(op.operationId)!;
      expect(block.split("\n")[1]).toBe(`   * ${op.summary}`);
      expect(block.includes("⚠️ Endpoint inferred"), op.operationId).toBe(Boolean(op["x-endpoint-inferred"]));
    }
  });
});

/** A value of the right type for a parameter, so the server sees a well-formed request. */
function sample(schema: Json | undefined): unknown {
  const s = resolve(schema) ?? {};
  if (s.enum) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== "null") : s.type;
  if (type === "integer" || type === "number") return 7;
  if (type === "boolean") return true;
  if (type === "array") return [sample(s.items)];
  if (type === "object")
    return Object.fromEntries((s.required ?? []).map((name: string) => [name, sample(s.properties?.[name])]));
  return s.format === "date" ? "2024-01-31" : "s7";
}

describe("every SDK method", () => {
  let server: FaultServer;
  beforeAll(async () => {
    server = await startFaultServer({
      fallback: () => ({ status: 200, headers: { "content-type": "text/plain" }, body: '{"response":"Success"}' }),
    });
  });
  afterAll(() => server.close());

  it.each(operations.map((o) => [o.op.operationId, o] as const))(
    "%s sends its path, query and body",
    async (operationId, { path, method, op }) => {
      const ngorder = createNgorder({ token: TOKEN, baseUrl: `${server.url}/api/open`, retry: false });
      const sdk = sdkMethods(ngorder).find((m) => m.operationId === operationId)!;
      const parameters: Json[] = (op.parameters ?? []).map(resolve);
      const params: Json = {};
      for (const p of parameters)
        if (p.in === "path" || (p.in === "query" && p.required)) params[p.name] = sample(p.schema);
      const hasBody = Boolean(op.requestBody);
      if (sdk.body === "nested") params.body = { probe_field: "p" };
      else params.probe_field = "p";

      server.clear();
      const answer = await sdk(params);
      const request = server.requests[0]!;
      const expectedPath = path.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
      expect(`${request.method} ${request.path}`).toBe(`${method.toUpperCase()} /api/open${expectedPath}`);
      for (const p of parameters.filter((p) => p.in === "query" && p.required))
        expect(
          [...request.query.keys()].some((k) => k === p.name || k.startsWith(`${p.name}[`)),
          p.name,
        ).toBe(true);
      if (hasBody) expect(JSON.parse(request.body.toString())).toMatchObject({ probe_field: "p" });
      else expect(request.query.get("probe_field")).toBe("p");
      // Every answer is labelled text/plain: a download is read as a file because its spec says so.
      const binary = !Object.keys(resolve(op.responses["200"])?.content ?? {}).some((m) => m.includes("json"));
      expect(answer instanceof Blob, "a Blob only for downloads").toBe(binary);
    },
  );
});
