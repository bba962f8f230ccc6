#!/usr/bin/env node
// ngorder-mock: serves the mock of the Ngorder API until stopped (Ctrl-C or SIGTERM).
// Exit status: 0 when stopped, 1 when it cannot listen, 2 on a usage error.
import { parseArgs } from "node:util";
import { requirePeers, VALIDATION_PEERS } from "../contract/peers.ts";

await requirePeers("ngorder-mock", VALIDATION_PEERS);
const { startMock } = await import("./server.ts");
const { parsePort, PortError } = await import("./listen.ts");

const USAGE = `Usage: ngorder-mock [options]

Serves a mock of the Ngorder API: it validates each request against the OpenAPI contract,
answers an invalid one with 400 and Laravel's field messages (Accept-Language: id for
Indonesian), and a valid one with the documented example. Any bearer token is accepted.
Choose the answer with a Prefer header: code=<status>, example=<name>,
fault=reset|timeout|503|429, delay=<ms>, retry-after=<seconds>.

Options:
  --port <n>        port on 127.0.0.1 (default 4010; 0 picks a free one)
  --host <address>  address to listen on (default 127.0.0.1)
  --spec <file>     bundled spec (openapi.json) to mock (default: the one in this package)
  --quiet           do not print a line per request
  -h, --help        show this help`;

async function main(argv: string[]): Promise<number | undefined> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: "string", default: "4010" },
        host: { type: "string", default: "127.0.0.1" },
        spec: { type: "string" },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    console.error(`ngorder-mock: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  let port: number;
  try {
    port = parsePort(values.port, "--port");
  } catch (error) {
    console.error(`ngorder-mock: ${(error as Error).message}`);
    return 2;
  }
  let mock;
  try {
    mock = await startMock({
      port,
      host: values.host,
      ...(values.spec ? { spec: values.spec } : {}),
      ...(values.quiet ? {} : { log: (line: string) => console.log(line) }),
    });
  } catch (error) {
    const message = (error as Error).message.split("\n")[0];
    const spec = values.spec ?? "in this package";
    console.error(`ngorder-mock: ${error instanceof PortError ? message : `cannot use the spec ${spec}: ${message}`}`);
    return 1;
  }
  console.log(`mock API: ${mock.url}  (any bearer token)`);
  const stop = () => void mock.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return undefined; // keeps serving
}

const status = await main(process.argv.slice(2));
if (status !== undefined) process.exitCode = status;
