// What a JSON Schema of the spec says about the values it admits, read through `$ref`, the
// composition keywords and enums. The sample builder, the form-value coercion of the checker, the
// SDK's body placement and the strict-schema closer all ask these questions here.
import { deref, type Json } from "./document.ts";

/** The `type` keyword as a list (`"string"` → `["string"]`, absent → `[]`). */
export function declaredTypes(schema: Json): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  return typeof schema.type === "string" ? [schema.type] : [];
}

/** The types a value may take besides null: the declared ones, else "object" for a schema with properties. */
export function valueTypes(schema: Json): string[] {
  const named = declaredTypes(schema).filter((t) => t !== "null");
  return named.length ? named : schema.properties ? ["object"] : [];
}

/** Every JSON type the schema admits, through anyOf/oneOf/allOf and the values of enum/const. */
export function admittedTypes(spec: Json, schema: Json): Set<string> {
  const types = new Set(declaredTypes(schema));
  for (const alt of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) {
    for (const t of admittedTypes(spec, deref(spec, alt))) types.add(t);
  }
  const values: unknown[] = schema.enum ?? ("const" in schema ? [schema.const] : []);
  for (const v of values) types.add(v === null ? "null" : typeof v);
  return types;
}

/** The schema of an object's member `key`: its own properties, those of its allOf parts, else additionalProperties. */
export function memberSchema(spec: Json, schema: Json, key: string): Json {
  if (schema.properties?.[key]) return deref(spec, schema.properties[key]);
  for (const part of schema.allOf ?? []) {
    const found = memberSchema(spec, deref(spec, part), key);
    if (Object.keys(found).length) return found;
  }
  return typeof schema.additionalProperties === "object" ? deref(spec, schema.additionalProperties) : {};
}

/**
 * The property names of a schema that only admits objects (through `$ref` and allOf), or
 * undefined when it may be something else (a union, an array, any value).
 */
export function objectFields(spec: Json, schemaOrRef: unknown): string[] | undefined {
  const schema = deref(spec, schemaOrRef);
  if (schema.allOf) {
    const parts = schema.allOf.map((part: unknown) => objectFields(spec, part));
    return parts.includes(undefined) ? undefined : parts.flat();
  }
  if (schema.oneOf || schema.anyOf) return undefined;
  const types = declaredTypes(schema);
  const isObject = types.length ? types.length === 1 && types[0] === "object" : Boolean(schema.properties);
  return isObject ? Object.keys(schema.properties ?? {}) : undefined;
}

/** Whether a schema (or one of its allOf parts) requires a member. */
export function requiresAnything(spec: Json, schemaOrRef: unknown): boolean {
  const schema = deref(spec, schemaOrRef);
  return Boolean(schema.required?.length) || (schema.allOf ?? []).some((part: unknown) => requiresAnything(spec, part));
}

/** A file: `type: string, format: binary` (openapi-typescript types it as Blob here). */
export const isFileSchema = (schema: Json): boolean => schema.format === "binary";
