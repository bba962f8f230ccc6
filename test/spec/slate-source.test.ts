// The spec held to the vendor's 2021 doc source (vendor/slate): every key of the nested tables the
// scrape of the current doc lost, and every operation that source documents. A disagreement is
// allowed only where the ledger records it, naming the key, with the 2021 source as evidence.
import { describe, expect, it } from "vitest";
import { parseVendorDoc } from "../../scripts/lib/vendor-doc.ts";
import {
  nestedTablesOf,
  parseSlateDoc,
  SECTION_RENAMES,
  SLATE_BASE_URL,
  type SlateNestedKey,
  type SlateOperation,
} from "../../scripts/lib/vendor-slate.ts";
import { deref } from "../../src/spec/document.ts";
import type { OperationModel } from "../../src/spec/model.ts";
import { admittedTypes, memberSchema } from "../../src/spec/schema.ts";
import { loadModel, type Json } from "../support/spec.ts";

const model = loadModel();
const doc = model.document;
const operations = model.operations;
const slate = parseSlateDoc();
const resolve = (node: unknown): Json => deref(doc, node);

const endpoint = (method: string | null, path: string) => `${method ?? "(no method)"} ${path}`;
const specOperationOf = (o: SlateOperation): OperationModel | undefined =>
  operations.find((s) => s.tag === (SECTION_RENAMES[o.section] ?? o.section) && s.summary === o.title);

/** The schema and, recursively, its allOf members, each resolved. */
function partsOf(schema: unknown): Json[] {
  const node = resolve(schema);
  return [node, ...(node.allOf ?? []).flatMap(partsOf)];
}
/** A member's schema (through $ref and allOf), or undefined when the schema does not describe it. */
function propertyOf(schema: unknown, name: string): Json | undefined {
  const found = memberSchema(doc, resolve(schema), name);
  return Object.keys(found).length ? found : undefined;
}
const isRequired = (schema: unknown, name: string) => partsOf(schema).some((p) => (p.required ?? []).includes(name));
const typesOf = (schema: unknown): string[] => [...admittedTypes(doc, resolve(schema))];

/** The JSON type a source row's type stands for: `integer`, `[]integer` → array. */
const jsonTypeOf = (printed: string) => (printed.startsWith("[]") ? "array" : printed);

/** The ledger entries of `op` that cite the 2021 source and name `` `path` `` in what was printed. */
const ledgerNaming = (op: Json, path: string) =>
  ((op["x-doc-defects"] ?? []) as Json[]).filter(
    (d) => d.source.includes("slate-2021") && String(d.printed).includes(`\`${path}\``),
  );

const tables = nestedTablesOf(slate).filter(({ operation }) => specOperationOf(operation));

describe("the 2021 doc source parser", () => {
  it("finds the source's 165 operations, 7 of them unpublished, and 16 nested tables of 78 keys", () => {
    expect(slate).toHaveLength(165);
    expect(slate.filter((o) => !o.published).map((o) => `${o.section} › ${o.title}`)).toEqual([
      "Promo › Search Products Available",
      "Promo › Create a Promo",
      "Promo › Get Promos",
      "Promo › Get Promo Detail",
      "Promo › Update Promo",
      "Promo › Delete Promo",
      "Order › Get Single Order Detail",
    ]);
    const all = nestedTablesOf(slate);
    expect(all).toHaveLength(16);
    expect(all.flatMap((t) => t.param.keys!)).toHaveLength(78);
  });

  it("reads a nested table's keys, optional markers, types, listed values and default", () => {
    const pickup = tables.find((t) => t.param.name === "pickup_request")!;
    expect(pickup.param.keys).toEqual([
      { name: "id", optional: false, type: "integer", description: expect.stringContaining("Order ID") },
      {
        name: "service",
        optional: true,
        type: "string",
        description: expect.stringContaining("Shipment service"),
        values: ["PICKUP", "DROP_OFF"],
        default: "PICKUP",
      },
    ]);
  });
});

