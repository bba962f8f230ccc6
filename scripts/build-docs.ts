// Builds the static docs site into build/docs/: one pre-rendered page per section of the spec (every
// operation with its samples, parameters and responses), the introduction, the defects ledger, a
// 404 page, the search index, one stylesheet and one small script, and the bundle for download.
// No page needs a script to show its content, nothing is loaded from another host, and every link
// is relative, so the site works from file://, through `npm start` and on GitHub Pages alike.
//
// `ensureDocs()` reuses the built site while its inputs are unchanged (a hash of them is kept beside
// it) and lets one process build at a time, so a test run builds it at most once.
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { buildSync } from "esbuild";
import { renderPages } from "./docs/render-pages.ts";
import { loadSynonyms, searchDocuments } from "./docs/search-index.ts";
import { siteModel } from "./docs/site-model.ts";
import { withLock } from "./lib/build-lock.ts";
import { ensureBuilt, inputsHash, type CachedBuild } from "./lib/build-cache.ts";
import { isMain, ROOT } from "./lib/paths.ts";

export const DOCS_DIR = `${ROOT}build/docs`;
const STAMP = ".inputs-sha256";
const DOCS_SOURCES = `${ROOT}scripts/docs`;

/** Where the site is served from on its host; only 404.html, served at any depth, needs it. */
function basePath(): string {
  const path = process.env.DOCS_BASE_PATH ?? "/";
  if (!/^\/([^\s"<>]*\/)?$/.test(path))
    throw new Error(`DOCS_BASE_PATH must be the site's path on its host, starting and ending with "/"; got ${path}`);
  return path;
}

/** Everything the site is built from: the bundle, the code that renders it, the data, the lockfile. */
const docsCache = (): CachedBuild => ({
  output: DOCS_DIR,
  inputs: ["generated/openapi.json", "generated/openapi.yaml", "scripts", "src", "docs", "package-lock.json"],
  stamp: `${DOCS_DIR}/${STAMP}`,
  salt: `base ${basePath()}`,
});

function writeSite(dir: string): void {
  const spec = JSON.parse(readFileSync(`${ROOT}generated/openapi.json`, "utf8"));
  const model = siteModel(spec);
  mkdirSync(`${dir}/assets`, { recursive: true });
  for (const page of renderPages(model, { basePath: basePath() })) writeFileSync(`${dir}/${page.file}`, page.content);
  const documents = searchDocuments(model, loadSynonyms());
  writeFileSync(`${dir}/assets/search-index.js`, `window.ngorderSearchDocuments = ${JSON.stringify(documents)};\n`);
  buildSync({
    entryPoints: [`${DOCS_SOURCES}/client/site.ts`],
    outfile: `${dir}/assets/site.js`,
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2020",
    legalComments: "none",
    logLevel: "error",
  });
  copyFileSync(`${DOCS_SOURCES}/site.css`, `${dir}/assets/site.css`);
  copyFileSync(`${DOCS_SOURCES}/favicon.svg`, `${dir}/assets/favicon.svg`);
  // The plain bundle, for download.
  copyFileSync(`${ROOT}generated/openapi.json`, `${dir}/openapi.json`);
  copyFileSync(`${ROOT}generated/openapi.yaml`, `${dir}/openapi.yaml`);
}

/** Builds the site (into a folder beside it, then swapped in whole) and returns its folder. */
export function buildDocs(): string {
  return withLock(`${DOCS_DIR}.lock`, () => {
    const hash = inputsHash(docsCache());
    const staging = `${DOCS_DIR}.staging-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    try {
      writeSite(staging);
      writeFileSync(`${staging}/${STAMP}`, hash);
      rmSync(DOCS_DIR, { recursive: true, force: true });
      renameSync(staging, DOCS_DIR);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
    return DOCS_DIR;
  });
}

/** The built site, built first only when its inputs changed since the last build. */
export function ensureDocs(): string {
  ensureBuilt(docsCache(), `${DOCS_DIR}.lock`, buildDocs);
  return DOCS_DIR;
}

if (isMain(import.meta.url)) {
  const started = performance.now();
  console.log(`docs built: ${buildDocs()} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
