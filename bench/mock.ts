// Prints how fast the mock starts and answers: startMock() (load the bundle, build the model and
// the checker), the first round over every vendor-doc recording's request (each operation's
// validators compiled on first use), then the steady rate of valid requests (answered 200) and of
// invalid ones (answered 400 with Laravel's messages), sent with fetch from the same process, so
// one core serves both the client and the mock.
// Usage: npx tsx bench/mock.ts [seconds]   (or: npm run bench:mock)
import { startMock } from "../src/mock/index.ts";
import { loadSpec } from "../src/spec/document.ts";
import { recordedEntries } from "../test/support/recordings.ts";
import { replay } from "../test/mock/support.ts";
import type { HarEntry } from "../src/contract/har.ts";
import { ROOT } from "../scripts/lib/paths.ts";

const seconds = Math.max(2, Number(process.argv[2] ?? 6));
const valid = recordedEntries(`${ROOT}test/recordings/vendor-doc/`).map((r) => r.entry);
const invalid = valid.map((entry): HarEntry => {
  const url = new URL(entry.request.url);
  url.searchParams.append("undocumented", "1");
  return { ...entry, request: { ...entry.request, url: url.href } };
});
const spec = loadSpec();

let started = performance.now();
const mock = await startMock({ spec });
const startMs = performance.now() - started;

async function round(entries: HarEntry[], expected: (status: number) => boolean): Promise<void> {
  for (const entry of entries) {
    const response = await replay(entry, mock.url);
    await response.arrayBuffer();
    if (!expected(response.status)) throw new Error(`${entry.request.method} ${entry.request.url}: ${response.status}`);
  }
}

started = performance.now();
await round(valid, (status) => status === 200);
const firstRoundMs = performance.now() - started;

/** Requests per second of wall time, and per second of this process's CPU time (steadier on a busy machine). */
async function rate(entries: HarEntry[], expected: (status: number) => boolean): Promise<[number, number]> {
  let sent = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() - start < (seconds / 2) * 1000) {
    await round(entries, expected);
    sent += entries.length;
  }
  const used = process.cpuUsage(cpu);
  return [sent / ((performance.now() - start) / 1000), sent / ((used.user + used.system) / 1e6)];
}
const validRate = await rate(valid, (status) => status === 200);
const invalidRate = await rate(invalid, (status) => status === 400);
await mock.close();

const format = ([wall, cpu]: [number, number]) =>
  `${Math.round(wall).toLocaleString("en")} requests/s (${Math.round(cpu).toLocaleString("en")} per CPU-second)`;
console.log(`startMock (load, model, checker):   ${startMs.toFixed(0)} ms`);
console.log(`first round, ${valid.length} requests (compiles):  ${firstRoundMs.toFixed(0)} ms`);
console.log(`valid requests, answered 200:       ${format(validRate)}`);
console.log(`invalid requests, answered 400:     ${format(invalidRate)}`);
