// Turns the strings of a URL (path segments, query) and of form bodies into the JSON values their
// schemas describe, so they can be validated like JSON bodies: "22" → 22 for an integer.
import { resolve, type Json } from "./openapi.ts";

/** A value as sent in a query or form: a string, or a structure built from bracket names. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };

/**
 * Parses `name=value` pairs, reading PHP/Laravel bracket names (`ids[]=1`, `filter[status]=x`,
 * `items[0][id]=3`) into arrays and objects. A plain name sent more than once becomes an array.
 */
export function parseFormPairs(pairs: Iterable<[string, string]>): Map<string, FormValue> {
  const values = new Map<string, FormValue>();
  for (const [name, value] of pairs) {
    const match = /^([^[\]]+)((?:\[[^\]]*\])+)$/.exec(name);
    if (!match) {
      const previous = values.get(name);
      values.set(name, previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value]);
      continue;
    }
    const keys = [...match[2]!.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!);
    values.set(match[1]!, insert(values.get(match[1]!), keys, value));
  }
  return values;
}

function insert(target: FormValue | undefined, keys: string[], value: string): FormValue {
  if (keys.length === 0) return value;
  const [key, ...rest] = keys as [string, ...string[]];
  if (key === "" || /^\d+$/.test(key)) {
    const list: FormValue[] = Array.isArray(target) ? target : target === undefined ? [] : [target];
    const index = key === "" ? list.length : Number(key);
    list[index] = insert(list[index], rest, value);
    return list;
  }
  const record: { [key: string]: FormValue } =
    target && typeof target === "object" && !Array.isArray(target) ? target : {};
  record[key] = insert(record[key], rest, value);
  return record;
}

const NUMBER = /^-?(?:\d+|\d*\.\d+)(?:[eE][+-]?\d+)?$/;

function typesOf(spec: Json, schema: Json): Set<string> {
  const types = new Set<string>(Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []);
  for (const alt of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) {
    for (const t of typesOf(spec, resolve(spec, alt, "").node ?? {})) types.add(t);
  }
  for (const v of schema.enum ?? (schema.const !== undefined ? [schema.const] : []))
    types.add(v === null ? "null" : typeof v);
  return types;
}

function propertySchema(spec: Json, schema: Json, key: string): Json {
  if (schema.properties?.[key]) return schema.properties[key];
  for (const part of schema.allOf ?? []) {
    const found = propertySchema(spec, resolve(spec, part, "").node ?? {}, key);
    if (Object.keys(found).length) return found;
  }
  return typeof schema.additionalProperties === "object" ? schema.additionalProperties : {};
}

/**
 * Converts a form value to what its schema expects where the string allows it; anything else is
 * left as it is, so validation reports the mismatch ("must be integer").
 */
export function coerceFormValue(spec: Json, schemaOrRef: Json | undefined, value: FormValue): unknown {
  const schema: Json = (schemaOrRef && resolve(spec, schemaOrRef, "").node) ?? {};
  const types = typesOf(spec, schema);
  if (Array.isArray(value)) {
    return types.has("array") || types.size === 0
      ? value.map((v) => coerceFormValue(spec, resolve(spec, schema.items ?? {}, "").node, v))
      : value;
  }
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, coerceFormValue(spec, propertySchema(spec, schema, k), v)]),
    );
  }
  if (types.has("array")) return [coerceFormValue(spec, schema.items, value)];
  if (types.size === 0 || types.has("string")) return value;
  if ((types.has("integer") || types.has("number")) && NUMBER.test(value)) return Number(value);
  if (types.has("boolean") && (value === "true" || value === "false")) return value === "true";
  if (types.has("null") && (value === "" || value === "null")) return null;
  return value;
}
