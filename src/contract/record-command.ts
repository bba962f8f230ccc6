// ngorder-record's command: reads its arguments and NGORDER_TOKEN, records, writes the scrubbed
// HAR file. The bin (record-cli.ts) runs it on the process; a test runs it in its own process with
// its own io.
import { chmodSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import type { Clock } from "../clock.ts";
import { loadSpec } from "../spec/document.ts";
import type { Har } from "./har.ts";
import { createProgress, type ProgressStream } from "./progress.ts";
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS, readOnlyOperationIds, record, RecordError } from "./record.ts";

const USAGE = `Usage: NGORDER_TOKEN=... ngorder-record --out <file.har> (--operation <operationId>... | --all-read) [options]

Calls the chosen operations, then writes what was sent and received as HAR after removing
secrets and personal data (the token in any encoding, cookies, keys, emails, phone numbers,
account numbers, names and addresses of people). Only read-only (GET) operations are called: a
write operation is called only when it is also named with --allow-write. The token is sent over
https only (plain http only to localhost, 127.0.0.1 or [::1]).

Options:
  --operation <id>       an operationId to call (repeatable)
  --all-read             call every read-only operation of the spec
  --allow-write <id>     allow this selected write operation to be called (repeatable)
  --param <name=value>   value of a path or query parameter, by name (repeatable);
                         otherwise the spec's examples or plausible values are sent
  --base-url <url>       server URL (default: the spec's first server)
  --spec <openapi.json>  bundled spec (default: the one in this package)
  --delay <ms>           pause between calls (default 500)
  --timeout <ms>         longest wait for each call's complete answer (default ${DEFAULT_TIMEOUT_MS})
  --max-bytes <n>        largest answer read (default ${DEFAULT_MAX_RESPONSE_BYTES}); a larger one fails the call
  --out <file.har>       where to write the recording (readable by you only)
  -h, --help             show this help`;

/** Where the command reads its token and the time, and writes its lines: the process's, or a test's. */
export interface CommandIo {
  env: Record<string, string | undefined>;
  /** The calls' timeouts and the pauses between them (the system's when not given). */
  clock?: Clock;
  log(line: string): void;
  error(line: string): void;
  /** Where the progress line is drawn, when it is a terminal. */
  progress: ProgressStream;
}

const PROCESS_IO: CommandIo = {
  env: process.env,
  log: (line) => console.log(line),
  error: (line) => console.error(line),
  progress: process.stderr,
};

/** Runs ngorder-record with its arguments; returns the exit status. */
export async function recordCommand(argv: string[], io: CommandIo = PROCESS_IO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        operation: { type: "string", multiple: true, default: [] },
        "all-read": { type: "boolean", default: false },
        "allow-write": { type: "string", multiple: true, default: [] },
        param: { type: "string", multiple: true, default: [] },
        "base-url": { type: "string" },
        spec: { type: "string" },
        delay: { type: "string", default: "500" },
        timeout: { type: "string", default: String(DEFAULT_TIMEOUT_MS) },
        "max-bytes": { type: "string", default: String(DEFAULT_MAX_RESPONSE_BYTES) },
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    io.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values } = parsed;
  if (values.help) {
    io.log(USAGE);
    return 0;
  }
  const token = io.env.NGORDER_TOKEN;
  const badParam = values.param.find((p) => !p.includes("="));
  const badNumber = (["delay", "timeout", "max-bytes"] as const).find((name) => !/^\d+$/.test(values[name]));
  if (
    !token ||
    !values.out ||
    (!values.operation.length && !values["all-read"]) ||
    badParam !== undefined ||
    badNumber
  ) {
    io.error(
      `${!token ? "NGORDER_TOKEN is not set.\n" : ""}${badParam !== undefined ? `--param ${badParam}: expected name=value\n` : ""}${badNumber ? `--${badNumber} ${values[badNumber]}: expected a whole number\n` : ""}\n${USAGE}`,
    );
    return 2;
  }
  const spec = loadSpec(values.spec);
  let recorded = 0;
  const operations = [
    ...values.operation,
    ...(values["all-read"] ? readOnlyOperationIds(spec).filter((id) => !values.operation.includes(id)) : []),
  ];
  const progress = createProgress({
    stream: io.progress,
    verb: "recorded",
    amount: (n) => `${n}`,
    rateUnit: "operations",
  });
  try {
    const har = await record({
      spec,
      baseUrl: values["base-url"] ?? spec.servers[0].url,
      token,
      operations,
      allowWrite: values["allow-write"],
      values: Object.fromEntries(values.param.map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)])),
      delayMs: Number(values.delay),
      timeoutMs: Number(values.timeout),
      maxResponseBytes: Number(values["max-bytes"]),
      ...(io.clock ? { clock: io.clock } : {}),
      onExchange: (operation, status) => {
        progress.end();
        io.log(`${operation.method.toUpperCase()} ${operation.path} ${operation.id} → ${status}`);
        recorded++;
        progress.update(recorded, operations.length, recorded);
      },
    });
    writeRecording(values.out, har);
    io.log(
      `wrote ${har.log.entries.length} scrubbed exchange(s) to ${values.out}; check them with: ngorder-contract ${values.out}`,
    );
    return 0;
  } catch (error) {
    progress.end();
    io.error(`ngorder-record: ${(error as Error).message}`);
    if (error instanceof RecordError && error.har) {
      writeRecording(values.out, error.har);
      io.error(`wrote the ${error.har.log.entries.length} exchange(s) recorded before it to ${values.out}`);
    }
    return error instanceof RecordError && !error.har && /nothing was called/.test(error.message) ? 2 : 1;
  }
}

/** Writes the file readable by its owner only, whole or not at all (a temporary file renamed). */
function writeRecording(out: string, har: Har): void {
  mkdirSync(dirname(out), { recursive: true });
  const temporary = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  writeFileSync(temporary, `${JSON.stringify(har, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, out);
}
