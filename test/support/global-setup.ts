// Runs once around the whole test run: every test's temporary files go to one folder of this run,
// and a file or folder still there when the run ends fails it, named. The system's temporary folder
// is shared with other processes; this one holds nothing but what the tests left.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "ngorder-test-run-"));
  const inherited = process.env.TMPDIR;
  // Workers, and every process a test starts, inherit it: os.tmpdir() reads it on each call.
  process.env.TMPDIR = dir;
  return () => {
    if (inherited === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = inherited;
    // tsx keeps its compile cache there (tsx-<uid>): not a test's leftover.
    const left = readdirSync(dir).filter((name) => !/^tsx-\d+$/.test(name));
    rmSync(dir, { recursive: true, force: true });
    if (left.length) {
      // A teardown's exception is printed but does not fail the run: the exit status does.
      console.error(`FAIL: the tests left ${left.length} temporary file(s) or folder(s) behind: ${left.join(", ")}`);
      process.exitCode = 1;
    }
  };
}
