// action.yml, the composite action for users' CI: its script checks a folder of recordings, appends
// the Markdown report to the job summary, writes JUnit when asked, and fails on a broken recording.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePackage } from "../../scripts/build-package.ts";
import { ROOT } from "../../scripts/lib/paths.ts";
import type { Har } from "../../src/contract/har.ts";

const dir = mkdtempSync(join(tmpdir(), "ngorder-action-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let checker: string;
beforeAll(() => {
  // The action runs the published package's bin: here the same compiled bin, from the package's dist/.
  checker = `${process.execPath} ${ensurePackage()}/src/contract/cli.js`;
});

function action(env: Record<string, string>) {
  const summary = join(dir, `summary-${Math.random().toString(36).slice(2)}.md`);
  const run = spawnSync("bash", [`${ROOT}scripts/contract-action.sh`], {
    cwd: ROOT,
    encoding: "utf8",
    env: {
      ...process.env,
      GITHUB_STEP_SUMMARY: summary,
      NGORDER_CONTRACT: checker,
      ...env,
    },
  });
  return { code: run.status, stderr: run.stderr, summary: readFileSync(summary, "utf8") };
}

describe("action.yml", () => {
  it("passes its inputs to the script as environment variables, never as script text", () => {
    const spec = parse(readFileSync(`${ROOT}action.yml`, "utf8"));
    expect(spec.runs.using).toBe("composite");
    const step = spec.runs.steps.find((s: { run?: string }) => s.run);
    expect(step.run).not.toContain("${{");
    expect(step.run).toContain('bash "$GITHUB_ACTION_PATH/scripts/contract-action.sh"');
    expect(Object.keys(spec.inputs)).toEqual(["recordings", "junit", "spec"]);
  });

  it("writes a passing report to the job summary", () => {
    const run = action({ RECORDINGS: "test/recordings/vendor-doc/warehouse.har" });
    expect(run.code, run.stderr).toBe(0);
    expect(run.summary).toContain("## Ngorder contract check: ✅ pass");
  });

  it("fails on a broken recording in a folder, with the summary and a JUnit report", () => {
    const folder = join(dir, "recordings with spaces");
    mkdirSync(folder);
    const har = JSON.parse(readFileSync(`${ROOT}test/recordings/vendor-doc/warehouse.har`, "utf8")) as Har;
    const entry = har.log.entries[0]!;
    const body = JSON.parse(entry.response.content.text!);
    delete body.data[0].id;
    entry.response.content.text = JSON.stringify(body);
    writeFileSync(join(folder, "live.har"), JSON.stringify(har));
    const junit = join(dir, "contract.xml");
    const run = action({ RECORDINGS: folder, JUNIT: junit });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("::error::recordings break the Ngorder contract");
    expect(run.summary).toContain("## Ngorder contract check: ❌ FAIL");
    expect(run.summary).toContain("live.har entry 0 | GET /warehouse listWarehouses | response.body /data/0/id");
    expect(readFileSync(junit, "utf8")).toMatch(
      /<testcase classname="Warehouse" name="GET \/warehouse listWarehouses[^>]*>\n\s*<failure /,
    );
  });
});
