// The recorder, run as users run it (the CLI, with NGORDER_TOKEN), against a local server that
// plants secrets and personal data everywhere: none of them reaches the file, the file still
// checks against the contract, and write operations are only called when allowed by name.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkHarFiles } from "../../src/contract/check-files.ts";
import { formatFailure } from "../../src/contract/format-report.ts";
import { harErrors } from "../support/har-format.ts";
import { ROOT } from "../../scripts/lib/paths.ts";

const TOKEN = "tok_live_9f8e7d6c5b4a39281706";
const PLANTED = {
  token: TOKEN,
  email: "siti.rahayu@gmail.com",
  phone: "081298765432",
  internationalPhone: "6281398765432",
  accountNumber: "1234567890123",
  personName: "Siti Rahayu",
  receiverName: "Budi Santoso",
  address: "Jl. Melati No. 5, Bandung",
  xenditKey: "xnd_production_AbCdEf123456GhIjKl",
  sessionCookie: "SESSIONSECRET77",
  apiKeyHeader: "HEADERSECRET42",
};

const customer = {
  id: 7,
  name: PLANTED.personName,
  email: PLANTED.email,
  phone: PLANTED.phone,
  bank_account_number: PLANTED.accountNumber,
  address: PLANTED.address,
  orders: [
    {
      id: 1,
      receiver_name: PLANTED.receiverName,
      note: `call +${PLANTED.internationalPhone} or mail ${PLANTED.email}`,
    },
  ],
  api_token: TOKEN,
  xendit_key: PLANTED.xenditKey,
  message: `Authorization: Bearer ${TOKEN}`,
};

const object = (properties: Record<string, unknown>) => ({
  type: "object",
  required: Object.keys(properties),
  properties,
});
const CustomerSchema = object({
  id: { type: "integer" },
  name: { type: "string" },
  email: { type: "string", format: "email" },
  phone: { type: "string", pattern: "^[0-9]+$" },
  bank_account_number: { type: "string", pattern: "^[0-9]+$" },
  address: { type: "string" },
  orders: {
    type: "array",
    items: object({ id: { type: "integer" }, receiver_name: { type: "string" }, note: { type: "string" } }),
  },
  api_token: { type: "string" },
  xendit_key: { type: "string" },
  message: { type: "string" },
});
const answer = { description: "ok", content: { "application/json": { schema: object({ data: CustomerSchema }) } } };

const spec = {
  openapi: "3.1.0",
  info: { title: "recorder fixture", version: "1" },
  servers: [{ url: "https://api.example.test/api/open" }],
  paths: {
    "/customer/{id}": {
      get: {
        operationId: "getCustomer",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" }, example: 7 }],
        responses: { "200": answer },
      },
    },
    "/customer/search": {
      get: {
        operationId: "searchCustomers",
        parameters: [
          { name: "email", in: "query", required: true, schema: { type: "string" }, example: PLANTED.email },
        ],
        responses: { "200": answer },
      },
    },
    "/customer": {
      post: {
        operationId: "createCustomer",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: object({ name: { type: "string" }, phone: { type: "string" } }),
              examples: { vendorDoc: { value: { name: PLANTED.personName, phone: PLANTED.phone } } },
            },
          },
        },
        responses: { "200": answer },
      },
    },
  },
};

const received: { method: string; url: string; authorization: string | undefined }[] = [];
let server: Server;
let baseUrl: string;
let dir: string;
let specPath: string;

function respond(req: IncomingMessage, res: import("node:http").ServerResponse): void {
  received.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization });
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Set-Cookie", [`laravel_session=${PLANTED.sessionCookie}; path=/; httponly`]);
  res.setHeader("X-Api-Key", PLANTED.apiKeyHeader);
  res.end(JSON.stringify({ data: customer }));
}

beforeAll(async () => {
  server = createServer(respond);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/open`;
  dir = mkdtempSync(join(tmpdir(), "ngorder-record-"));
  specPath = join(dir, "openapi.json");
  writeFileSync(specPath, JSON.stringify(spec));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  received.length = 0;
});

const TSX = `${ROOT}node_modules/.bin/tsx`;
const CLI = `${ROOT}src/contract/record-cli.ts`;

async function recordCli(
  args: string[],
  token: string | undefined = TOKEN,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, NGORDER_TOKEN: token ?? "" };
  try {
    const { stdout, stderr } = await promisify(execFile)(
      TSX,
      [CLI, "--spec", specPath, "--base-url", baseUrl, "--delay", "0", ...args],
      { env },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("the recorder", () => {
  it("writes no planted secret or personal data, yet the file checks against the contract", async () => {
    const out = join(dir, "read.har");
    const run = await recordCli(["--operation", "getCustomer", "--operation", "searchCustomers", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    expect(received.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET /api/open/customer/7",
      `GET /api/open/customer/search?email=${encodeURIComponent(PLANTED.email)}`,
    ]);
    expect(received.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);

    const text = readFileSync(out, "utf8");
    for (const [what, secret] of Object.entries(PLANTED)) {
      expect(text.includes(secret), `${what} leaked`).toBe(false);
      expect(text.includes(encodeURIComponent(secret)), `${what} leaked URL-encoded`).toBe(false);
    }
    expect(JSON.parse(text).log.entries).toHaveLength(2);
    expect(harErrors(JSON.parse(text))).toEqual([]);

    const report = checkHarFiles([out], { specPath, basePaths: ["/api/open"] });
    expect(report.failures.map(formatFailure)).toEqual([]);
    expect(report.coverage.covered).toBe(2);
  });

  it("calls no write operation unless it is allowed by name, and then nothing at all", async () => {
    const out = join(dir, "refused.har");
    const refused = await recordCli(["--operation", "getCustomer", "--operation", "createCustomer", "--out", out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      "createCustomer (POST /customer) writes data: allow it with --allow-write createCustomer",
    );
    expect(received).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it("calls an allowed write operation with the spec's request example, scrubbed in the file", async () => {
    const out = join(dir, "write.har");
    const run = await recordCli(["--operation", "createCustomer", "--allow-write", "createCustomer", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    expect(received.map((r) => `${r.method} ${r.url}`)).toEqual(["POST /api/open/customer"]);
    const text = readFileSync(out, "utf8");
    expect(text.includes(PLANTED.personName) || text.includes(PLANTED.phone)).toBe(false);
  });

  it("refuses to run without a token", async () => {
    const run = await recordCli(["--operation", "getCustomer", "--out", join(dir, "none.har")], "");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("NGORDER_TOKEN is not set");
    expect(received).toEqual([]);
  });
});
