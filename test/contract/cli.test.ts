// The ngorder-contract command as users run it in CI: exit status, text and JSON reports, coverage.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ContractReport } from "../../src/contract/check-files.ts";
import type { Har } from "../../src/contract/har.ts";
import { ROOT } from "../../scripts/lib/paths.ts";
import { runCli } from "../support/run-cli.ts";

const WAREHOUSE = "test/recordings/vendor-doc/warehouse.har";
const dir = mkdtempSync(join(tmpdir(), "ngorder-contract-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const contract = (...args: string[]) => runCli(`${ROOT}src/contract/cli.ts`, args, { cwd: ROOT });

/** A copy of the Warehouse recordings whose first response lost `data[0].id`. */
function brokenRecording(): string {
  const har = JSON.parse(readFileSync(`${ROOT}${WAREHOUSE}`, "utf8")) as Har;
  const entry = har.log.entries[0]!;
  const body = JSON.parse(entry.response.content.text!);
  delete body.data[0].id;
  entry.response.content.text = JSON.stringify(body);
  const file = join(dir, "broken.har");
  writeFileSync(file, JSON.stringify(har));
  return file;
}

/** A bundled spec of its own in the test folder: one server and these paths. */
function specFile(name: string, server: string, paths: Record<string, unknown>): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    JSON.stringify({ openapi: "3.1.0", info: { title: "t", version: "1" }, servers: [{ url: server }], paths }),
  );
  return file;
}

describe("ngorder-contract", () => {
  it("passes conforming recordings with exit status 0 and prints the coverage", async () => {
    const run = await contract(WAREHOUSE);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ok: 5 entries of 1 file\(s\) conform to .*generated\/openapi\.json$/m);
    expect(run.stdout).toMatch(/^coverage: 5 of \d+ operations have at least one recording/m);
    expect(run.stdout).toContain("    GET /user ");
  });

  it("fails a broken recording with exit status 1, naming file, entry, operation and pointer", async () => {
    const file = brokenRecording();
    const run = await contract(file);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `${file} entry 0 (Warehouse › Get Warehouses: vendor doc example "vendorDoc" (200)): GET /warehouse listWarehouses: response.body /data/0/id must have required property 'id'`,
    );
    expect(run.stdout).toMatch(/^FAIL: 1 failure\(s\) in 5 entries of 1 file\(s\)$/m);
  });

  it("prints the same report on worker threads (--jobs 2) as on one (--jobs 1)", async () => {
    const files = [brokenRecording(), WAREHOUSE];
    const one = await contract("--jobs", "1", ...files);
    const two = await contract("--jobs", "2", ...files);
    expect(one.code).toBe(1);
    expect(one.stdout).toContain("FAIL: 1 failure(s) in 10 entries of 2 file(s)");
    expect(two).toEqual(one);
  });

  it.each(["0", "1.5", "17", "two"])("refuses --jobs %s with exit status 2", async (jobs) => {
    const run = await contract("--jobs", jobs, WAREHOUSE);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--jobs must be a whole number from 1 to 16, not ${jobs}`);
    expect(run.stdout).toBe("");
  });

  it("reports JSON with --report json", async () => {
    const run = await contract("--report", "json", brokenRecording(), WAREHOUSE);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as ContractReport;
    expect(report.entries).toBe(10);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatchObject({
      entry: 0,
      location: "response.body",
      pointer: "/data/0/id",
      operation: { id: "listWarehouses", method: "GET", path: "/warehouse" },
    });
    expect(report.coverage.operations.find((o) => o.id === "getWarehouse")?.recordings).toBe(2);
  });

  it("checks every HAR file under a directory", async () => {
    const run = await contract("--report", "json", "test/recordings");
    const report = JSON.parse(run.stdout) as ContractReport;
    expect(report.files.length).toBeGreaterThan(1);
    expect(report.coverage.covered).toBeGreaterThan(100);
  });

  it("checks against another bundle with --spec, and fails a file that is not HAR", async () => {
    const spec = specFile("empty.json", "https://x.test/api/open", {});
    const run = await contract("--spec", spec, WAREHOUSE);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("route GET /warehouse matches no path of the spec");
    writeFileSync(join(dir, "not.har"), "{}");
    expect((await contract(join(dir, "not.har"))).stdout).toContain(
      ": har not a HAR file: it has no log.entries array",
    );
  });

  it("reports a schema of a --spec that does not compile, though no recording reaches it", async () => {
    const ok = { description: "ok", content: { "application/json": { schema: { type: "object" } } } };
    const broken = { description: "ok", content: { "application/json": { schema: { type: "string", pattern: "(" } } } };
    const file = specFile("uncompilable.json", "https://api.smartseller.co.id/api/open", {
      "/warehouse": { get: { responses: { "200": ok } } },
      "/user": { get: { responses: { "200": broken } } },
    });
    const run = await contract("--spec", file, "--report", "json", WAREHOUSE);
    const report = JSON.parse(run.stdout) as ContractReport;
    expect(run.code).toBe(1);
    expect(report.failures.filter((f) => f.location === "spec").map((f) => [f.file, f.schemaPointer])).toEqual([
      [file, "#/paths/~1user/get/responses/200/content/application~1json/schema"],
    ]);
  });

  it("exits 2 on a usage error", async () => {
    expect((await contract()).code).toBe(2);
    expect((await contract("--report", "xml", WAREHOUSE)).code).toBe(2);
    expect((await contract("no/such/file.har")).code).toBe(2);
  });
});
