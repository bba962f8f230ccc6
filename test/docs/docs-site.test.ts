// Opens the built docs site in a real browser with the network cut off, as a reader would.
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocs, DOCS_DIR } from "../../scripts/build-docs.ts";
import { startServer, type LocalServer } from "../../scripts/lib/static-server.ts";
import { launchOffline, type OfflineBrowser } from "../support/browser.ts";
import { loadModel } from "../support/spec.ts";

const MENU_ITEM = '[data-component-name="Menu/MenuItem"]';
const OPERATION_ITEM = `${MENU_ITEM}.menu-item-type-operation`;
const operations = loadModel().operations;
const tags = [...new Set(operations.map((o) => o.tag))];

let server: LocalServer;
let browser: OfflineBrowser;
let page: Page;
/** What the server's Content-Security-Policy refused, as the page reported it. */
const refused: string[] = [];

beforeAll(async () => {
  buildDocs();
  server = await startServer({ root: DOCS_DIR });
  browser = await launchOffline();
  page = await browser.context.newPage();
  page.on("console", (message) => {
    if (message.text().startsWith("csp: ")) refused.push(message.text().slice(5));
  });
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      console.warn(`csp: ${e.violatedDirective} ${e.blockedURI}`),
    ),
  );
  await page.goto(`${server.url}/`);
  await page.locator(MENU_ITEM).first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the docs site, offline", () => {
  it("renders the API's introduction without any non-local resource", async () => {
    await expect(page.getByRole("heading", { name: /Ngorder \(SmartSeller\) Open API/ })).toBeTruthy();
    await page.getByText("Send the key as a bearer token on every request").waitFor();
    // Redoc's footer badge is the only thing it asks a CDN for; it was refused and nothing else was asked.
    expect(browser.blocked.filter((url) => !url.startsWith("https://cdn.redoc.ly/"))).toEqual([]);
  });

  it("works under the server's Content-Security-Policy, which refuses only the CDN badge and eval", async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self' 'sha256-/);
    // Redoc's search tries to build a worker with Function(); refused, it searches on the page (tested below).
    expect(refused.filter((r) => !r.startsWith("img-src https://cdn.redoc.ly/") && r !== "script-src eval")).toEqual(
      [],
    );
  });

  it("lists every operation of the spec under its section in the menu", async () => {
    const listed = new Map<string, string[]>();
    for (const tag of tags) {
      // A section's entry (not a tag group's separator: "Billing" is both).
      await page
        .locator(`${MENU_ITEM}:not(.menu-item-type-separator)`, { has: page.getByText(tag, { exact: true }) })
        .first()
        .click();
      const group = page.locator(`${MENU_ITEM}:has(> * ${OPERATION_ITEM})`, {
        has: page.getByText(tag, { exact: true }),
      });
      await group.locator(OPERATION_ITEM).first().waitFor();
      listed.set(
        tag,
        (await group.locator(OPERATION_ITEM).allInnerTexts()).map((text) => text.split("\n")[0]!.trim()),
      );
    }
    for (const tag of tags) {
      const expected = operations.filter((o) => o.tag === tag).map((o) => o.summary);
      expect(listed.get(tag)?.sort(), tag).toEqual(expected.sort());
    }
    // Redoc keeps one section open at a time, so the total is summed over the sections.
    expect([...listed.values()].reduce((sum, ops) => sum + ops.length, 0)).toBe(operations.length);
  });

  it("finds an operation by a word of its title", async () => {
    await page.getByTestId("search-trigger").click();
    await page.keyboard.type("Warehouse Detail");
    const hit = page.locator('[data-component-name="Search/SearchItem"]', { hasText: "Get Warehouse Detail" });
    await hit.first().waitFor();
    await hit.first().click();
    await page.waitForURL(/getwarehouse/i);
  });

  it("shows an operation's parameters, response schema and code samples", async () => {
    await page.goto(`${server.url}/#/warehouse/getwarehouse`);
    const operation = page.locator('[id$="/getwarehouse"]');
    await operation.getByText("Address of that supplier (district and city).").first().waitFor();
    const text = await operation.innerText();
    expect(text).toMatch(/Path\s+id\s+integer\s+required\s+Warehouse ID\./);
    expect(text).toMatch(/Responses\s+200/);
    expect(text).toContain("Address of that supplier (district and city).");
    expect(text).toContain("await ngorder.warehouses.get({");
    // The other sample is behind the language menu of the samples panel.
    await operation.getByText("Ngorder SDK", { exact: true }).first().click();
    await page.getByRole("menuitem", { name: "curl" }).click();
    await operation.getByText("curl -X GET", { exact: false }).first().waitFor();
    expect(await operation.innerText()).toContain("curl -X GET 'https://api.smartseller.co.id/api/open/warehouse/22'");
    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/docs-site.png" });
  });

  it("warns on an inferred endpoint and shows the defects ledger", async () => {
    const inferred = operations.find((o) => o.inferred)!;
    await page.goto(`${server.url}/`);
    await page
      .locator(`${MENU_ITEM}:not(.menu-item-type-separator)`, {
        has: page.getByText(inferred.tag, { exact: true }),
      })
      .first()
      .click();
    await page.locator(OPERATION_ITEM, { hasText: inferred.summary }).first().click();
    await page.getByText("Inferred endpoint").first().waitFor();
    await page
      .locator(MENU_ITEM, { has: page.getByText("Doc defects", { exact: true }) })
      .first()
      .click();
    await page.getByText("Where that documentation is broken or contradicts itself").first().waitFor();
    await page.getByRole("cell", { name: "broken-endpoint" }).first().waitFor();
  });
});
