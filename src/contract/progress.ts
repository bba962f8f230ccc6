// Progress of a long run (recording many operations, checking a large file) on one line of a
// terminal: done/total, rate, ETA. Drawn only when the stream is a terminal, so logs and CI output
// get nothing extra; redrawn at most every `intervalMs`; the clock is injectable for tests.

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressOptions {
  stream: ProgressStream;
  /** What is counted, as the line says it: "checked", "recorded". */
  verb: string;
  /** Renders an amount of the total ("312 MB", "12 operations"). */
  amount: (done: number) => string;
  /** The unit of the rate ("entries", "operations"). */
  rateUnit: string;
  now?: () => number;
  intervalMs?: number;
}

export interface Progress {
  /** `done` of `total` (what the ETA is computed from), and how many items for the rate. */
  update(done: number, total: number, items: number): void;
  /** Removes the line, if one was drawn. */
  end(): void;
}

const NOTHING: Progress = { update: () => {}, end: () => {} };

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${seconds % 60} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1000 * 1000) return `${Math.round(bytes / 1000)} kB`;
  if (bytes < 1000 * 1000 * 1000) return `${(bytes / 1000 / 1000).toFixed(1)} MB`;
  return `${(bytes / 1000 / 1000 / 1000).toFixed(2)} GB`;
}

export function createProgress(options: ProgressOptions): Progress {
  const { stream, verb, amount, rateUnit, now = () => performance.now(), intervalMs = 250 } = options;
  if (!stream.isTTY) return NOTHING;
  const started = now();
  let drawnAt = -Infinity;
  let drawn = false;
  return {
    update(done, total, items) {
      const at = now();
      if (at - drawnAt < intervalMs) return;
      drawnAt = at;
      const elapsed = at - started;
      const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
      const rate = elapsed > 0 ? Math.round((items / elapsed) * 1000) : 0;
      const eta = done > 0 && total > done ? `, ETA ${formatDuration((elapsed * (total - done)) / done)}` : "";
      stream.write(
        `\r\x1b[K${verb} ${amount(done)} of ${amount(total)} (${percent}%), ${rate.toLocaleString("en")} ${rateUnit}/s${eta}`,
      );
      drawn = true;
    },
    end() {
      if (drawn) stream.write("\r\x1b[K");
      drawn = false;
    },
  };
}
