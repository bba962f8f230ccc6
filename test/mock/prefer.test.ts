// Choosing the mock's answer with Prism's Prefer header: `code=` answers every documented status of
// every operation with that response's own example, within the contract; `example=` picks a named
// example; an undocumented code or example, or a bad preference, is a 422 of the mock naming what
// is documented; validation and authentication come first, as on Prism.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContractChecker } from "../../src/contract/checker.ts";
import { postDataOf } from "../../src/contract/har.ts";
import { startMock, type Mock } from "../../src/mock/index.ts";
import { nodeAt, type Json } from "../../src/spec/document.ts";
import type { OperationModel } from "../../src/spec/model.ts";
import { planRequest } from "../../src/spec/request-plan.ts";
import { loadBundle } from "../support/spec.ts";
import { AUTH, exchange, requestInit, type SentRequest } from "./support.ts";

const checker = new ContractChecker(loadBundle());
let mock: Mock;
beforeAll(async () => void (mock = await startMock({ spec: checker.spec })));
afterAll(() => mock.close());

/** A valid request of the operation (the recordings' planner), as a HAR request aimed at the mock. */
function validRequest(operation: OperationModel): SentRequest {
  const plan = planRequest(checker.model, operation);
  const query = new URLSearchParams(plan.query).toString();
  const url = `${mock.url}${plan.path}${query ? `?${query}` : ""}`;
  const postData = plan.body && operation.body ? postDataOf(operation.body, plan.body) : undefined;
  return { method: plan.method, url, headers: [], ...(postData ? { postData } : {}) };
}

async function sendValid(operation: OperationModel, headers: Record<string, string>) {
  const request = validRequest(operation);
  const init = requestInit(request, { ...AUTH, ...headers });
  return { request, response: await fetch(request.url, init) };
}

/** The examples written in the spec for a status of the operation (read from the document, not the mock's code). */
function writtenExamples(operation: OperationModel, status: string): unknown[] {
  const response = nodeAt(checker.spec, operation.responses.get(status)!.pointer) as Json;
  const media = Object.values<Json>(response.content ?? {})[0] ?? {};
  const named = Object.values<Json>(media.examples ?? {}).map((e) =>
    e.$ref ? nodeAt(checker.spec, e.$ref.slice(1)).value : e.value,
  );
  return "example" in media ? [media.example, ...named] : named;
}

describe("Prefer: code=", () => {
  it.each(checker.operations.map((o) => [o.id, o] as const))(
    "%s: every documented status answers with its own example, within the contract",
    async (_, operation) => {
      const statuses = [...operation.responses.keys()];
      expect(statuses.length).toBeGreaterThan(1);
      for (const status of [undefined, ...statuses]) {
        const { request, response } = await sendValid(operation, status ? { prefer: `code=${status}` } : {});
        const expected = Number(status ?? operation.success!.status);
        const answered = await exchange(request, response);
        const label = `${operation.id} Prefer: code=${status}`;
        expect(response.status, `${label}: ${answered.response.content.text}`).toBe(expected);
        expect(checker.checkEntry(answered, 0).failures, label).toEqual([]);
        const examples = writtenExamples(operation, String(expected));
        if (examples.length && answered.response.content.text !== undefined)
          expect(examples, label).toContainEqual(JSON.parse(answered.response.content.text));
        if (status) expect(response.headers.get("preference-applied"), label).toBe(`code=${status}`);
      }
    },
  );

  it("an undocumented status is the mock's 422, naming the documented ones", async () => {
    const operation = checker.model.operation("getWarehouse")!;
    const { response } = await sendValid(operation, { prefer: "code=418" });
    expect(response.status).toBe(422);
    expect(response.headers.get("x-mock-error")).toBe("true");
    expect((await response.json()).message).toBe(
      `Prefer: code=418: getWarehouse documents no 418 answer (documented: ${[...operation.responses.keys()].join(", ")})`,
    );
  });

  it("comes after authentication and validation, as on Prism", async () => {
    const anonymous = await fetch(`${mock.url}/warehouse/22`, { headers: { prefer: "code=200" } });
    expect(anonymous.status).toBe(401);
    const invalid = await fetch(`${mock.url}/warehouse/abc`, { headers: { ...AUTH, prefer: "code=200" } });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).message).toEqual({ id: ["The id must be an integer."] });
  });

  it("answers 429 with the Retry-After the response documents, or the one asked for", async () => {
    const operation = checker.model.operation("listWarehouses")!;
    const documented = (await sendValid(operation, { prefer: "code=429" })).response;
    const header = nodeAt(checker.spec, "/components/headers/RetryAfter") as Json;
    expect(documented.headers.get("retry-after")).toBe(String(header.schema.examples[0]));
    const asked = (await sendValid(operation, { prefer: "code=429, retry-after=7" })).response;
    expect(asked.headers.get("retry-after")).toBe("7");
  });
});

describe("Prefer: example=", () => {
  // A spec of the test's own where Get Warehouse has a second named example.
  const spec = structuredClone(checker.spec);
  const media = spec.paths["/warehouse/{id}"].get.responses["200"].content["application/json"];
  const other = structuredClone(media.examples.vendorDoc);
  other.value.data.warehouse = "Gudang Surabaya";
  media.examples.surabaya = other;
  let own: Mock;
  beforeAll(async () => void (own = await startMock({ spec })));
  afterAll(() => own.close());
  const get = (prefer: string) => fetch(`${own.url}/warehouse/22`, { headers: { ...AUTH, prefer } });

  it("picks the named example, alone or with a code", async () => {
    expect((await (await get("example=surabaya")).json()).data.warehouse).toBe("Gudang Surabaya");
    expect((await (await get("code=200, example=vendorDoc")).json()).data.warehouse).toBe(
      media.examples.vendorDoc.value.data.warehouse,
    );
    expect((await get('example="surabaya"')).status).toBe(200);
  });

  it("an unknown name is the mock's 422, naming the examples there are", async () => {
    const response = await get("example=jakarta");
    expect(response.status).toBe(422);
    expect((await response.json()).message).toBe(
      'Prefer: example=jakarta: the 200 answer of getWarehouse has no example "jakarta" (examples: vendorDoc, surabaya)',
    );
  });
});

describe("a Prefer header the mock cannot follow", () => {
  it.each([
    ["code=abc", "Prefer: code=abc is not an HTTP status"],
    ["code=404, fault=503", "Prefer: choose either fault=503 or code=404"],
    ["fault=explode", "Prefer: fault=explode is not a fault the mock knows (reset, timeout, 503, 429)"],
    ["delay=-5", "Prefer: delay=-5 is not a whole number"],
    ["delay=600000", "Prefer: delay=600000 is above the mock's limit of 60000"],
    ["example=", "Prefer: example= needs the example's name"],
    ["code 404", 'Prefer: cannot read "code 404"'],
  ])("%s is a 422 that says why", async (prefer, message) => {
    const response = await fetch(`${mock.url}/warehouse/22`, { headers: { ...AUTH, prefer } });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ response: "Failed", message, data: null });
  });

  it("ignores preferences it does not know, as RFC 7240 asks", async () => {
    const response = await fetch(`${mock.url}/warehouse/22`, {
      headers: { ...AUTH, prefer: "return=minimal, code=200" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("preference-applied")).toBe("code=200");
  });
});
