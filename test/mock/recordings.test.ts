// The mock validates like the API: every request of the vendor doc's recordings is accepted (and
// answered with a response that passes the contract check), and every request mutated to break
// its schema — a required field left out, a wrong type, a value outside an enum, an undocumented
// parameter or property, malformed JSON — is refused with 400 and Laravel's message for that
// field, in English or Indonesian by Accept-Language.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContractChecker } from "../../src/contract/checker.ts";
import type { HarEntry } from "../../src/contract/har.ts";
import { startMock, type Mock } from "../../src/mock/index.ts";
import { requestMutationsOf, unknownPath, type BrokenRule, type Mutation } from "../support/mutations.ts";
import { recordedEntries } from "../support/recordings.ts";
import { loadBundle } from "../support/spec.ts";
import { ROOT } from "../../scripts/lib/paths.ts";
import { AUTH, exchange, replay } from "./support.ts";

const checker = new ContractChecker(loadBundle());
const RECORDINGS = `${ROOT}test/recordings/vendor-doc/`;

interface Replayed {
  label: string;
  entry: HarEntry;
  operationId: string;
}

const recorded: Replayed[] = recordedEntries(RECORDINGS).map(({ file, index, entry }) => ({
  label: `${file} entry ${index}`,
  entry,
  operationId: checker.checkEntry(entry, index).operation!.id,
}));
const operationOf = (r: Replayed) => checker.model.operation(r.operationId)!;

let mock: Mock;
beforeAll(async () => void (mock = await startMock({ spec: checker.spec })));
afterAll(() => mock.close());

describe("every vendor-doc recording's request", () => {
  it("covers every recording", () => expect(recorded.length).toBeGreaterThan(140));

  it.each(recorded.map((r) => [`${r.label} ${r.operationId}`, r] as const))(
    "%s is accepted, and answered within the contract",
    async (_, r) => {
      const response = await replay(r.entry, mock.url);
      const answered = await exchange(r.entry.request, response);
      expect(response.status, answered.response.content.text).toBe(Number(operationOf(r).success!.status));
      expect(checker.checkEntry(answered, 0).failures).toEqual([]);
    },
  );
});

/** The field a rule names: Laravel's display of a dotted path (underscores read as spaces, unless under an index). */
const shown = (field: string) => (/\.\d+(\.|$)/.test(field) ? field : field.replace(/_/g, " "));
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Laravel's standard message for the broken rule (en: laravel/laravel, id: Laravel-Lang). */
function laravelMessage(rule: BrokenRule, field: string, language: "en" | "id"): string {
  const a = shown(field);
  const A = capital(a);
  const type = rule.kind === "type" ? rule.types.find((t) => t !== "null") : undefined;
  const en: Record<string, string> = {
    required: `The ${a} field is required.`,
    enum: `The selected ${a} is invalid.`,
    unknown: `The ${a} field is prohibited.`,
    integer: `The ${a} must be an integer.`,
    number: `The ${a} must be a number.`,
    string: `The ${a} must be a string.`,
    boolean: `The ${a} field must be true or false.`,
    array: `The ${a} must be an array.`,
    object: `The ${a} must be an array.`,
  };
  const id: Record<string, string> = {
    required: `${A} wajib diisi.`,
    enum: `${A} yang dipilih tidak valid.`,
    unknown: `${A} tidak boleh ada.`,
    integer: `${A} harus berupa bilangan bulat.`,
    number: `${A} harus berupa angka.`,
    string: `${A} harus berupa string.`,
    boolean: `${A} harus bernilai true atau false`,
    array: `${A} harus berisi sebuah array.`,
    object: `${A} harus berisi sebuah array.`,
  };
  return (language === "en" ? en : id)[type ?? rule.kind]!;
}

const dotted = (pointer: string) =>
  pointer
    .split("/")
    .slice(1)
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");

const languages = [
  ["en", "en"],
  ["id", "id-ID,id;q=0.9,en;q=0.8"],
] as const;

// Each mutation once, in English and Indonesian by turns: every kind of rule is met in both.
const cases = recorded
  .flatMap((r) => requestMutationsOf(checker, operationOf(r), r.entry).map((m) => [r, m] as const))
  .map(([r, m], i) => {
    const [language, header] = languages[i % 2]!;
    return [`${r.label} ${r.operationId}: ${m.name} (${language})`, r, m, language, header] as const;
  });

const covered = (kind: BrokenRule["kind"], language?: string) =>
  new Set(
    cases.filter(([, , m, l]) => m.expected.rule.kind === kind && (!language || l === language)).map(([, r]) => r),
  ).size;

describe("every request mutated to break its schema", () => {
  it("covers every kind of mutation, in both languages", () => {
    for (const kind of ["required", "type", "enum", "unknown", "json"] as const)
      for (const [language] of languages) expect(covered(kind, language), `${kind} ${language}`).toBeGreaterThan(0);
    expect(covered("unknown")).toBe(recorded.length); // every request can carry an undocumented query parameter
  });

  it.each(cases)("%s is refused with its field's message", async (_, r, mutation: Mutation, language, header) => {
    const entry = structuredClone(r.entry);
    mutation.apply(entry);
    const response = await replay(entry, mock.url, { ...AUTH, "accept-language": header });
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(400);
    expect(body).toMatchObject({ response: "Failed", data: null });
    const { rule, pointer } = mutation.expected;
    if (rule.kind === "json") {
      expect(body.message).toMatch(
        language === "en" ? /^The request body is not valid JSON: / : /^Isi permintaan bukan JSON yang valid: /,
      );
      return;
    }
    const field = rule.kind === "required" && rule.field ? rule.field : dotted(pointer);
    expect(body.message, JSON.stringify(body.message)).toHaveProperty([field]);
    expect(body.message[field]).toContain(laravelMessage(rule, field, language));
    // The answer is itself within the contract: a documented 400 in the error envelope.
    const answered = await exchange(entry.request, new Response(JSON.stringify(body), response));
    expect(checker.checkEntry(answered, 0).failures.filter((f) => f.location.startsWith("response"))).toEqual([]);
  });

  it("an unknown path is answered 404, naming the path", async () => {
    const entry = structuredClone(recorded[0]!.entry);
    unknownPath(checker.model.basePaths[0]!).apply(entry);
    const response = await replay(entry, mock.url);
    expect(response.status).toBe(404);
    expect((await response.json()).message).toContain("/no-such-endpoint/42");
  });
});
