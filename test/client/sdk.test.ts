// The generated resource SDK against the spec it is generated from: the naming rule, one method per
// operation with its JSDoc, and every method sending its operation's request over real HTTP.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderSdk } from "../../scripts/generate-sdk.ts";
import { createNgorder } from "../../src/index.ts";
import { methodNames, stripNoun } from "../../src/spec/sdk-names.ts";
import { plausibleValue } from "../../src/spec/sample-values.ts";
import { startFaultServer, type FaultServer } from "../support/fault-server.ts";
import { loadModel, type Json } from "../support/spec.ts";
import type { SdkMethod } from "../../src/operation.ts";
import { sdkMethods, TOKEN } from "./support.ts";

const model = loadModel();
const { operations } = model;

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
    expect(source).toBe(renderSdk(model));
  });

  it("has one method per operation, sending its method and path, in the namespace of its tag", () => {
    expect(methods).toHaveLength(operations.length);
    for (const operation of operations) {
      const namespace = (ngorder as unknown as Record<string, Record<string, SdkMethod>>)[operation.sdk.namespace]!;
      const found = namespace[operation.sdk.method];
      expect(
        { operationId: found?.operationId, method: found?.method, path: found?.path },
        `${operation.sdk.namespace}.${operation.sdk.method}`,
      ).toEqual({ operationId: operation.id, method: operation.method.toUpperCase(), path: operation.path });
    }
  });

  it("documents every method with its summary and, for an inferred endpoint, one warning", () => {
    const docs = new Map<string, string>();
    for (const [, block] of source.matchAll(/(\/\*\*\n(?:\s+\*.*\n)+?\s+\*\/)\n\s+\w+\((?:params|options)/g)) {
      const id = /\(operationId `(\w+)`\)/.exec(block!)?.[1];
      if (id) docs.set(id, block!);
    }
    expect(docs.size).toBe(operations.length);
    for (const operation of operations) {
      const block = docs.get(operation.id)!;
      expect(block.split("\n")[1]).toBe(`   * ${operation.summary}`);
      const warnings = block.split("Inferred endpoint").length - 1;
      expect(warnings, operation.id).toBe(operation.inferred ? 1 : 0);
    }
  });

  it("gives every operation named parameter and result types, and takes no parameter object where there is none", () => {
    for (const operation of operations) {
      const name = operation.id.replace(/^./, (c) => c.toUpperCase());
      expect(source, operation.id).toContain(`export type ${name}Result = `);
      const takesParams =
        operation.parameters.some((p) => p.name.toLowerCase() !== "accept-language") || !!operation.body;
      expect(source.includes(`export type ${name}Params = `), operation.id).toBe(takesParams);
    }
    expect(source).not.toContain("Record<string, never>");
  });
});

describe("every SDK method", () => {
  let server: FaultServer;
  beforeAll(async () => {
    server = await startFaultServer({
      fallback: () => ({ status: 200, headers: { "content-type": "text/plain" }, body: '{"response":"Success"}' }),
    });
  });
  afterAll(() => server.close());

  it.each(operations.map((o) => [o.id, o] as const))("%s sends its path, query and body", async (_, operation) => {
    const ngorder = createNgorder({ token: TOKEN, baseUrl: `${server.url}/api/open`, retry: false });
    const sdk = sdkMethods(ngorder).find((m) => m.operationId === operation.id)!;
    const required = [...operation.pathParameters, ...operation.queryParameters.filter((p) => p.required)];
    const params: Json = {};
    for (const p of required) params[p.name] = plausibleValue(model.document, p.schema ?? {}, p.name);
    if (operation.body?.placement === "nested") params.body = { probe_field: "p" };
    else if (!sdk.parameterless) params.probe_field = "p";

    server.clear();
    const answer = sdk.parameterless ? await sdk() : await sdk(params);
    const request = server.requests[0]!;
    const expectedPath = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(String(params[name])),
    );
    expect(`${request.method} ${request.path}`).toBe(`${operation.method.toUpperCase()} /api/open${expectedPath}`);
    for (const p of operation.queryParameters.filter((p) => p.required))
      expect(
        [...request.query.keys()].some((k) => k === p.name || k.startsWith(`${p.name}[`)),
        p.name,
      ).toBe(true);
    if (operation.body) expect(JSON.parse(request.body.toString())).toMatchObject({ probe_field: "p" });
    else if (!sdk.parameterless) expect(request.query.get("probe_field")).toBe("p");
    // Every answer is labelled text/plain: a download is read as a file because its spec says so.
    expect(answer instanceof Blob, "a Blob only for downloads").toBe(operation.success?.binary ?? false);
  });
});