describe("the nested tables of the operations the spec describes", () => {
  it("are the 11 tables, 61 keys of Create and Update Order, Update Payment, Pickup Request and Order Confirmation", () => {
    expect(tables.map(({ operation, param }) => `${operation.title}: ${param.name}`)).toEqual([
      "Pickup Request: pickup_request",
      "Order Confirmation: orders",
      "Create Order: products",
      "Create Order: expedition",
      "Create Order: payment",
      "Create Order: order_cost",
      "Update Payment: payment",
      "Update Order: products",
      "Update Order: expedition",
      "Update Order: payment",
      "Update Order: order_cost",
    ]);
    expect(tables.flatMap((t) => t.param.keys!)).toHaveLength(61);
  });

  const rows = tables.map(({ operation, param }) => {
    const spec = specOperationOf(operation)!;
    const body = resolve(resolve(spec.object.requestBody).content["application/json"]);
    return { operation, param, spec, member: propertyOf(body.schema, param.name) };
  });

  it.each(rows.map((r) => [`${r.operation.title}: ${r.param.name}`, r] as const))(
    "%s is a body member, an array as printed or an object the ledger explains",
    (_, { param, spec, member }) => {
      expect(member, `no body member ${param.name}`).toBeDefined();
      const types = typesOf(member);
      if (!types.includes(jsonTypeOf(param.type))) {
        expect(types).toEqual(["object"]);
        expect(
          ((spec.object["x-doc-defects"] ?? []) as Json[]).some(
            (d) => d.kind === "type" && d.source.includes("slate-2021") && String(d.printed).includes(`\`${param.name}\``),
          ),
          `a ledger entry of kind "type" citing slate-2021 names \`${param.name}\``,
        ).toBe(true);
      }
    },
  );

  const keys = rows.flatMap((r) =>
    r.param.keys!.map((key) => {
      const holder = typesOf(r.member).includes("array") ? resolve(r.member).items : r.member;
      return [`${r.operation.title}: ${r.param.name}.${key.name}`, { ...r, key, holder }] as const;
    }),
  );

  function expectAgreesOrLedgered(op: Json, path: string, agrees: boolean, what: string) {
    if (agrees) return;
    expect(ledgerNaming(op, path), `${path}: ${what} disagrees with the 2021 source and no ledger entry names it`).not.toEqual([]);
  }

  it.each(keys)("%s is described, with the source's type, values, default and optional marker", (_, r) => {
    const key: SlateNestedKey = r.key;
    const path = `${r.param.name}.${key.name}`;
    const property = propertyOf(r.holder, key.name);
    expect(property, `${path} is not described`).toBeDefined();
    expectAgreesOrLedgered(r.spec.object, path, typesOf(property).includes(jsonTypeOf(key.type)), `its type (${key.type})`);
    if (key.values) {
      const described = [...(resolve(property).enum ?? [])].sort();
      expectAgreesOrLedgered(r.spec.object, path, JSON.stringify(described) === JSON.stringify([...key.values].sort()), "its values");
    }
    if (key.default !== undefined) expect(resolve(property).default ?? property!.default).toBe(key.default);
    expectAgreesOrLedgered(r.spec.object, path, isRequired(r.holder, key.name) === !key.optional, "its optional marker");
  });
});

describe("every operation of the 2021 doc source", () => {
  const rootLedger = (doc["x-doc-defects"] ?? []) as Json[];
  const printedNow = new Map(parseVendorDoc().map((o) => [`${o.section} › ${o.title}`, o]));

  it.each(slate.map((o) => [`${o.section} › ${o.title} (${endpoint(o.method, o.path)})`, o] as const))(
    "%s is in the spec at the same endpoint, or the ledger says why not",
    (_, o) => {
      const spec = specOperationOf(o);
      if (!spec) {
        const named = rootLedger.filter(
          (d) =>
            d.kind === "absent-today" &&
            d.section === o.section &&
            d.source.includes("slate-2021") &&
            String(d.operation).includes(`${o.title} (\`${endpoint(o.method, o.path)}\`)`),
        );
        expect(named, "a root ledger entry of kind absent-today names it with its endpoint").toHaveLength(1);
        return;
      }
      if (!spec.inferred) {
        expect(endpoint(spec.method.toUpperCase(), spec.path)).toBe(endpoint(o.method, o.path));
        return;
      }
      // A reconstructed endpoint: the 2021 source prints the same broken one, and the ledger says so.
      const now = printedNow.get(`${spec.tag} › ${spec.summary}`)!;
      const nowPath = now.url.replace(doc.servers[0].url, "");
      expect(endpoint(o.method, o.path)).toBe(endpoint(now.method, nowPath));
      const broken = ((spec.object["x-doc-defects"] ?? []) as Json[]).find((d) => d.kind === "broken-endpoint");
      expect(broken?.source).toContain("slate-2021");
      expect(broken?.evidence).toContain(`${SLATE_BASE_URL}${o.path}`);
    },
  );

  it.each(Object.entries(SECTION_RENAMES))("the rename of section %s to %s is in the ledger", (before, after) => {
    expect(slate.some((o) => o.section === before)).toBe(true);
    expect(operations.some((o) => o.tag === after)).toBe(true);
    expect(rootLedger.filter((d) => d.section === before && d.source.includes("slate-2021"))).toHaveLength(1);
  });

  it("the ledger lists no 2021-only operation that the source does not document or the spec describes", () => {
    const onlyIn2021 = slate.filter((o) => !specOperationOf(o));
    for (const entry of rootLedger.filter((d) => d.kind === "absent-today")) {
      const names = [...String(entry.operation).matchAll(/([^,(]+?) \(`([^`]+)`\)/g)].map((m) => `${m[1]!.trim()} ${m[2]}`);
      expect(names.length, entry.operation).toBeGreaterThan(0);
      for (const name of names)
        expect(onlyIn2021.map((o) => `${o.title} ${endpoint(o.method, o.path)}`)).toContain(name);
    }
  });
});
