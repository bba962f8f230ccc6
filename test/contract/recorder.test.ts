// The recorder, run as users run it (its command, with NGORDER_TOKEN, in this process), against a
// local server that plants secrets and personal data everywhere — every case of the security
// review: none of them reaches the file, the file still checks against the contract, and write
// operations are only called when allowed by name. Then its choices (--param, --all-read) and its
// limits: a short token or plain http refused before any call, a multipart write refused, a
// timeout and a size limit per call, a clear message when the server is unreachable, a file
// readable by its owner only, nothing written when the token survived scrubbing.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkHarFiles } from "../../src/contract/check-files.ts";
import { formatFailure } from "../../src/contract/format-report.ts";
import { record } from "../../src/contract/record.ts";
import { recordCommand } from "../../src/contract/record-command.ts";
import { harErrors } from "../support/har-format.ts";
import { testClock, type TestClock } from "../support/test-clock.ts";

const TOKEN = "tok_live_9f8e7d6c5b4a39281706";
const tokenHex = Buffer.from(TOKEN).toString("hex");
const PLANTED = {
  token: TOKEN,
  tokenBase64: Buffer.from(TOKEN).toString("base64").slice(0, -4),
  tokenBase64Url: Buffer.from(`x${TOKEN}`).toString("base64url").slice(2),
  tokenHex,
  tokenUpperHex: tokenHex.toUpperCase(),
  tokenUpper: TOKEN.toUpperCase(),
  tokenPercent: tokenHex.replace(/../g, "%$&").toUpperCase(),
  bankNumber: "7712345678901",
  pin: "PIN654321",
  npwp: "0912345678901234",
  credentialsPass: "CREDPASS771x",
  secretValue: "SECRETVAL882x",
  auth: "AUTHVAL993x",
  accessKey: "ACCESSKEY114x",
  otp: "OTP225577x",
  pass: "PASSVAL336x",
  pwd: "PWDVAL447x",
  callbackToken: "CBTOKEN558x",
  callbackSig: "CBSIG669x",
  amzSignature: "AMZSIG770aa",
  jwtPayload: "eyJzdWIiOiJKV1RTVUIifQ",
  xenditPublicBody: "PUBKEYBODY12345",
  plusKeyBody: "PLUS+KEY/BODY9=",
  gluedKeyBody: "GLUEDBODY123",
  keyAsKey: "KEYASKEY12345",
  xAuthHeader: "XAUTHVAL77x",
  linkToken: "LINKTOKEN88x",
  contentLocationSig: "CLSIG99xx",
  basicPassword: "BASICPASS42x",
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
  bank_number: PLANTED.bankNumber,
  pin: PLANTED.pin,
  npwp: PLANTED.npwp,
  credentials: { pass: PLANTED.credentialsPass },
  secret: { value: PLANTED.secretValue },
  auth: PLANTED.auth,
  accessKey: PLANTED.accessKey,
  otp: PLANTED.otp,
  pass: PLANTED.pass,
  pwd: PLANTED.pwd,
  callback_url: `https://shop.test/cb?token=${PLANTED.callbackToken}&sig=${PLANTED.callbackSig}&page=2`,
  download_url: `https://s3.test/f.pdf?X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20240101&X-Amz-Signature=${PLANTED.amzSignature}`,
  note2: `unsigned eyJhbGciOiJub25lIn0.${PLANTED.jwtPayload}. and xnd_public_development_${PLANTED.xenditPublicBody}`,
  note3: `xnd_production_${PLANTED.plusKeyBody} and abc_xnd_development_${PLANTED.gluedKeyBody}`,
  keys: { [`xnd_development_${PLANTED.keyAsKey}`]: true },
  encoded: [
    Buffer.from(TOKEN).toString("base64"),
    Buffer.from(`x${TOKEN}`).toString("base64url"),
    tokenHex,
    tokenHex.toUpperCase(),
    TOKEN.toUpperCase(),
    tokenHex.replace(/../g, "%$&").toUpperCase(),
  ],
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
  bank_number: { type: "string", pattern: "^[0-9]+$" },
  pin: { type: "string" },
  // Not a name the policy's words know: the fixture's spec marks it, as the API's spec marks its fields.
  npwp: { type: "string", pattern: "^[0-9]+$", "x-sensitive": "account-number" },
  credentials: object({ pass: { type: "string" } }),
  secret: object({ value: { type: "string" } }),
  auth: { type: "string" },
  accessKey: { type: "string" },
  otp: { type: "string" },
  pass: { type: "string" },
  pwd: { type: "string" },
  callback_url: { type: "string" },
  download_url: { type: "string" },
  note2: { type: "string" },
  note3: { type: "string" },
  keys: { type: "object", additionalProperties: { type: "boolean" } },
  encoded: { type: "array", items: { type: "string" } },
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
    "/slow": { get: { operationId: "getSlow", responses: { "200": answer } } },
    "/big": { get: { operationId: "getBig", responses: { "200": answer } } },
    "/customer/{id}/photo": {
      post: {
        operationId: "uploadCustomerPhoto",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" }, example: 7 }],
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: object({ photo: { type: "string", format: "binary" } }),
            },
          },
        },
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
/** The fixture without the operations that never answer or answer too much: every GET of it answers. */
let answeringSpecPath: string;
/** The commands' clock: a call's timeout fires only when the test says so, so no answer races it. */
let clock: TestClock;

