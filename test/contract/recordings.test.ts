// Every recorded exchange in test/recordings conforms to the bundled spec, and every schema of the
// spec compiles, so the check can reach every operation.
import { describe, expect, it } from "vitest";
import { checkHarFilesWith, harFilesIn, readHar } from "../../src/contract/check-files.ts";
import { ContractChecker } from "../../src/contract/checker.ts";
import { formatFailure } from "../../src/contract/format-report.ts";
import { harErrors } from "../support/har-format.ts";
import { BUNDLE_PATH, loadBundle } from "../support/spec.ts";
import { ROOT } from "../../scripts/lib/paths.ts";

const RECORDINGS = `${ROOT}test/recordings/`;
const checker = new ContractChecker(loadBundle());
const files = harFilesIn([RECORDINGS]);

describe("the recordings", () => {
  it("are HAR 1.2 files, by the community's HAR schema", () => {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const read = readHar(file);
      expect(read, file).toHaveProperty("har");
      if ("har" in read) expect(harErrors(read.har), file).toEqual([]);
    }
  });

  it("compile: every schema of the spec", () => {
    expect(checker.compileAll()).toEqual([]);
  });

  it.each(files.map((f) => [f.slice(RECORDINGS.length), f]))("%s conforms to the spec", (_, file) => {
    const report = checkHarFilesWith(checker, [file], BUNDLE_PATH);
    expect(report.entries).toBeGreaterThan(0);
    expect(report.failures.map(formatFailure)).toEqual([]);
  });
});
