// How fast a docs site becomes usable in Chromium, measured the way the docs issue defines it:
// - interactive: from navigation to the page being ready (its own readiness condition) with no long
//   task (> 50 ms on the main thread) for the following second: max(ready, end of the last long task);
// - deep link: from navigation to an operation's URL until that operation's heading is on screen.
// Every load is cold: a new browser context, so nothing is cached.
import type { Page } from "playwright-core";
import type { OfflineBrowser } from "../test/support/browser.ts";

export interface SiteUnderTest {
  name: string;
  /** Absolute URL of the landing page. */
  landing: string;
  /** Evaluated in the page (self-contained): true once the page is usable. */
  ready: () => boolean;
  /** Absolute URL of a deep link to one operation, and a selector of that operation's heading. */
  deepLink: { url: string; heading: string };
}

export interface Timing {
  interactiveMs: number;
  longTasks: number;
  deepLinkMs: number;
  /** Requests that would have left the machine (each refused). */
  blockedRequests: number;
}

const QUIET_MS = 1000;

// Installed before any script of the page runs: records the main thread's long tasks.
const OBSERVE_LONG_TASKS = `
  window.__longTaskEnds = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTaskEnds.push(e.startTime + e.duration);
  }).observe({ type: "longtask" });
`;

async function coldPage(
  browser: OfflineBrowser,
): Promise<{ page: Page; blocked: string[]; close: () => Promise<void> }> {
  const { context, blocked } = await browser.newContext();
  await context.addInitScript(OBSERVE_LONG_TASKS);
  return { page: await context.newPage(), blocked, close: () => context.close() };
}

async function interactive(browser: OfflineBrowser, site: SiteUnderTest): Promise<Omit<Timing, "deepLinkMs">> {
  const { page, blocked, close } = await coldPage(browser);
  try {
    await page.goto(site.landing, { waitUntil: "commit" });
    await page.waitForFunction(site.ready, undefined, { polling: "raf", timeout: 120_000 });
    const readyAt = await page.evaluate(() => performance.now());
    // Wait out a quiet second after the later of "ready" and the last long task.
    await page.waitForFunction(
      ([ready, quiet]) => performance.now() - Math.max(ready, ...(window as any).__longTaskEnds) >= quiet,
      [readyAt, QUIET_MS] as const,
      { polling: 100, timeout: 120_000 },
    );
    const ends: number[] = await page.evaluate(() => (window as any).__longTaskEnds);
    return { interactiveMs: Math.max(readyAt, ...ends), longTasks: ends.length, blockedRequests: blocked.length };
  } finally {
    await close();
  }
}

async function deepLink(browser: OfflineBrowser, site: SiteUnderTest): Promise<number> {
  const { page, close } = await coldPage(browser);
  try {
    await page.goto(site.deepLink.url, { waitUntil: "commit" });
    const shownAt = await page.waitForFunction(
      (selector) => {
        // Through open shadow roots too, for renderers built of web components (no inner
        // named function: tsx would wrap it in a helper the page does not have).
        let heading: Element | null = null;
        for (const roots: (Document | ShadowRoot)[] = [document]; roots.length && !heading;) {
          const root = roots.pop()!;
          heading = root.querySelector(selector);
          for (const e of root.querySelectorAll("*")) if (e.shadowRoot) roots.push(e.shadowRoot);
        }
        if (!heading) return false;
        const box = heading.getBoundingClientRect();
        return box.height > 0 && box.top >= 0 && box.top < innerHeight && performance.now();
      },
      site.deepLink.heading,
      { polling: "raf", timeout: 120_000 },
    );
    return (await shownAt.jsonValue()) as number;
  } finally {
    await close();
  }
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** `loads` cold loads of the landing page and of the deep link, alternated. */
export async function measureSite(browser: OfflineBrowser, site: SiteUnderTest, loads: number): Promise<Timing[]> {
  const timings: Timing[] = [];
  for (let i = 0; i < loads; i++) {
    const landing = await interactive(browser, site);
    timings.push({ ...landing, deepLinkMs: await deepLink(browser, site) });
  }
  return timings;
}

export function formatTimings(site: string, timings: Timing[]): string {
  const row = (label: string, values: number[]) =>
    `${label} median ${median(values).toFixed(0)} ms (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)})`;
  return [
    `${site}, ${timings.length} cold loads:`,
    `  ${row(
      "interactive (ready, then no long task for 1 s):",
      timings.map((t) => t.interactiveMs),
    )}`,
    `  long tasks during load: median ${median(timings.map((t) => t.longTasks))}`,
    `  requests refused (would have left the machine): ${Math.max(...timings.map((t) => t.blockedRequests))}`,
    `  ${row(
      "deep link to an operation, heading on screen:",
      timings.map((t) => t.deepLinkMs),
    )}`,
  ].join("\n");
}
