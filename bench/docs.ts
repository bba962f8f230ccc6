// Prints the docs site's size and how fast it becomes usable in Chromium, offline, cold (a new
// browser context each load): time to interactive (ready, then no long task for 1 s) of the landing
// page and the time a deep link takes to show its operation, median of several loads (default 5).
// The targets (docs issue): interactive within 1 s, a deep link within 1.5 s.
// Usage: npm run bench:docs -- [loads]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ensureDocs } from "../scripts/build-docs.ts";
import { startServer } from "../scripts/lib/static-server.ts";
import { launchOffline } from "../test/support/browser.ts";
import { formatTimings, measureSite } from "./docs-timing.ts";

const loads = Number(process.argv[2] ?? 5);
const docs = ensureDocs();
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) =>
    statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)],
  );
const size = (file: string) => statSync(file).size;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const pages = files(docs).filter((f) => f.endsWith(".html"));
const largest = pages.reduce((a, b) => (size(a) >= size(b) ? a : b));
const landing = ["index.html", "assets/site.css", "assets/site.js"].map((f) => join(docs, f));

console.log(
  `docs site: ${files(docs).length} files, ${kib(files(docs).reduce((n, f) => n + size(f), 0))} (with the bundle to download)`,
);
console.log(
  `  landing page and what it loads: ${kib(landing.reduce((n, f) => n + size(f), 0))}, ` +
    `${kib(landing.reduce((n, f) => n + gzipSync(readFileSync(f)).length, 0))} gzipped; ` +
    `largest page ${largest.slice(docs.length + 1)} ${kib(size(largest))}; search index ${kib(size(join(docs, "assets/search-index.js")))} (loaded on first search)`,
);

const server = await startServer({ root: docs });
const browser = await launchOffline();
try {
  const timings = await measureSite(
    browser,
    {
      name: "pre-rendered pages",
      landing: `${server.url}/`,
      ready: () => document.documentElement.dataset.ready === "true",
      deepLink: { url: `${server.url}/order.html#createOrder`, heading: "#createOrder-title" },
    },
    loads,
  );
  console.log(formatTimings("docs site (landing page; deep link order.html#createOrder)", timings));
} finally {
  await browser.close();
  await server.close();
}
