#!/usr/bin/env node
// ngorder-record: records live exchanges with your token (NGORDER_TOKEN) into a scrubbed HAR file
// that ngorder-contract can check. Exit status: 0 when written, 1 when a call failed, 2 on a usage error.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { loadSpec } from "../spec/document.ts";
import { readOnlyOperationIds, record } from "./record.ts";

const USAGE = `Usage: NGORDER_TOKEN=... ngorder-record --out <file.har> (--operation <operationId>... | --all-read) [options]

Calls the chosen operations, then writes what was sent and received as HAR after removing
secrets and personal data (the token, cookies, keys, emails, phone numbers, account numbers,
names and addresses of people). Only read-only (GET) operations are called: a write operation
is called only when it is also named with --allow-write.

Options:
  --operation <id>       an operationId to call (repeatable)
  --all-read             call every read-only operation of the spec
  --allow-write <id>     allow this selected write operation to be called (repeatable)
  --param <name=value>   value of a path or query parameter, by name (repeatable);
                         otherwise the spec's examples or plausible values are sent
  --base-url <url>       server URL (default: the spec's first server)
  --spec <openapi.json>  bundled spec (default: the one in this package)
  --delay <ms>           pause between calls (default 500)
  --out <file.har>       where to write the recording
  -h, --help             show this help`;

async function main(argv: string[]): Promise<number> {
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
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const token = process.env.NGORDER_TOKEN;
  const badParam = values.param.find((p) => !p.includes("="));
  if (
    !token ||
    !values.out ||
    (!values.operation.length && !values["all-read"]) ||
    badParam !== undefined ||
    !/^\d+$/.test(values.delay)
  ) {
    console.error(
      `${!token ? "NGORDER_TOKEN is not set.\n" : ""}${badParam !== undefined ? `--param ${badParam}: expected name=value\n` : ""}\n${USAGE}`,
    );
    return 2;
  }
  const spec = loadSpec(values.spec);
  const operations = [
    ...values.operation,
    ...(values["all-read"] ? readOnlyOperationIds(spec).filter((id) => !values.operation.includes(id)) : []),
  ];
  try {
    const har = await record({
      spec,
      baseUrl: values["base-url"] ?? spec.servers[0].url,
      token,
      operations,
      allowWrite: values["allow-write"],
      values: Object.fromEntries(values.param.map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)])),
      delayMs: Number(values.delay),
      onExchange: (operation, status) =>
        console.log(`${operation.method.toUpperCase()} ${operation.path} ${operation.id} → ${status}`),
    });
    mkdirSync(dirname(values.out), { recursive: true });
    writeFileSync(values.out, `${JSON.stringify(har, null, 2)}\n`);
    console.log(
      `wrote ${har.log.entries.length} scrubbed exchange(s) to ${values.out}; check them with: ngorder-contract ${values.out}`,
    );
    return 0;
  } catch (error) {
    console.error(`ngorder-record: ${(error as Error).message}`);
    return (error as Error).message.startsWith("nothing was called") ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
