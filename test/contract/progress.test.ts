// Progress of long runs: drawn on one line of a terminal (done/total, rate, ETA), at most every
// interval, removed at the end; nothing at all when the stream is not a terminal (CI logs).
import { describe, expect, it } from "vitest";
import { createProgress, formatBytes } from "../../src/contract/progress.ts";

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

describe("progress", () => {
  it("draws done/total, percent, rate and ETA on a terminal, redrawing at most every interval", () => {
    const tty = stream(true);
    let now = 1000;
    const progress = createProgress({
      stream: tty,
      verb: "checked",
      amount: formatBytes,
      rateUnit: "entries",
      now: () => now,
      intervalMs: 250,
    });
    now = 3000;
    progress.update(250_000_000, 1_000_000_000, 100_000); // 2 s in: a quarter, 50,000 entries/s
    now = 3100;
    progress.update(260_000_000, 1_000_000_000, 104_000); // too soon: not drawn
    now = 5000;
    progress.update(500_000_000, 1_000_000_000, 200_000);
    progress.end();
    expect(tty.written).toEqual([
      "\r\x1b[Kchecked 250.0 MB of 1.00 GB (25%), 50,000 entries/s, ETA 6 s",
      "\r\x1b[Kchecked 500.0 MB of 1.00 GB (50%), 50,000 entries/s, ETA 4 s",
      "\r\x1b[K",
    ]);
  });

  it("writes nothing when the stream is not a terminal", () => {
    const log = stream(false);
    const progress = createProgress({ stream: log, verb: "recorded", amount: String, rateUnit: "operations" });
    progress.update(1, 10, 1);
    progress.end();
    expect(log.written).toEqual([]);
  });
});
