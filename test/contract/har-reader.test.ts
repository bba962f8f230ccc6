// Reading recordings in bounded memory: the entries a HAR file's JSON holds, one at a time,
// whatever the chunk boundaries cut through (strings, escapes, multi-byte characters); what makes
// a file not a HAR, said with where; oversized and invalid entries reported while reading goes on;
// NDJSON traffic logs line by line. Then the reports, written as failures are found.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { ReportedFailure, ReportSummary } from "../../src/contract/check-files.ts";
import { escapeControl, jsonReportWriter, textReportWriter } from "../../src/contract/format-report.ts";
import { readEntries, type ReadItem } from "../../src/contract/har-reader.ts";

const dir = mkdtempSync(join(tmpdir(), "ngorder-reader-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

function read(text: string | Buffer, extension = ".har", options = {}): ReadItem[] {
  const file = join(dir, `${files++}${extension}`);
  writeFileSync(file, text);
  return [...readEntries(file, options)];
}

const entries = (items: ReadItem[]) => items.map((item) => (item.kind === "entry" ? item.entry : item));

describe("reading a HAR file", () => {
  it("yields every entry of log.entries, in order, whatever the chunks cut through", () => {
    const tricky = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 8 }),
      fc.constantFrom('\\"}]', "\\\\", '"{[', "é€😀", "\u0000\u001f", "a\\u0022b"),
    );
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: "small" },
        tricky,
        fc.integer(),
        fc.constant(null),
        fc.array(tie("v"), { maxLength: 3 }),
        fc.dictionary(tricky, tie("v"), { maxKeys: 3 }),
      ),
    })).v;
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 6 }),
        fc.array(value, { maxLength: 2 }),
        fc.integer({ min: 1, max: 64 }),
        fc.boolean(),
        (list, pages, chunkBytes, pretty) => {
          const har = { log: { version: "1.2", pages, comment: 'c\\"', entries: list, after: { x: [1] } } };
          const text = JSON.stringify(har, null, pretty ? 2 : undefined);
          expect(entries(read(text, ".har", { chunkBytes }))).toEqual(JSON.parse(text).log.entries);
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    ["{}", "not a HAR file: it has no log.entries array"],
    ['{"log": {"entries": {"a": {}}}}', "not a HAR file: log.entries is not an array"],
    ['[{"log": {"entries": []}}]', "not a HAR file: it has no log.entries array"],
    ["", "not a HAR file: it is empty"],
    ["hello", 'not a HAR file: its JSON is invalid before byte 5 (Unexpected "h" in state BOM_OR_START)'],
    [
      '{"log": {"entries": [] "x": 1}}',
      'not a HAR file: its JSON is invalid before byte 31 (Unexpected STRING ("x") in state COMMA)',
    ],
  ])("says why %j is not a HAR", (text, message) => {
    expect(read(text)).toEqual([{ kind: "file", message }]);
  });

  it("reports the entries read before a file breaks off", () => {
    expect(read('{"log": {"entries": [{"a": 1}, {"b": 2')).toEqual([
      { kind: "entry", index: 0, entry: { a: 1 } },
      { kind: "file", message: "not a HAR file: it ends before its JSON is complete" },
    ]);
  });

  it("reports an invalid or oversized entry and goes on with the next", () => {
    const big = JSON.stringify({ text: "x".repeat(2000) });
    expect(
      read(`{"log": {"entries": [{"a": 1}, {"b": tru}, ${big}, 7, {"c": 3}]}}`, ".har", { maxEntryBytes: 1000 }),
    ).toEqual([
      { kind: "entry", index: 0, entry: { a: 1 } },
      { kind: "unreadable", index: 1, message: expect.stringMatching(/^not valid JSON: /) },
      { kind: "unreadable", index: 2, message: "it is larger than 0 MiB: not read" },
      { kind: "entry", index: 3, entry: 7 },
      { kind: "entry", index: 4, entry: { c: 3 } },
    ]);
  });

  it("stops at a value outside the entries longer than 1 MiB, rather than hold it", () => {
    const items = read(`{"log": {"comment": "${"x".repeat(1_100_000)}", "entries": []}}`);
    expect(items).toEqual([
      {
        kind: "file",
        message: expect.stringMatching(
          /^not a HAR file: a value outside the entries is longer than 1 MiB \(byte \d+\)$/,
        ),
      },
    ]);
  });

  it("reads a BOM-prefixed file", () => {
    expect(entries(read(`\uFEFF${JSON.stringify({ log: { entries: [{ a: 1 }] } })}`))).toEqual([{ a: 1 }]);
  });
});

