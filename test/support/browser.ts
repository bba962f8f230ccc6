// Launches Debian's Chromium through playwright-core (never a downloaded browser). Every page is
// opened in an offline context: each request that leaves 127.0.0.1 is refused and remembered, so a
// test can assert that none was attempted. Each context is a fresh, cold profile (no cache).
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  "/usr/lib/chromium/chromium",
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
];

export function chromiumPath(candidates: (string | undefined)[] = CANDIDATES): string {
  const found = candidates.find((p): p is string => Boolean(p && existsSync(p)));
  if (!found) {
    throw new Error(
      "Chromium is missing: the docs browser test needs Debian's Chromium. Install it with " +
        "`apt-get install -y chromium` (.ci/run does this) or point CHROMIUM_PATH at a Chromium binary.",
    );
  }
  return found;
}

export interface OfflineContext {
  context: BrowserContext;
  /** Non-local URLs the pages asked for; each was refused. */
  blocked: string[];
}

export interface OfflineBrowser {
  browser: Browser;
  /**
   * A new cold context (empty cache and storage) with the network cut off; the refused URLs are
   * added to `blocked` (a list of the caller's, to share one between contexts).
   */
  newContext(options?: {
    width?: number;
    height?: number;
    javaScriptEnabled?: boolean;
    blocked?: string[];
  }): Promise<OfflineContext>;
  close(): Promise<void>;
}

const isLocal = (url: URL) =>
  url.hostname === "127.0.0.1" || ["data:", "blob:", "file:", "about:"].includes(url.protocol);

export async function launchOffline(): Promise<OfflineBrowser> {
  // Playwright makes the profile in a temporary folder of its own and deletes it on close().
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
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
  return {
    browser,
    async newContext({ width = 1280, height = 800, javaScriptEnabled = true, blocked = [] } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled });
      await context.route("**/*", (route) => {
        const url = new URL(route.request().url());
        if (isLocal(url)) return route.continue();
        blocked.push(url.href);
        return route.abort("blockedbyclient");
      });
      return { context, blocked };
    },
    close: () => browser.close(),
  };
}
