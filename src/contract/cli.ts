#!/usr/bin/env node
// ngorder-contract: checks recorded HAR files (and NDJSON traffic logs) against the Ngorder
// OpenAPI contract. Exit status: 0 when every entry conforms, 1 on any failure, 2 on a usage error.
import { parseArgs } from "node:util";
import { requireCheckerPeers } from "./peers.ts";

await requireCheckerPeers("ngorder-contract");
const { checkerFor, checkFilesStreaming, specFailures } = await import("./check-files.ts");
const { escapeControl, jsonReportWriter, textReportWriter } = await import("./format-report.ts");
const { createProgress, formatBytes } = await import("./progress.ts");

const USAGE = `Usage: ngorder-contract [options] <file.har | file.ndjson | directory>...

Checks every recorded exchange against the OpenAPI contract: the operation (method and path
under the server's base path), the request's path, query and body, and the response's status,
media type and body. Undocumented properties, missing required ones, wrong types, undocumented
statuses and unmatched URLs fail. Prints the failures, then which operations have a recording.
Reads HAR files of any size, and NDJSON (one HAR entry per line, .ndjson or .jsonl).

Options:
  --spec <openapi.json>   bundled spec to check against (default: the one in this package)
  --base-path <path>      base path of the recorded URLs (default: from the spec's servers)
  --report text|json      report format (default: text)
  -h, --help              show this help`;

function main(argv: string[]): number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        spec: { type: "string" },
        "base-path": { type: "string", multiple: true },
        report: { type: "string", default: "text" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    console.error(`${escapeControl((error as Error).message)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length === 0 || (values.report !== "text" && values.report !== "json")) {
    console.error(USAGE);
    return 2;
  }
  const write = (text: string) => void process.stdout.write(text);
  let summary;
  try {
    const { checker, specPath } = checkerFor({
      ...(values.spec ? { specPath: values.spec } : {}),
      ...(values["base-path"] ? { basePaths: values["base-path"].map((p) => p.replace(/\/+$/, "")) } : {}),
    });
    const writer = values.report === "json" ? jsonReportWriter(write, specPath) : textReportWriter(write);
    const progress = createProgress({
      stream: process.stderr,
      verb: "checked",
      amount: formatBytes,
      rateUnit: "entries",
    });
    const compileFailures = specFailures(checker, specPath);
    compileFailures.forEach(writer.failure);
    summary = checkFilesStreaming(checker, positionals, specPath, {
      failure: writer.failure,
      progress: (bytes, total, entries) => progress.update(bytes, total, entries),
    });
    progress.end();
    summary.failureCount += compileFailures.length;
    writer.end(summary);
  } catch (error) {
    console.error(`ngorder-contract: ${escapeControl((error as Error).message)}`);
    return 2;
  }
  return summary.failureCount ? 1 : 0;
}

// A reader that stops early (`| head`) is not an error of the check.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});
process.exitCode = main(process.argv.slice(2));