describe("reading NDJSON", () => {
  it("yields one entry per line, skipping blank lines, with line numbers; a bad line is reported", () => {
    const text = `\uFEFF{"a":1}\n\n{"b":\r\n{"c":3}\r\n  \n5`;
    expect(read(text, ".ndjson")).toEqual([
      { kind: "entry", index: 0, line: 1, entry: { a: 1 } },
      { kind: "unreadable", index: 1, line: 3, message: expect.stringMatching(/^not valid JSON: /) },
      { kind: "entry", index: 2, line: 4, entry: { c: 3 } },
      { kind: "entry", index: 3, line: 6, entry: 5 },
    ]);
    expect(read(text, ".jsonl", { chunkBytes: 3 })).toEqual(read(text, ".ndjson"));
  });

  it("reports a line longer than the limit without holding it", () => {
    expect(read(`{"a":"${"x".repeat(5000)}"}\n{"b":1}\n`, ".ndjson", { maxEntryBytes: 1000, chunkBytes: 512 })).toEqual(
      [
        { kind: "unreadable", index: 0, line: 1, message: "it is larger than 0 MiB: not read" },
        { kind: "entry", index: 1, line: 2, entry: { b: 1 } },
      ],
    );
  });
});

describe("streamed reports", () => {
  const failure: ReportedFailure = {
    file: "t\u001b[2J.har",
    entry: 3,
    comment: "a\u202eb",
    request: "GET /x",
    location: "response.body",
    pointer: "/data/\u009bid",
    message: "must be integer",
  };
  const summary: ReportSummary = {
    spec: "spec.json",
    files: [{ file: "t.har", entries: 4 }],
    entries: 4,
    failureCount: 1,
    coverage: { covered: 1, total: 2, operations: [] },
  };

  it("escapes the control characters a terminal would act on", () => {
    expect(escapeControl("a\u001b[31mb\u0007c\u009b\u202ed\u2028e\tf")).toBe(
      "a\\u001b[31mb\\u0007c\\u009b\\u202ed\\u2028e\\u0009f",
    );
  });

  it("writes text line by line as failures come", () => {
    const written: string[] = [];
    const writer = textReportWriter((text) => written.push(text));
    writer.failure(failure);
    expect(written).toEqual([
      "t\\u001b[2J.har entry 3 (a\\u202eb): GET /x: response.body /data/\\u009bid must be integer\n",
    ]);
    writer.end(summary);
    expect(written[1]).toBe(
      "FAIL: 1 failure(s) in 4 entries of 1 file(s)\ncoverage: 1 of 2 operations have at least one recording (50%)\n",
    );
  });

  it("writes JSON that parses to the report, with no raw control character", () => {
    const written: string[] = [];
    const writer = jsonReportWriter((text) => written.push(text), "spec.json");
    writer.failure(failure);
    writer.failure({ ...failure, entry: 4 });
    writer.end(summary);
    const text = written.join("");
    expect([...text].filter((c) => c !== "\n" && escapeControl(c) !== c)).toEqual([]);
    const { failureCount: _, ...rest } = summary;
    expect(JSON.parse(text)).toEqual({ ...rest, failures: [failure, { ...failure, entry: 4 }] });
  });
});
