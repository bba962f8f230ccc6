// Walks a JSON value together with the schema that describes it, independently of the contract
// checker, to find where a mutation must be caught: a required property, a typed leaf, an object
// that admits no other property. It follows $ref, allOf, properties and items; below oneOf, anyOf,
// if/then or not it stops, because which rule applies there is the checker's business.
import { deref, escapePointerToken, type Json } from "../../src/spec/document.ts";
import { declaredTypes } from "../../src/spec/schema.ts";

export interface Site {
  pointer: string;
  value: unknown;
  types: string[];
  properties: Record<string, unknown>;
  required: string[];
  /** additionalProperties, patternProperties or unevaluatedProperties are stated: extra keys may be fine. */
  open: boolean;
  items?: unknown;
  /** The values allowed by `enum` (or `const`), when the schema lists them. */
  allowed?: unknown[];
}

const COMPLEX = ["oneOf", "anyOf", "if", "not", "dependentSchemas", "dependentRequired"];

/** The merged view of a schema and its allOf parts, or undefined when it is too complex to predict. */
function view(spec: Json, schemaOrRef: unknown): Omit<Site, "pointer" | "value"> | undefined {
  const schema = deref(spec, schemaOrRef);
  if (COMPLEX.some((k) => k in schema)) return undefined;
  const merged = {
    types: [...declaredTypes(schema)],
    properties: { ...(schema.properties ?? {}) },
    required: [...(schema.required ?? [])],
    open: "additionalProperties" in schema || "patternProperties" in schema || "unevaluatedProperties" in schema,
    items: schema.items,
    allowed: Array.isArray(schema.enum) ? schema.enum : "const" in schema ? [schema.const] : undefined,
  };
  for (const part of schema.allOf ?? []) {
    const sub = view(spec, part);
    if (!sub) return undefined;
    if (!merged.types.length) merged.types = sub.types;
    Object.assign(merged.properties, sub.properties);
    merged.required.push(...sub.required);
    merged.open ||= sub.open;
    merged.items ??= sub.items;
    merged.allowed ??= sub.allowed;
  }
  return merged;
}

export function* sitesOf(spec: Json, schema: unknown, value: unknown, pointer = ""): Generator<Site> {
  const v = view(spec, schema);
  if (!v) return;
  yield { pointer, value, ...v };
  if (Array.isArray(value) && v.items !== undefined && value.length) {
    yield* sitesOf(spec, v.items, value[0], `${pointer}/0`);
  } else if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key in v.properties) yield* sitesOf(spec, v.properties[key], child, `${pointer}/${escapePointerToken(key)}`);
    }
  }
}

const depth = (site: Site) => site.pointer.split("/").length;

/** The deepest site that satisfies `test` (the first of equals), to prove checks reach nested values. */
export function deepest(sites: Iterable<Site>, test: (site: Site) => boolean): Site | undefined {
  let found: Site | undefined;
  for (const site of sites) if (test(site) && (!found || depth(site) > depth(found))) found = site;
  return found;
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === "object" && !Array.isArray(value);

/** A JSON value whose type the site's schema does not allow. */
export function valueOfAnotherType(types: string[]): unknown {
  const candidates: [string[], unknown][] = [
    [["boolean"], true],
    [["string"], "mutated"],
    [["integer", "number"], 12345],
    [["object"], { mutated: true }],
    [["array"], ["mutated"]],
  ];
  return candidates.find(([accepted]) => !accepted.some((t) => types.includes(t)))![1];
}

/** Sets or deletes the value at a JSON pointer inside `root` (which it mutates). */
export function mutateAt(root: unknown, pointer: string, change: (parent: any, key: string) => void): void {
  const tokens = pointer
    .split("/")
    .slice(1)
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
  const last = tokens.pop()!;
  const parent = tokens.reduce((node: any, key) => node[key], root);
  change(parent, last);
}
