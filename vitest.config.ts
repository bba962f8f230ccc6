import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // One process per worker for all its files, not one per file: each file loading the spec, Ajv,
    // YAML and the checker again cost a third of the suite's CPU. test/support/file-isolation.ts
    // puts back what a file may change in the shared process (timers, spies, stubs).
    isolate: false,
    setupFiles: ["test/support/file-isolation.ts"],
    // vitest's default is one worker fewer than the cores, a single worker on this 2-core machine;
    // many files wait on a child (npm, tsc, Chromium, a server), so a third keeps both cores busy.
    maxWorkers: 3,
    // Transformed modules are kept in node_modules between runs (content-hashed; vitest 5's default).
    experimental: { fsModuleCache: true },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