function respond(req: IncomingMessage, res: import("node:http").ServerResponse): void {
  received.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization });
  // Never answers: the recorder's timeout ends the call, fired now that the request is here.
  if (req.url?.endsWith("/slow")) return clock.expire();
  res.setHeader("Content-Type", "application/json");
  if (req.url?.endsWith("/big")) {
    // Sent in chunks, without a Content-Length: the limit is counted while the body is read.
    for (let i = 0; i < 64; i++) res.write("x".repeat(1024));
    res.end();
    return;
  }
  res.setHeader("Set-Cookie", [`laravel_session=${PLANTED.sessionCookie}; path=/; httponly`]);
  res.setHeader("X-Api-Key", PLANTED.apiKeyHeader);
  res.setHeader("X-Auth", PLANTED.xAuthHeader);
  res.setHeader("Link", `<https://api.example.test/api/open/customer/7?token=${PLANTED.linkToken}>; rel="next"`);
  res.setHeader("Content-Location", `/api/open/customer/7?sig=${PLANTED.contentLocationSig}`);
  res.setHeader("X-Debug", `Basic ${btoa(`budi:${PLANTED.basicPassword}`)}`);
  res.end(JSON.stringify({ data: customer }));
}

beforeAll(async () => {
  server = createServer(respond);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/open`;
  dir = mkdtempSync(join(tmpdir(), "ngorder-record-"));
  specPath = join(dir, "openapi.json");
  writeFileSync(specPath, JSON.stringify(spec));
  answeringSpecPath = join(dir, "answering.json");
  const { "/slow": _slow, "/big": _big, ...answering } = spec.paths;
  writeFileSync(answeringSpecPath, JSON.stringify({ ...spec, paths: answering }));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  received.length = 0;
  clock = testClock();
});

/** Runs ngorder-record as its bin does, on the fixture spec and server, capturing what it prints. */
async function recordCli(
  args: string[],
  token: string | undefined = TOKEN,
  specFile = specPath,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = { stdout: "", stderr: "" };
  const code = await recordCommand(["--spec", specFile, "--base-url", baseUrl, "--delay", "0", ...args], {
    env: { NGORDER_TOKEN: token },
    clock,
    log: (line) => void (run.stdout += `${line}\n`),
    error: (line) => void (run.stderr += `${line}\n`),
    progress: { isTTY: false, write: (text) => (run.stderr += text) },
  });
  return { code, ...run };
}

/** The command refused with exit status 2 and `message` before calling anything, and wrote no `out`. */
function expectRefusedBeforeAnyCall(run: { code: number; stderr: string }, message: string, out?: string): void {
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(message);
  expect(received).toEqual([]);
  if (out !== undefined) expect(existsSync(out)).toBe(false);
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
    // Readable by its owner only; no progress line on a stderr that is not a terminal.
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(run.stderr).toBe("");
  });

  it("calls no write operation unless it is allowed by name, and then nothing at all", async () => {
    const out = join(dir, "refused.har");
    const refused = await recordCli(["--operation", "getCustomer", "--operation", "createCustomer", "--out", out]);
    expectRefusedBeforeAnyCall(
      refused,
      "createCustomer (POST /customer) writes data: allow it with --allow-write createCustomer",
      out,
    );
  });

  it("calls an allowed write operation with the spec's request example, scrubbed in the file", async () => {
    const out = join(dir, "write.har");
    const run = await recordCli(["--operation", "createCustomer", "--allow-write", "createCustomer", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    expect(received.map((r) => `${r.method} ${r.url}`)).toEqual(["POST /api/open/customer"]);
    const text = readFileSync(out, "utf8");
    expect(text.includes(PLANTED.personName) || text.includes(PLANTED.phone)).toBe(false);
  });

  it("refuses a write operation that takes a multipart body, even when allowed, before anything is called", async () => {
    const out = join(dir, "multipart.har");
    const run = await recordCli([
      "--operation",
      "getCustomer",
      "--operation",
      "uploadCustomerPhoto",
      "--allow-write",
      "uploadCustomerPhoto",
      "--out",
      out,
    ]);
    expectRefusedBeforeAnyCall(
      run,
      "uploadCustomerPhoto: only JSON request bodies can be recorded (it takes multipart/form-data)",
      out,
    );
  });

  it("sends --param values for path and query parameters instead of the spec's examples", async () => {
    const out = join(dir, "params.har");
    const email = "a=b@shop.test"; // a value may hold "=": only the first one ends the name
    const run = await recordCli([
      "--operation",
      "getCustomer",
      "--operation",
      "searchCustomers",
      "--param",
      "id=42",
      "--param",
      `email=${email}`,
      "--out",
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(received.map((r) => r.url)).toEqual([
      "/api/open/customer/42",
      `/api/open/customer/search?email=${encodeURIComponent(email)}`,
    ]);
  });

  it("refuses a --param without a value before anything is called", async () => {
    const run = await recordCli(["--operation", "getCustomer", "--param", "id", "--out", join(dir, "bad.har")]);
    expectRefusedBeforeAnyCall(run, "--param id: expected name=value");
  });

  it("--all-read calls every GET operation of the spec once, after those named, and no write", async () => {
    const out = join(dir, "all-read.har");
    const run = await recordCli(
      ["--operation", "searchCustomers", "--all-read", "--out", out],
      TOKEN,
      answeringSpecPath,
    );
    expect(run.code, run.stderr).toBe(0);
    // The fixture's GETs: /customer/{id} and /customer/search; its POSTs are not called.
    expect(received.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET /api/open/customer/search?email=${encodeURIComponent(PLANTED.email)}`,
      "GET /api/open/customer/7",
    ]);
    expect(JSON.parse(readFileSync(out, "utf8")).log.entries).toHaveLength(2);
  });

  it("refuses to run without a token", async () => {
    const run = await recordCli(["--operation", "getCustomer", "--out", join(dir, "none.har")], "");
    expectRefusedBeforeAnyCall(run, "NGORDER_TOKEN is not set");
  });

  it("refuses a token too short to scrub safely before anything is called", async () => {
    await expect(record({ spec, baseUrl, token: "abc", operations: ["getCustomer"] })).rejects.toThrow(
      "the token is refused: a secret of 3 characters is too short to be scrubbed safely (at least 16): nothing was called",
    );
    expect(received).toEqual([]);
  });

  it("refuses to send the token over plain http, except to this machine", async () => {
    await expect(
      record({ spec, baseUrl: "http://api.example.test/api/open", token: TOKEN, operations: ["getCustomer"] }),
    ).rejects.toThrow("--base-url http://api.example.test: the token is only sent over https");
    expect(received).toEqual([]);
  });

  it("ends a call that does not answer in time, naming it, and writes what was recorded before it", async () => {
    const out = join(dir, "slow.har");
    writeFileSync(out, "an older file, world-readable", { mode: 0o644 });
    const run = await recordCli([
      "--operation",
      "getCustomer",
      "--operation",
      "getSlow",
      "--timeout",
      "300",
      "--out",
      out,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `ngorder-record: getSlow (GET ${baseUrl}/slow): no complete answer within 300 ms (--timeout)`,
    );
    expect(run.stderr).toContain(`wrote the 1 exchange(s) recorded before it to ${out}`);
    const har = JSON.parse(readFileSync(out, "utf8"));
    expect(har.log.entries.map((e: { comment: string }) => e.comment)).toEqual([
      expect.stringContaining("getCustomer"),
    ]);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(clock.timeouts).toEqual([300, 300]);
  });

  it("refuses an answer larger than the limit", async () => {
    await expect(
      record({ spec, baseUrl, token: TOKEN, operations: ["getBig"], maxResponseBytes: 1000 }),
    ).rejects.toThrow(`getBig (GET ${baseUrl}/big): the answer is more than the limit of 1000 bytes (--max-bytes)`);
  });

  it("writes nothing when the token survived scrubbing: a host name holding it cannot be rewritten", async () => {
    const answered: typeof fetch = async () =>
      new Response(JSON.stringify({ data: customer }), { headers: { "content-type": "application/json" } });
    const error = await record({
      spec,
      baseUrl: `https://${TOKEN}.example.test/api/open`,
      token: TOKEN,
      operations: ["getCustomer"],
      fetch: answered,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: "the token survived scrubbing: nothing was written", har: undefined });
  });

  it("says which URL could not be reached and why", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const down = `http://127.0.0.1:${port}/api/open`;
    await expect(record({ spec, baseUrl: down, token: TOKEN, operations: ["getCustomer"] })).rejects.toThrow(
      `getCustomer (GET ${down}/customer/7): cannot reach the server: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });
});
