// The docs site's pieces that need no browser: the search (English and Indonesian words), the
// synonyms file's checks, where old Redoc addresses go, and the 404 page's base path.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { forwardedAddress } from "../../scripts/docs/client/old-links.ts";
import { markdown } from "../../scripts/docs/markdown.ts";
import { createSearch } from "../../scripts/docs/client/search.ts";
import { renderPages } from "../../scripts/docs/render-pages.ts";
import { parameterList } from "../../scripts/docs/render-schema.ts";
import { loadSynonyms, searchDocuments } from "../../scripts/docs/search-index.ts";
import { siteModel } from "../../scripts/docs/site-model.ts";
import { loadBundle } from "../support/spec.ts";

const model = siteModel(loadBundle());
const documents = searchDocuments(model, loadSynonyms());
const search = createSearch(documents);
const top = (query: string, n: number) => search(query, n).map((r) => r.id.split("#")[1] ?? r.id);

describe("the docs' search", () => {
  it("finds operations by the Indonesian words their users type", () => {
    expect(top("resi", 2).sort()).toEqual(["addAwbNumber", "trackAirWaybill"]); // the courier's waybill (AWB)
    expect(top("gudang", 5).sort()).toEqual(
      ["createWarehouse", "deleteWarehouse", "getWarehouse", "listWarehouses", "updateWarehouse"].sort(),
    );
    expect(top("pesanan", 8)).toEqual(expect.arrayContaining(["createOrder", "listOrders", "updateOrder"]));
    expect(top("pelanggan", 10)).toEqual(expect.arrayContaining(["listCustomers", "createCustomer", "updateCustomer"]));
    expect(top("ongkir", 1)).toEqual(["getExpeditionCost"]); // ongkos kirim, the shipping cost
    expect(top("hapus gudang", 1)).toEqual(["deleteWarehouse"]);
    expect(top("faktur", 6)).toEqual(expect.arrayContaining(["downloadShipmentInvoicePdf", "downloadBillingInvoice"]));
  });

  it("finds an operation by its English title, path or operationId", () => {
    expect(top("Warehouse Detail", 1)).toEqual(["getWarehouse"]);
    expect(top("awb-number", 1)).toEqual(["addAwbNumber"]);
    expect(top("trackAirWaybill", 1)).toEqual(["trackAirWaybill"]);
  });

  it("carries the confidence of an inferred endpoint into its result", () => {
    const inferred = model.operations.filter((o) => o.inferred);
    expect(inferred.length).toBeGreaterThan(0);
    for (const op of inferred) {
      const hit = search(`${op.summary} ${op.path}`).find((r) => r.id === op.url);
      expect(hit?.inferred, op.id).toBe(op.inferred!.confidence);
    }
    expect(search("Get Warehouse Detail")[0]!.inferred).toBeUndefined();
  });

  it("rejects a synonyms file that is not a list of {words, means, why}", () => {
    const dir = mkdtempSync(join(tmpdir(), "ngorder-synonyms-"));
    try {
      const file = join(dir, "synonyms.yaml");
      writeFileSync(file, "- words: [resi]\n  means: [awb]\n");
      expect(() => loadSynonyms(file)).toThrow(`${file}: group 1 needs`);
      writeFileSync(file, "words: [resi]\n");
      expect(() => loadSynonyms(file)).toThrow(`${file}: expected a list`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("old Redoc addresses", () => {
  it("lead to the same operation, section or heading on the new pages", () => {
    expect(forwardedAddress("#/order/createorder", documents)).toBe("order.html#createOrder");
    expect(forwardedAddress("storefront-and-privor/confirmprivororders", documents)).toBe(
      "storefront-and-privor.html#confirmPrivorOrders",
    );
    expect(forwardedAddress("#tag/Order/operation/createOrder", documents)).toBe("order.html#createOrder");
    expect(forwardedAddress("#operation/listWarehouses", documents)).toBe("warehouse.html#listWarehouses");
    expect(forwardedAddress("#tag/Storefront%20&%20Privor", documents)).toBe("storefront-and-privor.html");
    expect(forwardedAddress("warehouse", documents)).toBe("warehouse.html");
    expect(forwardedAddress("section/Authentication", documents)).toBe("index.html#authentication");
    expect(forwardedAddress("doc-defects", documents)).toBe("doc-defects.html");
    expect(forwardedAddress("no/such", documents)).toBeUndefined();
  });
});

describe("the 404 page", () => {
  it("resolves its links from the site's base path, wherever it is served", () => {
    const pages = renderPages(model, { basePath: "/ngorder-openapi/" });
    expect(pages.find((p) => p.file === "404.html")!.content).toContain('<base href="/ngorder-openapi/" />');
    // Every other page links relatively and works wherever the folder is put.
    expect(pages.filter((p) => p.content.includes("<base")).map((p) => p.file)).toEqual(["404.html"]);
  });
});

describe("descriptions in Markdown", () => {
  it("show raw HTML as text, fetch no image and keep only the links that work on the site", () => {
    const rendered = markdown(
      "<b>bold</b> ![logo](https://cdn.example.com/logo.png) see [the conventions](CONVENTIONS.md), " +
        "[Ngorder](https://ngorder.id), [orders](order.html#listOrders) and [errors](#errors)",
    ).value;
    expect(rendered).toContain("&lt;b&gt;bold&lt;/b&gt;");
    expect(rendered).not.toContain("<img");
    expect(rendered).toContain("see the conventions,");
    expect(rendered).not.toContain("CONVENTIONS.md");
    expect(rendered).toContain('<a href="https://ngorder.id">Ngorder</a>');
    expect(rendered).toContain('<a href="order.html#listOrders">orders</a>');
    expect(rendered).toContain('<a href="#errors">errors</a>');
  });
});

describe("a parameter's entry", () => {
  it("states its type, whether it is required, its description and its constraints in sentences", () => {
    const text = parameterList(model.spec, [
      {
        name: "status",
        in: "query",
        required: true,
        description: "Filter by `status`.",
        schema: { type: "string", enum: ["ACTIVE", "INACTIVE"], default: "ACTIVE" },
      },
    ])
      .value.replace(/<[^>]+>/g, "")
      .replace(/\s+/g, " ")
      .trim();
    expect(text).toBe("status string required Filter by status. One of: ACTIVE, INACTIVE. Default ACTIVE.");
  });
});
