// npm test skips a step that is a function of files (the drift check, the spec's lint) while those
// files are what they were when it last passed; anything else about them makes it run again.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ROOT } from "../../scripts/lib/paths.ts";
import { runOrReuse, type Outcome, type Step } from "../../scripts/test.ts";

const FOLDER = `build/step-cache-test-${process.pid}`;
mkdirSync(`${ROOT}${FOLDER}/inputs`, { recursive: true });
const input = (name: string, text: string) => writeFileSync(`${ROOT}${FOLDER}/inputs/${name}`, text);
const RECORDS = `${ROOT}build/test-steps`;
afterAll(() => {
  rmSync(`${ROOT}${FOLDER}`, { recursive: true, force: true });
  if (!existsSync(RECORDS)) return;
  for (const record of readdirSync(RECORDS).filter((f) => f.startsWith(`step-cache-test-${process.pid}-`)))
    rmSync(`${RECORDS}/${record}`);
});
// `NGORDER_TEST_CACHE=off npm test` must not turn these tests off with it.
beforeEach(() => vi.stubEnv("NGORDER_TEST_CACHE", undefined));
afterEach(() => vi.unstubAllEnvs());

let steps = 0;
/** A step of its own record, counting its runs; `outcome` says how each run ends. */
function step(outcome: () => Outcome, salt?: () => string): Step & { runs: number } {
  const name = `step-cache-test ${process.pid} ${++steps}`;
  const counted = {
    name,
    runs: 0,
    run: async () => (counted.runs++, outcome()),
    inputs: { paths: [`${FOLDER}/inputs`], ...(salt ? { salt } : {}) },
  };
  return counted;
}
const pass = () => ({ ok: true, output: "" });

describe("npm test's record of passed steps", () => {
  it("reuses a pass while the inputs are unchanged, and runs again when one changes or is added", async () => {
    input("a.yaml", "a: 1\n");
    const lint = step(pass);
    expect(await runOrReuse(lint)).toEqual({ ok: true, output: "" });
    expect(await runOrReuse(lint)).toEqual({ ok: true, output: "", reused: true });
    input("a.yaml", "a: 2\n");
    await runOrReuse(lint);
    await runOrReuse(lint);
    input("b.yaml", "");
    await runOrReuse(lint);
    expect(lint.runs).toBe(3);
  });

  it("never reuses a failure, and forgets a pass once the step fails", async () => {
    input("c.yaml", "c: 1\n");
    let ok = true;
    const lint = step(() => ({ ok, output: ok ? "" : "1 problem" }));
    await runOrReuse(lint);
    input("c.yaml", "c: 2\n");
    ok = false;
    expect(await runOrReuse(lint)).toEqual({ ok: false, output: "1 problem" });
    expect(await runOrReuse(lint)).toEqual({ ok: false, output: "1 problem" });
    ok = true;
    input("c.yaml", "c: 1\n");
    await runOrReuse(lint);
    expect(lint.runs).toBe(4);
  });

  it("runs again when the salt (git's record of the generated files) changes", async () => {
    let head = "tree 1";
    const drift = step(pass, () => head);
    await runOrReuse(drift);
    await runOrReuse(drift);
    head = "tree 2";
    await runOrReuse(drift);
    expect(drift.runs).toBe(2);
  });

  it("runs every time with NGORDER_TEST_CACHE=off", async () => {
    vi.stubEnv("NGORDER_TEST_CACHE", "off");
    const lint = step(pass);
    await runOrReuse(lint);
    await runOrReuse(lint);
    expect(lint.runs).toBe(2);
  });
});
