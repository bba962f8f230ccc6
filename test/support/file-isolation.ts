// The test files share their worker's process and loaded modules (vitest.config.ts: isolate off,
// which saves each file loading the spec, Ajv and the rest again). What a file may change in that
// process is put back when it ends, so no file sees another's fake clock, spy or stub.
import { afterAll, vi } from "vitest";

afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});
