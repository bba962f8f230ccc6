// `npm start`: the docs site and the mock API, served together on 127.0.0.1.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterAll, describe, expect, it } from "vitest";
import { ContractChecker } from "../../src/contract/checker.ts";
import { createNgorder } from "../../src/index.ts";
import { harEntry, postDataOf } from "../../src/contract/har.ts";
import { loadSpec } from "../../src/spec/document.ts";
import { planSample } from "../../scripts/lib/code-samples.ts";
import { mockApiHandler } from "../../scripts/lib/mock-api.ts";
import { ROOT } from "../../scripts/lib/paths.ts";
import { startServer } from "../../scripts/lib/static-server.ts";

const spec = loadSpec();
const server = spec.servers[0].url as string;
const basePath = new URL(server).pathname;
const auth = { authorization: "Bearer any-token" };

describe("npm start", () => {
  let child: ChildProcess | undefined;
  afterAll(() => void child?.kill());

  it("serves the docs site and the mock API, and prints both URLs", async () => {
    child = spawn(`${ROOT}node_modules/.bin/tsx`, ["scripts/start.ts"], {
      cwd: ROOT,
      env: { ...process.env, PORT: "0" },
    });
    let printed = "";
    child.stdout!.on("data", (chunk) => (printed += chunk));
    while (!/mock API: \S+/.test(printed)) await once(child.stdout!, "data");
    const docs = /docs: +(\S+)/.exec(printed)![1]!;
    const api = /mock API: +(\S+)/.exec(printed)![1]!;
    expect(api).toBe(`${docs.replace(/\/$/, "")}${basePath}`);

    const page = await fetch(docs);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toContain("Ngorder (SmartSeller) Open API");

    const warehouses = await fetch(`${api}/warehouse`, { headers: auth });
    expect(warehouses.status).toBe(200);
    expect(await warehouses.json()).toEqual(
      spec.paths["/warehouse"].get.responses["200"].content["application/json"].examples.vendorDoc.value,
    );

    // The README's example: the client against the mock, with any token.
    const ngorder = createNgorder({ token: "any", baseUrl: api });
    const { data: warehouse } = await ngorder.warehouses.get({ id: 22 });
    expect(warehouse).toEqual(
      spec.paths["/warehouse/{id}"].get.responses["200"].content["application/json"].examples.vendorDoc.value.data,
    );

    const anonymous = await fetch(`${api}/warehouse`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ response: "Failed", data: null });

    const unknown = await fetch(`${api}/no-such-thing`, { headers: auth });
    expect(unknown.status).toBe(404);
  });
});

describe("the mock API", () => {
  it("answers every operation with a response that conforms to the contract", async () => {
    const mock = await startServer({ handler: mockApiHandler(spec) });
    const checker = new ContractChecker(spec);
    const failures: string[] = [];
    try {
      for (const [index, operation] of checker.operations.entries()) {
        // The docs samples' requests (the planner's, plus a typical filter): so each is checked too.
        const request = planSample(checker.model, operation);
        const query = new URLSearchParams(request.query).toString();
        const url = `${mock.url}${basePath}${request.path}${query ? `?${query}` : ""}`;
        const response = await fetch(url, { method: request.method, headers: auth });
        const text = await response.text();
        const mimeType = response.headers.get("content-type") ?? "";
        const entry = harEntry({
          method: request.method,
          url,
          requestHeaders: [],
          ...(request.body && operation.body ? { postData: postDataOf(operation.body, request.body) } : {}),
          status: response.status,
          responseHeaders: [{ name: "Content-Type", value: mimeType }],
          ...(mimeType.includes("json") ? { responseText: text } : {}),
          responseSize: text.length,
          responseMimeType: mimeType,
          startedDateTime: new Date().toISOString(),
          time: 0,
        });
        for (const f of checker.checkEntry(entry, index).failures)
          failures.push(`${operation.id}: ${f.location} ${f.pointer} ${f.message}`);
      }
    } finally {
      await mock.close();
    }
    expect(failures).toEqual([]);
    expect(checker.operations).toHaveLength(160);
  });
});
