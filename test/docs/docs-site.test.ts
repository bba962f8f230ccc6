// Opens the built docs site in Debian's Chromium as a reader would, with every request that would
// leave the machine refused, and checks what the docs issue asks of it: every operation listed and
// findable (also in Indonesian), links that work from anywhere, runnable samples, a readable ledger,
// no request out, no CSP violation, and no serious accessibility violation (axe-core).
// Every wait is on the page's own signals (html[data-ready], URLs, elements): never on time.
// One browser, one context for most tests: a page several tests read is opened once (`shared`).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import axe from "axe-core";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDocs } from "../../scripts/build-docs.ts";
import { startServer, type LocalServer } from "../../scripts/lib/static-server.ts";
import { chromiumPath, launchOffline, type OfflineBrowser } from "../support/browser.ts";
import { loadModel } from "../support/spec.ts";

const model = loadModel();
const spec = model.document;
const operations = model.operations;
const sections = [...new Set(operations.map((o) => o.tag))];

let docs: string;
let server: LocalServer;
let browser: OfflineBrowser;
let context: BrowserContext;
/** Non-local requests refused, CSP violations and script errors, over every page of every test. */
const problems = { blocked: [] as string[], csp: [] as string[], errors: [] as string[] };

// Installed before any page script: records CSP violations the way the page itself sees them.
const RECORD_CSP_VIOLATIONS = () => {
  document.addEventListener("securitypolicyviolation", (e) =>
    console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
  );
};

async function newContext(options: { javaScriptEnabled?: boolean } = {}) {
  const offline = await browser.newContext({ ...options, blocked: problems.blocked });
  offline.context.setDefaultTimeout(60_000);
  await offline.context.addInitScript(RECORD_CSP_VIOLATIONS);
  offline.context.on("page", (page) => {
    page.on("console", (m) => m.text().startsWith("CSP violation") && problems.csp.push(`${page.url()}: ${m.text()}`));
    page.on("pageerror", (e) => problems.errors.push(`${page.url()}: ${e.message}`));
  });
  return offline.context;
}

/** Opens a page and waits until its script has run (the site's own readiness signal). */
async function open(url: string, on: BrowserContext = context): Promise<Page> {
  const page = await on.newPage();
  await page.goto(url);
  await page.waitForSelector("html[data-ready='true']", { state: "attached" });
  return page;
}

const sharedPages = new Map<string, Promise<Page>>();
/**
 * A page of the site that tests read, opened once for all of them: a test may resize it (and puts
 * the viewport back) but never navigates it. Every page load costs the browser most of a second of CPU.
 */
function shared(path: string): Promise<Page> {
  if (!sharedPages.has(path)) sharedPages.set(path, open(`${server.url}${path}`));
  return sharedPages.get(path)!;
}

async function headingOnScreen(page: Page, id: string): Promise<boolean> {
  const heading = page.locator(`#${id}-title`);
  await heading.waitFor();
  const box = (await heading.boundingBox())!;
  return box.y > -2 && box.y < page.viewportSize()!.height;
}

