// Fuzzing the checker with fast-check: random HAR-shaped entries (real paths of the spec, random
// methods, bracket names such as __proto__ and huge indexes, random bodies, media types and
// statuses, wrong types in every field) and random files. The checker returns failures for all of
// it: it never throws, never hangs (the test's timeout would end it) and never writes to
// Object.prototype.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContractChecker, MAX_FAILURES_PER_ENTRY } from "../../src/contract/checker.ts";
import { readEntries } from "../../src/contract/har-reader.ts";
import { loadBundle } from "../support/spec.ts";

let checker: ContractChecker;
let paths: string[];
beforeAll(() => {
  checker = new ContractChecker(loadBundle());
  paths = checker.operations.map((o) => o.path);
});
const dir = mkdtempSync(join(tmpdir(), "ngorder-fuzz-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const prototypeSnapshot = () =>
  Object.getOwnPropertyNames(Object.prototype).sort().join(",") + Object.getOwnPropertyNames(Array.prototype).length;

/** Keys that have tried to reach a prototype, and names that stress the bracket reader. */
const hostileKey = fc.constantFrom("__proto__", "constructor", "prototype", "$ref", "99999999", "0", "", "toString");
const bracketName = fc
  .tuple(
    fc.constantFrom("products", "ids", "filter", "x", "__proto__"),
    fc.array(fc.oneof(hostileKey, fc.string({ maxLength: 4 })), { maxLength: 40 }),
  )
  .map(([base, keys]) => `${base}${keys.map((k) => `[${k}]`).join("")}`);
const queryPair = fc.tuple(fc.oneof(bracketName, fc.string({ maxLength: 8 })), fc.string({ maxLength: 12 }));

/** Anything JSON can hold, with hostile keys among the ordinary ones. */
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null)),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileKey, fc.string({ maxLength: 6 })), tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** A field that is usually of its HAR type, and sometimes anything at all. */
const usually = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary }, { weight: 1, arbitrary: jsonValue });

const url = fc
  .tuple(
    fc.constantFrom(
      "https://api.smartseller.co.id/api/open",
      "http://127.0.0.1:4010/api/open",
      "https://x.test",
      "not a url",
      "",
    ),
    fc.nat(),
    fc.array(fc.string({ maxLength: 6 }), { maxLength: 2 }),
    fc.array(queryPair, { maxLength: 5 }),
  )
  .map(([base, pick, extra, query]) => {
    const path = paths[pick % paths.length]!.replace(/\{[^}]+\}/g, (_, i) => extra[i % 2] ?? "22");
    const search = query.map(
      ([k, v]) => `${encodeURIComponent(k).replace(/%5B/g, "[").replace(/%5D/g, "]")}=${encodeURIComponent(v)}`,
    );
    return `${base}${path}${search.length ? `?${search.join("&")}` : ""}`;
  });

const nameValue = fc.record({
  name: fc.oneof(bracketName, fc.string({ maxLength: 8 })),
  value: fc.string({ maxLength: 8 }),
});
const mediaType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "multipart/form-data",
  "application/x-www-form-urlencoded",
  "text/html",
  "application/pdf",
  "",
);
const bodyText = fc.oneof(
  jsonValue.map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 30 }),
);

const entry = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record(
      {
        request: usually(
          fc.record(
            {
              method: usually(fc.constantFrom("GET", "POST", "PATCH", "DELETE", "PUT", "TRACE", "get", "")),
              url: usually(url),
              headers: usually(fc.array(nameValue, { maxLength: 3 })),
              postData: usually(
                fc.record(
                  {
                    mimeType: usually(mediaType),
                    text: usually(bodyText),
                    params: usually(fc.array(nameValue, { maxLength: 4 })),
                  },
                  { requiredKeys: [] },
                ),
              ),
            },
            { requiredKeys: ["method", "url"] },
          ),
        ),
        response: usually(
          fc.record(
            {
              status: usually(fc.constantFrom(200, 201, 204, 400, 401, 404, 422, 500, 999, -1, 1.5)),
              headers: usually(fc.array(nameValue, { maxLength: 3 })),
              content: usually(
                fc.record(
                  {
                    mimeType: usually(mediaType),
                    text: usually(bodyText),
                    encoding: usually(fc.constantFrom("base64", "utf8")),
                  },
                  { requiredKeys: [] },
                ),
              ),
            },
            { requiredKeys: ["status"] },
          ),
        ),
        comment: usually(fc.string({ maxLength: 10 })),
      },
      { requiredKeys: ["request", "response"] },
    ),
  },
  { weight: 1, arbitrary: jsonValue },
);

describe("the checker, fuzzed", () => {
  it("returns failures for any HAR-shaped input, never throws and never pollutes a prototype", () => {
    const before = prototypeSnapshot();
    fc.assert(
      fc.property(entry, fc.nat(), (input, index) => {
        const result = checker.checkEntry(input, index);
        expect(result.index).toBe(index);
        expect(result.failures.length).toBeLessThanOrEqual(MAX_FAILURES_PER_ENTRY + 1);
        for (const failure of result.failures) {
          expect(typeof failure.message).toBe("string");
          expect(typeof failure.pointer).toBe("string");
        }
        expect(prototypeSnapshot()).toBe(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 1500 },
    );
  });

  it("reads any file as entries or failures, never throwing", () => {
    let n = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(entry, { maxLength: 4 }).map((entries) => JSON.stringify({ log: { version: "1.2", entries } })),
          jsonValue.map((v) => JSON.stringify(v)),
          fc.string({ maxLength: 200 }),
          fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
          fc
            .array(entry, { maxLength: 4 })
            .map((entries) => JSON.stringify({ log: { entries } }))
            .chain((text) => fc.nat(text.length).map((cut) => text.slice(0, cut))),
        ),
        fc.constantFrom(".har", ".ndjson"),
        (text, extension) => {
          const file = join(dir, `${n++}${extension}`);
          writeFileSync(file, text, "latin1");
          for (const item of readEntries(file)) {
            expect(["entry", "unreadable", "file"]).toContain(item.kind);
            if (item.kind === "entry") checker.checkEntry(item.entry, item.index);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
