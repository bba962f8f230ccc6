// A lock between the processes that build into one folder (vitest's workers, `npm start`, a bench),
// so that one builds and the others wait and then reuse its output. mkdir is atomic; the holder's
// pid is kept inside, and a lock whose holder has died is taken over.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const held = new Set<string>();
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function holderIsGone(lock: string): boolean {
  try {
    const pid = Number(readFileSync(`${lock}/pid`, "utf8"));
    process.kill(pid, 0);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ESRCH") return true;
    // No pid yet: the holder is between mkdir and writing it, unless that was long ago.
    if (code === "ENOENT") return Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 10_000;
    return false;
  }
}

/** Runs `build` while holding the lock folder `lock` (re-entrant within this process). */
export function withLock<T>(lock: string, build: () => T, timeoutMs = 300_000): T {
  if (held.has(lock)) return build();
  const deadline = Date.now() + timeoutMs;
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(`${lock}/pid`, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (holderIsGone(lock)) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline)
        throw new Error(
          `${lock}: another build has held this lock for ${timeoutMs / 1000} s; delete it if none is running`,
          { cause: error },
        );
      else sleep(100);
    }
  }
  held.add(lock);
  try {
    return build();
  } finally {
    held.delete(lock);
    rmSync(lock, { recursive: true, force: true });
  }
}
