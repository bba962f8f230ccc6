// --report junit and --report markdown: one test case per recorded operation with a failure per
// broken recording, and a job summary; text from recordings cannot become markup in either.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/lib/paths.ts";
import { checkHarFiles } from "../../src/contract/check-files.ts";
import { formatJunitReport } from "../../src/contract/format-junit.ts";
import { formatMarkdownReport } from "../../src/contract/format-markdown.ts";
import type { Har } from "../../src/contract/har.ts";

const dir = mkdtempSync(join(tmpdir(), "ngorder-reports-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WAREHOUSE = `${ROOT}test/recordings/vendor-doc/warehouse.har`;
const har = JSON.parse(readFileSync(WAREHOUSE, "utf8")) as Har;
// Two recordings of Get Warehouses lose an id; one more request goes nowhere, with markup in its URL.
const first = har.log.entries[0]!;
const firstBody = JSON.parse(first.response.content.text!);
delete firstBody.data[0].id;
first.response.content.text = JSON.stringify(firstBody);
har.log.entries.push(structuredClone(first));
const stray = structuredClone(har.log.entries[2]!);
stray.request.url = "https://api.smartseller.co.id/api/open/nowhere/<b>|x|</b>%1B[31m";
har.log.entries.push(stray);
const broken = join(dir, "broken.har");
writeFileSync(broken, JSON.stringify(har));
const report = checkHarFiles([broken]);

describe("--report junit", () => {
  const xml = formatJunitReport(report);

  it("has one test case per recorded operation and one failure per broken recording", () => {
    const recorded = report.coverage.operations.filter((o) => o.recordings > 0);
    const cases = xml.match(/<testcase /g) ?? [];
    expect(cases).toHaveLength(recorded.length + 1); // + the requests matching no operation
    const listWarehouses = xml.slice(xml.indexOf('name="GET /warehouse listWarehouses'), xml.indexOf("</testcase>"));
    expect(listWarehouses.match(/<failure /g)).toHaveLength(2);
    expect(listWarehouses).toContain(`message="${broken} entry 0: 1 failure(s)"`);
    expect(listWarehouses).toContain(`message="${broken} entry 5: 1 failure(s)"`);
    expect(xml).toMatch(/<testsuites name="ngorder-contract" tests="\d+" failures="2" errors="0">/);
    expect(xml).toMatch(
      /<testcase classname="Warehouse" name="GET \/warehouse\/\{id\} getWarehouse \(1 recording\(s\)\)"\/>/,
    );
  });

  it("escapes recorded text", () => {
    expect(xml).not.toContain("<b>");
    expect(xml).toContain("&lt;b&gt;");
    // eslint-disable-next-line no-control-regex -- asserting that no control character is left
    expect(xml).not.toMatch(/[\u0000-\u0008\u001b]/);
  });
});

describe("--report markdown", () => {
  const md = formatMarkdownReport(report);

  it("gives the verdict, the recorded operations, every failure and the coverage", () => {
    expect(md).toContain("## Ngorder contract check: ❌ FAIL");
    expect(md).toContain(`3 failure(s) in ${har.log.entries.length} recorded exchange(s) of 1 file(s).`);
    expect(md).toContain("| Warehouse › GET /warehouse listWarehouses | 2 | 2 |");
    expect(md).toMatch(/\| .*broken\.har entry 0 \| GET /);
    expect(md).toContain("<details><summary>Coverage: ");
  });

  it("keeps recorded text out of the markup", () => {
    const row = md.split("\n").find((line) => line.includes("nowhere"))!;
    expect(row.split(/(?<!\\)\|/)).toHaveLength(6); // four cells, however many pipes the URL has
    expect(row).not.toContain("<b>");
  });

  it("passes a clean run", () => {
    expect(formatMarkdownReport(checkHarFiles([WAREHOUSE]))).toMatch(
      /^## Ngorder contract check: ✅ pass\n\n5 recorded exchange/,
    );
  });
});
