// Turns the strings of a URL (path segments, query) and of form bodies into the JSON values their
// schemas describe, so they can be validated like JSON bodies: "22" → 22 for an integer.
import { deref, type Json } from "../spec/document.ts";
import { admittedTypes, memberSchema } from "../spec/schema.ts";
import type { FormValue } from "../wire.ts";

const NUMBER = /^-?(?:\d+|\d*\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Converts a form value to what its schema expects where the string allows it; anything else is
 * left as it is, so validation reports the mismatch ("must be integer").
 */
export function coerceFormValue(spec: Json, schemaOrRef: unknown, value: FormValue): unknown {
  const schema = deref(spec, schemaOrRef);
  const types = admittedTypes(spec, schema);
  if (Array.isArray(value)) {
    return types.has("array") || types.size === 0
      ? Array.from(value, (v) => (v === undefined ? v : coerceFormValue(spec, schema.items, v)))
      : value;
  }
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, coerceFormValue(spec, memberSchema(spec, schema, k), v)]),
    );
  }
  if (types.has("array")) return [coerceFormValue(spec, schema.items, value)];
  if (types.size === 0 || types.has("string")) return value;
  if ((types.has("integer") || types.has("number")) && NUMBER.test(value)) return Number(value);
  if (types.has("boolean") && (value === "true" || value === "false")) return value === "true";
  if (types.has("null") && (value === "" || value === "null")) return null;
  return value;
}