beforeAll(async () => {
  docs = ensureDocs();
  server = await startServer({ root: docs });
  browser = await launchOffline();
  context = await newContext();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the docs site, offline in Chromium", () => {
  it("fails with a clear message when Chromium is missing", () => {
    expect(() => chromiumPath(["/nonexistent/chromium"])).toThrow(/Chromium is missing.*apt-get install -y chromium/);
  });

  it("lists every section and operation in the menu, inferred endpoints with their confidence", async () => {
    const page = await shared("/");
    const menu = await page.locator("nav#nav details").evaluateAll((sectionsInMenu) =>
      sectionsInMenu.map((details) => ({
        section: details.querySelector("summary")!.firstChild!.textContent!.trim(),
        operations: [...details.querySelectorAll("a[href*='#']")].map((a) => ({
          title: a.querySelector("span:not(.method):not(.badge)")!.textContent!.trim(),
          badge: a.querySelector(".badge-inferred")?.textContent?.trim(),
        })),
      })),
    );
    expect(menu.map((m) => m.section)).toEqual(expect.arrayContaining(sections));
    expect(menu).toHaveLength(sections.length);
    for (const { section, operations: listed } of menu) {
      const expected = operations.filter((o) => o.tag === section);
      expect(listed.map((l) => l.title).sort(), section).toEqual(expected.map((o) => o.summary).sort());
      for (const op of expected) {
        const badge = listed.find((l) => l.title === op.summary)!.badge;
        const inferred = op.inferred;
        expect(badge, op.id).toBe(inferred ? `inferred · ${inferred.confidence}` : undefined);
      }
    }
    expect(menu.flatMap((m) => m.operations)).toHaveLength(operations.length);
    expect(menu.flatMap((m) => m.operations).filter((o) => o.badge)).toHaveLength(
      operations.filter((o) => o.inferred).length,
    );
    // What the landing page loads: its stylesheet and script (before it is usable), maybe the icon.
    const resources = await page.evaluate(() => performance.getEntriesByType("resource").map((r) => r.name));
    const loaded = resources.map((r) => new URL(r).pathname);
    expect(loaded).toEqual(expect.arrayContaining(["/assets/site.css", "/assets/site.js"]));
    expect(
      loaded.filter((path) => !["/assets/site.css", "/assets/site.js", "/assets/favicon.svg"].includes(path)),
    ).toEqual([]);
  });

  it("links are relative and reach a page and an id that exist, from a server or file://", async () => {
    let checked = 0;
    const broken: string[] = [];
    const ids = new Map<string, Set<string>>();
    const idsOf = (file: string) => {
      if (!ids.has(file))
        ids.set(
          file,
          new Set([...readFileSync(join(docs, file), "utf8").matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!)),
        );
      return ids.get(file)!;
    };
    for (const file of readdirSync(docs).filter((f) => f.endsWith(".html"))) {
      const html = readFileSync(join(docs, file), "utf8");
      for (const [, tag, target] of html.matchAll(/<(\w+)\b[^>]*?\s(?:href|src)="([^"]*)"/g)) {
        if (tag === "base") continue; // 404.html's base: the site's root on its host
        if (/^https?:\/\//.test(target!) && tag === "a") continue; // a link out, never loaded
        checked++;
        const url = new URL(target!, `http://site.invalid/${file}`);
        const page = url.pathname.slice(1) || "index.html";
        if (target!.startsWith("/") || url.host !== "site.invalid") broken.push(`${file}: ${target} is not relative`);
        else if (!readdirSync(join(docs, page, "..")).includes(page.split("/").at(-1)!))
          broken.push(`${file}: ${target} (no ${page})`);
        else if (url.hash && page.endsWith(".html") && !idsOf(page).has(decodeURIComponent(url.hash.slice(1))))
          broken.push(`${file}: ${target} (no id ${url.hash} on ${page})`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(operations.length * 30); // the menu of every page links every operation

    // A link opened in a new tab, reloaded, or pasted as a file:// address shows its operation.
    for (const url of [
      `${server.url}/order.html#createOrder`,
      `${pathToFileURL(join(docs, "warehouse.html")).href}#getWarehouse`,
    ]) {
      const page = await open(url);
      const id = new URL(url).hash.slice(1);
      expect(await headingOnScreen(page, id), url).toBe(true);
      await page.reload();
      await page.waitForSelector("html[data-ready='true']", { state: "attached" });
      expect(await headingOnScreen(page, id), `${url} reloaded`).toBe(true);
      await page.close();
    }
  });

  it("shows a deep-linked operation with no script at all", async () => {
    const noScript = await newContext({ javaScriptEnabled: false });
    const page = await noScript.newPage();
    await page.goto(`${server.url}/order.html#listOrders`);
    expect(await headingOnScreen(page, "listOrders")).toBe(true);
    expect(await page.locator("html[data-ready]").count()).toBe(0);
    await noScript.close();
  });

  it("finds operations by English and Indonesian words, and marks inferred endpoints in the results", async () => {
    const page = await open(`${server.url}/`);
    const search = async (query: string) => {
      await page.fill("#search-input", query);
      await page.waitForFunction(
        (q) => document.querySelector("#search-status")?.textContent?.endsWith(`for ${q}`),
        query,
      );
      return page.locator("#search-results a").evaluateAll((links) =>
        links.map((a) => ({
          href: a.getAttribute("href")!,
          title: a.querySelector(".result-title")!.textContent!,
          badge: a.querySelector(".badge-inferred")?.textContent,
        })),
      );
    };
    const hrefs = (results: { href: string }[], n: number) => results.slice(0, n).map((r) => new URL(r.href).hash);
    expect(hrefs(await search("Warehouse Detail"), 1)).toEqual(["#getWarehouse"]);
    // resi: the courier's waybill (AWB) number.
    expect(hrefs(await search("resi"), 2).sort()).toEqual(["#addAwbNumber", "#trackAirWaybill"]);
    // gudang: warehouse.
    expect(hrefs(await search("gudang"), 5).sort()).toEqual(
      ["#createWarehouse", "#deleteWarehouse", "#getWarehouse", "#listWarehouses", "#updateWarehouse"].sort(),
    );
    // pesanan: order.
    const orders = hrefs(await search("pesanan"), 8);
    expect(orders).toEqual(expect.arrayContaining(["#createOrder", "#listOrders"]));
    // pelanggan: customer.
    expect(hrefs(await search("pelanggan"), 10)).toEqual(expect.arrayContaining(["#listCustomers", "#createCustomer"]));
    // ongkir (ongkos kirim): the shipping cost.
    expect(hrefs(await search("ongkir"), 1)).toEqual(["#getExpeditionCost"]);
    expect(hrefs(await search("hapus gudang"), 1)).toEqual(["#deleteWarehouse"]);
    const logo = (await search("Upload Logo"))[0]!;
    expect([new URL(logo.href).hash, logo.badge]).toEqual(["#uploadShopLogo", "inferred · low"]);
    // Enter goes to the first result.
    await search("Get Warehouse Detail");
    await page.press("#search-input", "Enter");
    await page.waitForURL(/warehouse\.html#getWarehouse$/);
    await page.close();
  });

  it("shows an operation's parameters, response schema and samples that run as printed", async () => {
    const page = await shared("/warehouse.html#createWarehouse");
    const operation = page.locator("section#getWarehouse");
    const text = await operation.innerText();
    expect(text).toMatch(/Path parameters\s+id\s+integer\s+required\s+Warehouse ID\./);
    expect(text).toMatch(/Responses\s+200/);
    expect(text).toContain("Address of that supplier (district and city).");
    expect(await operation.locator("figure.sample[data-lang='TypeScript'] code").innerText()).toContain(
      "await ngorder.warehouses.get({",
    );
    expect(await operation.locator("figure.sample[data-lang='curl'] code").innerText()).toContain(
      "curl -X GET 'https://api.smartseller.co.id/api/open/warehouse/22'",
    );
    await page.screenshot({ path: "test-results/docs-site.png" });
    const orders = await shared("/order.html#createOrder");
    expect(await orders.locator("section#listOrders figure.sample[data-lang='curl'] code").innerText()).toContain(
      "--data-urlencode 'start_date=",
    );
    // A binary answer is described as the file it is, never as a made-up XML or JSON body.
    const shipment = await open(`${server.url}/shipment.html#downloadShipmentInvoicePdf`);
    const pdf = await shipment.locator("section#downloadShipmentInvoicePdf .operation-responses").innerText();
    expect(pdf).toContain("A file of type application/pdf; the samples save it as shipment-invoice.pdf.");
    expect(pdf).not.toContain("<root>");
    await shipment.close();
  });

  it("offers the OpenAPI document for download as JSON and YAML", async () => {
    const page = await shared("/");
    const links = page.locator("header .downloads a");
    expect(await page.locator("header .downloads").innerText()).toBe("Download OpenAPI (JSON / YAML)");
    const [json, yaml] = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(await (await fetch(json!)).json()).toEqual(spec);
    expect((await fetch(yaml!)).headers.get("content-type")).toBe("application/yaml");
  });

  it("fits the screen at 1440 px and on a phone: the ledger one card per entry, samples wrapped", async () => {
    const entries = operations.reduce((n, o) => n + (o.object["x-doc-defects"]?.length ?? 0), 0);
    // Each page is loaded once and laid out again at each width (the layout is CSS, media queries included).
    const ledger = await shared("/doc-defects.html");
    const orders = await shared("/order.html#createOrder");
    const screen = ledger.viewportSize()!;
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      await ledger.setViewportSize({ width, height });
      const layout = await ledger.evaluate(() => ({
        cards: document.querySelectorAll("article.defect").length,
        pageWidth: document.documentElement.scrollWidth,
        viewport: innerWidth,
        cardsOutside: [...document.querySelectorAll("article.defect")].filter(
          (card) => card.getBoundingClientRect().right > innerWidth,
        ).length,
        clipped: [...document.querySelectorAll("article.defect dd")].filter((dd) => dd.scrollWidth > dd.clientWidth + 1)
          .length,
      }));
      expect(layout, `${width} px`).toEqual({
        cards: entries,
        pageWidth: width,
        viewport: width,
        cardsOutside: 0,
        clipped: 0,
      });
      // Long sample lines wrap: no code block is wider than its box, the page no wider than the screen.
      await orders.setViewportSize({ width, height });
      const samples = await orders.evaluate(() => ({
        pageWidth: document.documentElement.scrollWidth,
        blocks: document.querySelectorAll("pre").length,
        overflowing: [...document.querySelectorAll("pre")].filter((pre) => pre.scrollWidth > pre.clientWidth + 1)
          .length,
      }));
      expect({ pageWidth: samples.pageWidth, overflowing: samples.overflowing }, `${width} px`).toEqual({
        pageWidth: width,
        overflowing: 0,
      });
      expect(samples.blocks).toBeGreaterThan(24); // two samples per operation and the examples
    }
    await ledger.setViewportSize(screen);
    await orders.setViewportSize(screen);
  });

  it("forwards the old Redoc addresses and answers unknown ones with the 404 page", async () => {
    const page = await open(`${server.url}/#/order/createorder`);
    await page.waitForURL(`${server.url}/order.html#createOrder`);
    await page.goto(`${server.url}/storefront-and-privor/confirmprivororders`);
    await page.waitForURL(`${server.url}/storefront-and-privor.html#confirmPrivorOrders`);
    await page.goto(`${server.url}/section/authentication`);
    await page.waitForURL(`${server.url}/index.html#authentication`);
    const missing = await page.goto(`${server.url}/no/such/page`);
    expect(missing!.status()).toBe(404);
    await page.waitForSelector("html[data-ready='true']", { state: "attached" });
    await page.getByText("There is no page at no/such/page.").waitFor();
    await page.close();
  });

  it("has no serious or critical axe-core violation on the landing, an operation and the ledger page", async () => {
    const found: string[] = [];
    for (const path of ["/", "/warehouse.html#createWarehouse", "/doc-defects.html"]) {
      const page = await shared(path);
      // Evaluated by the browser's devtools, as the page's own CSP would refuse an injected <script>.
      await page.evaluate(axe.source);
      const violations = await page.evaluate(async () => {
        const results = await (window as any).axe.run(document, { resultTypes: ["violations"] });
        return results.violations.map((v: any) => ({
          id: v.id,
          impact: v.impact,
          nodes: v.nodes.length,
          first: v.nodes[0]?.target.join(" "),
        }));
      });
      for (const v of violations.filter((v: any) => v.impact === "serious" || v.impact === "critical"))
        found.push(`${path}: ${v.id} (${v.impact}) on ${v.nodes} element(s), first ${v.first}`);
    }
    expect(found).toEqual([]);
  });

  it("asked for nothing outside the machine, broke no CSP rule and threw no script error", () => {
    expect(problems).toEqual({ blocked: [], csp: [], errors: [] });
  });
});
