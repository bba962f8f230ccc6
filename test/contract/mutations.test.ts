// Proof that the check can fail: every recording, mutated the ways a server can break its contract
// (a required property dropped, a type changed, an unknown property added, an undocumented status,
// an unknown path, a bad query or path parameter), fails with the operation and the JSON pointer.
import { describe, expect, it } from "vitest";
import { entryFailures } from "../../src/contract/check-files.ts";
import { ContractChecker } from "../../src/contract/checker.ts";
import { formatFailure } from "../../src/contract/format-report.ts";
import { mutationsOf, unknownPath, type Mutation } from "../support/mutations.ts";
import { recordedEntries } from "../support/recordings.ts";
import { loadBundle } from "../support/spec.ts";
import { ROOT } from "../../scripts/lib/paths.ts";

const RECORDINGS = `${ROOT}test/recordings/`;
const checker = new ContractChecker(loadBundle());
const toUnknownPath = unknownPath(checker.model.basePaths[0]!);

const recorded = recordedEntries(RECORDINGS);
/** Each recording checked once, unmutated: the baseline every mutation is measured against. */
const baseline = recorded.map((r) => ({ ...r, result: checker.checkEntry(r.entry, r.index) }));

const cases = baseline.flatMap((r) => {
  const operation = checker.operations.find((o) => o.id === r.result.operation?.id);
  if (!operation) return [];
  const mutations = [...mutationsOf(checker, operation, r.entry), toUnknownPath];
  return mutations.map((m) => [`${r.file} entry ${r.index} ${operation.id}: ${m.name}`, r, operation.id, m] as const);
});

const applied = (kind: string) =>
  new Set(cases.filter(([, , , m]) => m.name.startsWith(kind)).map(([, r]) => `${r.file}#${r.index}`)).size;

describe("mutated recordings", () => {
  it("pass before they are mutated, each matched to its operation", () => {
    expect(recorded.length).toBeGreaterThan(0);
    const problems = baseline.flatMap((r) =>
      r.result.operation
        ? entryFailures(r.file, r.result).map(formatFailure)
        : [`${r.file} entry ${r.index}: no operation`],
    );
    expect(problems).toEqual([]);
  });

  it("cover every recording with every mutation that fits it, each mutation once", () => {
    for (const kind of ["response.status", "request.query", "route"]) expect(applied(kind), kind).toBe(recorded.length);
    // Body mutations need a JSON body described by properties; nearly every recording has one.
    for (const kind of ["response.body: drop", "response.body: make", "response.body: add"]) {
      expect(applied(kind), kind).toBeGreaterThan(recorded.length * 0.8);
    }
    const names = cases.map(([name]) => name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it.each(cases)("%s is caught", (_, r, operationId, mutation: Mutation) => {
    const entry = structuredClone(r.entry);
    mutation.apply(entry);
    const result = checker.checkEntry(entry, r.index);
    const failures = entryFailures(r.file, result);
    const caught = failures.find(
      (f) => f.location === mutation.expected.location && f.pointer === mutation.expected.pointer,
    );
    expect(caught, failures.map(formatFailure).join("\n") || "no failure").toBeDefined();
    const message = formatFailure(caught!);
    expect(message).toContain(r.file);
    expect(message).toContain(`entry ${r.index}`);
    if (mutation.expected.location !== "route") expect(message).toContain(operationId);
    if (mutation.expected.pointer) expect(message).toContain(` ${mutation.expected.pointer} `);
    for (const text of mutation.expected.mentions) expect(message).toContain(text);
  });
});
