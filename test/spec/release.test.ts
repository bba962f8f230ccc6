// Versions and the release gate: package.json and info.version move together, a change that
// breaks clients needs a major version and a CHANGELOG.md entry, and the changelog draft names
// operations by their titles. The gate runs in a temporary git repository, as CI runs it.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { draftChangelog } from "../../scripts/changelog.ts";
import { main as checkReleaseMain } from "../../scripts/check-release.ts";
import { ROOT } from "../../scripts/lib/paths.ts";
import { changelogEntry, checkRelease, type ReleaseState } from "../../scripts/lib/release.ts";
import { diffSpecs } from "../../scripts/lib/spec-diff.ts";
import { loadBundle, type Json } from "../support/spec.ts";
import { editedPair, SPEC_EDITS, withPaths } from "../support/spec-edits.ts";
import { runMain } from "../support/run-cli.ts";

const bundle = loadBundle();
const PATHS = ["/warehouse", "/warehouse/{id}"];
const removal = SPEC_EDITS.find((e) => e.name === "an operation removed")!;
const optionalParameter = SPEC_EDITS.find((e) => e.name === "an optional query parameter added")!;

const CHANGELOG_1 = "# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-12-01\n\n### Added\n\n- Everything.\n";
const CHANGELOG_2 = CHANGELOG_1.replace("## [1.0.0]", "## [2.0.0] - 2026-12-02\n\n### Removed\n\n- **Breaking:** Delete Warehouse.\n\n## [1.0.0]");

function state(spec: Json, version: string, changelog = CHANGELOG_1, infoVersion = version): ReleaseState {
  return { version, spec: { ...spec, info: { ...spec.info, version: infoVersion } }, changelog };
}

describe("the repository's versions", () => {
  it("are one number in package.json and the bundle's info.version", () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8"));
    expect(bundle.info.version).toBe(pkg.version);
  });

  it("each have their CHANGELOG.md entry", () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8"));
    const entry = changelogEntry(readFileSync(`${ROOT}CHANGELOG.md`, "utf8"), pkg.version);
    // Keep a Changelog: what changed, under a heading of its kind, as at least one item.
    expect(entry).toMatch(/^### (Added|Changed|Deprecated|Removed|Fixed|Security)\b.*\n\n- \S/m);
  });
});

describe("checkRelease", () => {
  const [before, removed] = editedPair(bundle, removal);
  const base = state(before, "1.0.0");

  it("refuses a breaking change without a major version", () => {
    const { problems } = checkRelease(base, state(removed, "1.1.0", CHANGELOG_1.replace("## [1.0.0]", "## [1.1.0] - x\n\n- y\n\n## [1.0.0]")));
    expect(problems).toEqual([
      "1 change(s) break clients, so the version needs a major bump: 1.0.0 → 2.0.0 (package.json and info.version)",
    ]);
  });

  it("refuses a major version without its CHANGELOG.md entry", () => {
    const { problems } = checkRelease(base, state(removed, "2.0.0"));
    expect(problems).toEqual([expect.stringContaining("CHANGELOG.md has no entry for 2.0.0")]);
  });

  it("lets a breaking change through with a major version and its entry", () => {
    const verdict = checkRelease(base, state(removed, "2.0.0", CHANGELOG_2));
    expect(verdict.problems).toEqual([]);
    expect(verdict.changes.filter((c) => c.classification === "breaking").map((c) => c.operation?.id)).toEqual([
      "deleteWarehouse",
    ]);
  });

  it("lets a compatible change through without a new version", () => {
    const [unchanged, added] = editedPair(bundle, optionalParameter);
    const verdict = checkRelease(state(unchanged, "1.0.0"), state(added, "1.0.0"));
    expect(verdict.problems).toEqual([]);
    expect(verdict.changes.map((c) => c.classification)).toEqual(["compatible"]);
  });

  it("refuses a package version that is not the spec's info.version", () => {
    const { problems } = checkRelease(base, state(before, "1.0.0", CHANGELOG_1, "1.0.1"));
    expect(problems).toEqual([
      "package.json version 1.0.0 and the spec's info.version 1.0.1 must be the same: change both",
    ]);
  });
});

describe("npm run changelog's draft", () => {
  it("names each change by the operation's section and title, without JSON pointers", () => {
    const changes = SPEC_EDITS.flatMap((edit) => diffSpecs(...editedPair(bundle, edit)));
    const draft = draftChangelog(changes, "## [2.0.0] - 2026-12-02");
    expect(draft).toContain("- **Breaking:** Warehouse › Delete Warehouse (DELETE /warehouse/{id}): operation DELETE /warehouse/{id}");
    expect(draft).toContain("- Warehouse › Get Warehouses (GET /warehouse): query parameter `keyword`.");
    expect(draft).not.toMatch(/#\/|~1|\/paths\//);
    expect(draft.split("\n").filter((l) => l.startsWith("- **Breaking:**"))).toHaveLength(
      new Set(changes.filter((c) => c.classification === "breaking").map((c) => c.operation?.id)).size,
    );
  });
});

describe("npm run check:release in a git repository", () => {
  const repo = mkdtempSync(join(tmpdir(), "ngorder-release-"));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", ...args], { cwd: repo, encoding: "utf8" });

  function commit(branch: string, spec: Json, version: string, changelog: string): void {
    if (branch !== "main") git("checkout", "-q", "-B", branch, "main");
    mkdirSync(join(repo, "spec"), { recursive: true });
    // JSON is YAML: the bundle's paths of interest stand in for the split source.
    writeFileSync(join(repo, "spec", "openapi.yaml"), JSON.stringify({ ...spec, info: { ...spec.info, version } }, null, 1));
    writeFileSync(join(repo, "package.json"), JSON.stringify({ name: "ngorder-openapi", version }));
    writeFileSync(join(repo, "CHANGELOG.md"), changelog);
    git("add", "-A");
    git("commit", "-q", "-m", branch);
  }
  /** Runs the gate as CI does (its main, in this process: the two branches share the bundle of their spec). */
  const gate = (head: string) => runMain(checkReleaseMain, ["--repo", repo, "main", head]);

  beforeAll(() => {
    git("init", "-q", "-b", "main");
    commit("main", withPaths(bundle, PATHS), "1.0.0", CHANGELOG_1);
    const removed = structuredClone(withPaths(bundle, PATHS));
    delete removed.paths["/warehouse/{id}"].delete;
    commit("remove-without-major", removed, "1.0.0", CHANGELOG_1);
    commit("remove-with-major", removed, "2.0.0", CHANGELOG_2);
  });

  it("fails on a branch that removes an operation without a major version", async () => {
    const { code, stdout } = await gate("remove-without-major");
    expect(code).toBe(1);
    expect(stdout).toContain("breaking     Warehouse › Delete Warehouse (DELETE /warehouse/{id})");
    expect(stdout).toContain("FAIL: 1 change(s) break clients, so the version needs a major bump: 1.0.0 → 2.0.0");
  });

  it("passes the same branch with a major version and a CHANGELOG.md entry", async () => {
    const { code, stdout } = await gate("remove-with-major");
    expect(stdout).toContain("ok: remove-with-major may be released after main");
    expect(code).toBe(0);
  });
});
