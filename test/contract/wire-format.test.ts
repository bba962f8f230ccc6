// One wire format for query strings and form bodies: what the client sends, what the docs samples
// and recordings print, and what the contract checker reads are the same bytes.
import { describe, expect, it } from "vitest";
import { ContractChecker } from "../../src/contract/checker.ts";
import { createNgorder } from "../../src/index.ts";
import { deref } from "../../src/spec/document.ts";
import { planRequest } from "../../src/spec/request-plan.ts";
import { formPairs, MAX_DEPTH, MAX_INDEX, parseFormPairs, queryString } from "../../src/wire.ts";
import { loadBundle } from "../support/spec.ts";

const checker = new ContractChecker(loadBundle());
const { model } = checker;

/** The URL an SDK call sends, captured by a fetch double that answers 200. */
async function sentUrl(call: (ngorder: ReturnType<typeof createNgorder>) => Promise<unknown>): Promise<URL> {
  let url = "";
  const fetch: typeof globalThis.fetch = async (input) => {
    url = String(input);
    return new Response("{}", { headers: { "content-type": "application/json" } });
  };
  await call(createNgorder({ token: "t", baseUrl: "https://api.smartseller.co.id/api/open", fetch, retry: false }));
  return new URL(url);
}

describe("the wire format", () => {
  it("writes objects and arrays as indexed bracket names, null as empty and leaves undefined out", () => {
    const pairs = formPairs({
      products: [{ name: "Sepatu", color: "Merah" }],
      ids: [1, 2],
      filter: { status: "active" },
      flag: true,
      none: null,
      skipped: undefined,
    });
    expect(pairs).toEqual([
      ["products[0][name]", "Sepatu"],
      ["products[0][color]", "Merah"],
      ["ids[0]", "1"],
      ["ids[1]", "2"],
      ["filter[status]", "active"],
      ["flag", "true"],
      ["none", ""],
    ]);
  });

  it("reads back what it writes, and Laravel's `ids[]` form too", () => {
    const value = { products: [{ name: "Sepatu" }, { name: "Sandal", size: "42" }], ids: ["1", "2"] };
    expect(Object.fromEntries(parseFormPairs(formPairs(value) as [string, string][]))).toEqual(value);
    expect(
      Object.fromEntries(
        parseFormPairs([
          ["ids[]", "1"],
          ["ids[]", "2"],
        ]),
      ),
    ).toEqual({ ids: ["1", "2"] });
  });

  it("reads bracket names into plain data: no prototype is reached, no sparse index allocates", () => {
    const problems: { name: string; message: string }[] = [];
    const values = parseFormPairs(
      [
        ["x[__proto__][polluted]", "yes"],
        ["x[constructor][prototype][polluted]", "yes"],
        [`big[${MAX_INDEX + 1}][name]`, "a"],
        [`deep${"[a]".repeat(MAX_DEPTH + 1)}`, "a"],
      ],
      problems,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(values.get("x") as object)).toEqual(["__proto__", "constructor"]);
    expect(problems.map((p) => p.name)).toEqual([`big[${MAX_INDEX + 1}][name]`, `deep${"[a]".repeat(MAX_DEPTH + 1)}`]);
  });

  it("is what the spec declares for every structured query parameter: deepObject for an object, no style for an array", () => {
    const typesOf = (p: { schema?: unknown }) => [deref(model.document, p.schema).type].flat();
    const structured = model.operations.flatMap((o) =>
      o.queryParameters.filter((p) => ["array", "object"].some((t) => typesOf(p).includes(t))),
    );
    expect(structured.length).toBeGreaterThan(0);
    for (const p of structured) {
      // OpenAPI defines deepObject for one object; on an array it breaks generated clients (check:interop).
      const declared = typesOf(p).includes("array") ? {} : { style: "deepObject", explode: true };
      expect({ name: p.name, style: p.node.style, explode: p.node.explode }).toEqual({
        name: p.name,
        style: undefined,
        explode: undefined,
        ...declared,
      });
    }
  });

  it("is sent by the client, printed by the recordings' planner and accepted by the checker, byte for byte", async () => {
    const operation = model.operation("generateProductSku")!;
    const planned = planRequest(model, operation);
    const products = planned.values.products as { name: string }[];
    const url = await sentUrl((ngorder) => ngorder.products.generateSku({ products }));
    expect(url.search).toBe(`?${queryString({ products })}`);
    expect(url.search).toBe(`?${new URLSearchParams(planned.query)}`);
    const route = checker.route("GET", url);
    expect(route.kind).toBe("operation");
    if (route.kind === "operation")
      expect(checker.checkRequest(route.operation, { url, pathParams: route.pathParams })).toEqual([]);
  });
});
