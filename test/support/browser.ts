// Launches Debian's Chromium through playwright-core (never a downloaded browser) with every
// request that leaves 127.0.0.1 blocked, so pages are proven to work offline.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  "/usr/lib/chromium/chromium",
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
];

export function chromiumPath(): string {
  const found = CANDIDATES.find((p): p is string => Boolean(p && existsSync(p)));
  if (!found) {
    throw new Error(
      "Chromium is missing: the docs browser test needs Debian's Chromium. Install it with " +
        "`apt-get install -y chromium` (.ci/run does this) or point CHROMIUM_PATH at a Chromium binary.",
    );
  }
  return found;
}

export interface OfflineBrowser {
  context: BrowserContext;
  /** Non-local URLs the page asked for; each was refused. */
  blocked: string[];
  close(): Promise<void>;
}

export async function launchOffline(): Promise<OfflineBrowser> {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "ngorder-chromium-")), {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.protocol === "data:" || url.protocol === "blob:") return route.continue();
    blocked.push(url.href);
    return route.abort("blockedbyclient");
  });
  return { context, blocked, close: () => context.close() };
}
