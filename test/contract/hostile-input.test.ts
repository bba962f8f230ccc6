// A recording is data, never code: the review's hostile lines, each in one entry among good
// ones. Each is reported as a failure of its own entry; the other entries and files are checked
// as usual; nothing reaches Object.prototype; nothing allocates without bound; the run goes on.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkHarFilesWith, readHar, type ReportedFailure } from "../../src/contract/check-files.ts";
import { ContractChecker } from "../../src/contract/checker.ts";
import type { HarEntry } from "../../src/contract/har.ts";
import { ROOT } from "../../scripts/lib/paths.ts";
import { BUNDLE_PATH, loadBundle } from "../support/spec.ts";
import { runCli } from "../support/run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "ngorder-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let checker: ContractChecker;
beforeAll(() => {
  checker = new ContractChecker(loadBundle());
  checker.compileAll();
});

function recordings(file: string): HarEntry[] {
  const read = readHar(`${ROOT}test/recordings/vendor-doc/${file}`);
  if (!("har" in read)) throw new Error(read.failure.message);
  return read.har.log.entries;
}

const entryFor = (file: string, comment: string) =>
  structuredClone(recordings(file).find((e) => e.comment?.includes(comment))!);
const withQuery = (entry: HarEntry, query: string) => ({
  ...entry,
  request: { ...entry.request, url: `${entry.request.url.split("?")[0]}?${query}` },
});
const har = (entries: unknown[]) => ({ log: { version: "1.2", creator: { name: "t", version: "1" }, entries } });

function write(name: string, content: object | string): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

const prototypeNames = () => Object.getOwnPropertyNames(Object.prototype).sort();
const where = (f: ReportedFailure) => `${f.file.slice(dir.length + 1)} ${f.entry ?? "-"} ${f.location} ${f.pointer}`;

describe("hostile recordings", () => {
  it("report a [__proto__] bracket name as a failure of its entry; other entries and files are unaffected", () => {
    const before = prototypeNames();
    const warehouses = recordings("warehouse.har");
    const logo = entryFor("shop.har", "Upload Logo");
    logo.request.postData!.params!.push({ name: "logo[__proto__][polluted]", value: "yes" });
    const polluting = har([
      warehouses[0],
      withQuery(warehouses[0]!, "x[__proto__][$ref]=%23/nowhere&y[constructor][prototype][polluted]=1"),
      logo,
      warehouses[1],
    ]);
    const report = checkHarFilesWith(
      checker,
      [write("polluting.har", polluting), write("clean.har", har(warehouses))],
      BUNDLE_PATH,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).$ref).toBeUndefined();
    expect(prototypeNames()).toEqual(before);
    expect(report.failures.map(where)).toEqual([
      "polluting.har 1 request.query /x",
      "polluting.har 1 request.query /y",
      "polluting.har 2 request.body /logo",
    ]);
    expect(report.failures.map((f) => f.message)).toEqual([
      expect.stringMatching(/^is not a documented query parameter/),
      expect.stringMatching(/^is not a documented query parameter/),
      expect.stringMatching(/^must be string/),
    ]);
    expect(report.files).toEqual([
      { file: join(dir, "polluting.har"), entries: 4 },
      { file: join(dir, "clean.har"), entries: warehouses.length },
    ]);
  });

  it("checks products[99999999][name]=a at once: the sparse index is refused, not allocated", { timeout: 1000 }, () => {
    // The timeout is a hang guard (the old reader allocated 3.9 GB over 106 s): the check is a few ms.
    const entry = withQuery(entryFor("product.har", "Generate Product SKU"), "products[99999999][name]=a");
    const result = checker.checkEntry(entry, 0);
    expect(result.failures).toEqual([
      {
        location: "request.query",
        pointer: "/products[99999999][name]",
        message: "has an index above 10000: not read",
      },
      expect.objectContaining({
        location: "request.query",
        pointer: "/products",
        message: "required query parameter is missing",
      }),
    ]);
  });

  it("lists at most 20 failures of one entry, then how many more there were", () => {
    const entry = entryFor("warehouse.har", "Get Warehouses");
    const query = Array.from({ length: 500 }, (_, i) => `junk${i}=1`).join("&");
    const failures = checker.checkEntry(withQuery(entry, query), 0).failures;
    expect(failures).toHaveLength(21);
    expect(failures[20]).toEqual({
      location: "request.query",
      pointer: "",
      message: "and 480 more failure(s) in this entry, not listed",
    });
  });

  it("runs through the CLI without aborting, escaping control characters in every line", async () => {
    const warehouses = recordings("warehouse.har");
    const hostile = {
      ...withQuery(warehouses[0]!, "x[__proto__][$ref]=%23/nowhere"),
      comment: "red \u001b[31mALERT\u001b[0m \u009b2J \u202eevil",
    };
    const ndjson = [JSON.stringify(warehouses[1]), "{not json", JSON.stringify(hostile), ""].join("\n");
    const files = [
      write("a.har", har([warehouses[0], hostile])),
      write("b.ndjson", ndjson),
      write("c.har", har(warehouses)),
    ];
    const run = await runCli(`${ROOT}src/contract/cli.ts`, files);
    expect(run.code, run.stderr).toBe(1);
    for (const control of ["\u001b", "\u009b", "\u202e"]) expect(run.stdout).not.toContain(control);
    const failures = run.stdout.split("\n").filter((line) => line.startsWith(dir));
    expect(
      failures.map(
        (line) =>
          line
            .slice(dir.length + 1)
            .replace(/ \(red .*?\)/, " (…)")
            .split(":")[0],
      ),
    ).toEqual(["a.har entry 1 (…)", "b.ndjson entry 1 (line 2)", "b.ndjson entry 2 (line 3) (…)"]);
    expect(failures[0]).toContain("(red \\u001b[31mALERT\\u001b[0m \\u009b2J \\u202eevil)");
    expect(run.stdout).toMatch(
      new RegExp(`^FAIL: 3 failure\\(s\\) in ${2 + 3 + warehouses.length} entries of 3 file\\(s\\)$`, "m"),
    );
  });
});
