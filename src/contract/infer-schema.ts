// Describes recorded JSON values as a JSON Schema: the types seen across all of them (`null` seen
// makes a type array), the members of objects and the items of arrays, to the depth a spec needs.
import type { Json } from "../spec/document.ts";

const MAX_DEPTH = 16;

export function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Types in a stable order, `null` last; `integer` is dropped when `number` covers it. */
export function mergeTypes(...lists: string[][]): string[] {
  const all = [...new Set(lists.flat())];
  const kept = all.includes("number") ? all.filter((t) => t !== "integer") : all;
  return [...kept.filter((t) => t !== "null"), ...kept.filter((t) => t === "null")];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === "object" && !Array.isArray(value);

export function inferSchema(values: unknown[], depth = 0): Json {
  const types = mergeTypes(values.map(jsonTypeOf));
  const schema: Json = { type: types.length === 1 ? types[0] : types };
  if (depth >= MAX_DEPTH) return {}; // deeper than any spec describes: accept anything there
  const objects = values.filter(isPlainObject);
  if (objects.length) {
    const names = [...new Set(objects.flatMap((o) => Object.keys(o)))];
    // fromEntries defines own properties, so a recorded "__proto__" stays a plain member name.
    schema.properties = Object.fromEntries(
      names.map((name) => [
        name,
        inferSchema(
          objects.filter((o) => Object.hasOwn(o, name)).map((o) => o[name]),
          depth + 1,
        ),
      ]),
    );
  }
  const items = values.filter(Array.isArray).flat();
  if (items.length) schema.items = inferSchema(items, depth + 1);
  return schema;
}
