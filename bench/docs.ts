// Prints the size of the built docs site and the time from navigation to its menu being rendered
// (every section of the spec listed), median of several loads in one run.
// Usage: npx tsx bench/docs.ts [loads]
import { readdirSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { buildDocs, DOCS_DIR } from "../scripts/build-docs.ts";
import { startServer } from "../scripts/lib/static-server.ts";
import { launchOffline } from "../test/support/browser.ts";
import { loadModel } from "../test/support/spec.ts";

const loads = Number(process.argv[2] ?? 7);
buildDocs();
const files = readdirSync(DOCS_DIR).map((name) => `${DOCS_DIR}/${name}`);
const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
const page = readFileSync(`${DOCS_DIR}/index.html`);
const sections = loadModel().tags.map((t) => t.name);

const server = await startServer({ root: DOCS_DIR });
const browser = await launchOffline();
const times: number[] = [];
try {
  for (let i = 0; i < loads; i++) {
    const tab = await browser.context.newPage();
    const start = performance.now();
    await tab.goto(`${server.url}/`, { waitUntil: "commit" });
    await tab.waitForFunction(
      (names: string[]) => {
        const labels = new Set(
          [...document.querySelectorAll('[data-component-name="Menu/MenuItem"]')].map((e) =>
            e.firstElementChild?.textContent?.trim(),
          ),
        );
        return names.every((n) => labels.has(n));
      },
      sections,
      { polling: "raf" },
    );
    times.push(performance.now() - start);
    await tab.close();
  }
} finally {
  await browser.close();
  await server.close();
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(
  `docs site: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB (index.html ${(page.length / 1024).toFixed(0)} KiB, ${(gzipSync(page).length / 1024).toFixed(0)} KiB gzipped)`,
);
console.log(
  `menu rendered (${sections.length} sections, ${loadModel().operations.length} operations): median ${median.toFixed(0)} ms over ${loads} loads (min ${times[0]!.toFixed(0)}, max ${times.at(-1)!.toFixed(0)})`,
);
