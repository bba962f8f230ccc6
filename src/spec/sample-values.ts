// The one sample-value builder: a plausible value for a schema without an example — the schema's
// own example, default or enum, a value of the same name seen in a response example, else a typed
// placeholder that fits. Recordings, docs samples, the mock, the benches and the tests use it.
import { deref, type Json } from "./document.ts";
import { declaredTypes, valueTypes } from "./schema.ts";

/** Strings tried, in order, against a `pattern` that has no example (a month; the last: a Mongo ObjectId). */
const PATTERN_CANDIDATES = [
  "1",
  "081234567890",
  "ABC123",
  "2024-01-31",
  "2024-01",
  "example",
  "5f154995060c000047005b6c",
];

/** Values seen in a response example by property name, shallowest first. */
export type KnownValues = Map<string, unknown>;

export function knownValuesOf(example: unknown): KnownValues {
  const known: KnownValues = new Map();
  let level: unknown[] = [example];
  while (level.length) {
    const next: unknown[] = [];
    for (const node of level) {
      if (!node || typeof node !== "object") continue;
      if (Array.isArray(node)) {
        next.push(...node);
        continue;
      }
      for (const [key, value] of Object.entries(node)) {
        if (value && typeof value === "object") next.push(value);
        else if (value !== null && !known.has(key)) known.set(key, value);
      }
    }
    level = next;
  }
  return known;
}

function fitsType(value: unknown, types: string[]): boolean {
  if (typeof value === "number")
    return types.includes("number") || (types.includes("integer") && Number.isInteger(value));
  return types.includes(typeof value);
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

function plausibleString(schema: Json, name: string): string {
  switch (schema.format) {
    case "date":
      return "2024-01-31";
    case "date-time":
      return "2024-01-31T10:00:00+07:00";
    case "email":
      return "shop@example.com";
    case "uri":
    case "url":
      return "https://example.com/";
    case "uuid":
      return "123e4567-e89b-42d3-a456-426614174000";
    case "binary":
      return "";
  }
  if (typeof schema.pattern === "string") {
    const pattern = new RegExp(schema.pattern, "u");
    return [name, ...PATTERN_CANDIDATES].find((c) => pattern.test(c)) ?? name;
  }
  const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
  return name.padEnd(minLength, "x");
}

export function plausibleValue(
  spec: Json,
  schemaOrRef: unknown,
  name = "value",
  known: KnownValues = new Map(),
): unknown {
  const schema: Json = deref(spec, schemaOrRef);
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if ("example" in schema) return schema.example;
  if ("default" in schema) return schema.default;
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  const types = valueTypes(schema);
  if (known.has(name) && fitsType(known.get(name), types)) return known.get(name);
  if (Array.isArray(schema.allOf)) {
    const own = types.includes("object") ? plausibleObject(spec, schema, known) : {};
    const parts = schema.allOf.map((part: unknown) => plausibleValue(spec, part, name, known));
    return withConditionals(spec, schema, Object.assign(own, ...parts.filter(isRecord)), known);
  }
  const alternatives: unknown[] = schema.oneOf ?? schema.anyOf ?? [];
  const alternative = alternatives.find((alt) => valueTypes(deref(spec, alt)).length > 0);
  if (alternative && !types.length) return plausibleValue(spec, alternative, name, known);
  switch (types[0]) {
    case "integer":
    case "number": {
      const minimum =
        schema.minimum ?? (typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum + 1 : undefined);
      return Math.min(minimum ?? 1, schema.maximum ?? Number.POSITIVE_INFINITY);
    }
    case "boolean":
      return true;
    case "array":
      return schema.maxItems === 0 ? [] : [plausibleValue(spec, schema.items, name, known)];
    case "object":
      return plausibleObject(spec, schema, known);
    case "string":
      return plausibleString(schema, name);
    default:
      return declaredTypes(schema).includes("null") ? null : name;
  }
}

/** The required properties of an object schema, each with a plausible value. */
function plausibleObject(spec: Json, schema: Json, known: KnownValues): Record<string, unknown> {
  const required: string[] = schema.required ?? [];
  const object = Object.fromEntries(
    required.map((key) => [key, plausibleValue(spec, schema.properties?.[key] ?? {}, key, known)]),
  );
  return withConditionals(spec, schema, object, known);
}

/** Adds what an `if`/`then` (alone or in allOf) requires when the `if` holds for the object so far. */
function withConditionals(
  spec: Json,
  schema: Json,
  object: Record<string, unknown>,
  known: KnownValues,
): Record<string, unknown> {
  const parts: Json[] = [schema, ...(schema.allOf ?? []).map((part: unknown) => deref(spec, part))];
  for (const part of parts) {
    if (!part.if || !part.then || !holds(part.if, object)) continue;
    for (const key of part.then.required ?? []) {
      if (!(key in object))
        object[key] = plausibleValue(spec, part.then.properties?.[key] ?? schema.properties?.[key] ?? {}, key, known);
    }
  }
  return object;
}

/** Whether a simple `if` (required names, `const`/`enum` properties) holds; anything else: no. */
function holds(condition: Json, object: Record<string, unknown>): boolean {
  if (!(condition.required ?? []).every((key: string) => key in object)) return false;
  return Object.entries<Json>(condition.properties ?? {}).every(([key, rule]) => {
    if (!(key in object)) return true;
    if ("const" in rule) return object[key] === rule.const;
    if (Array.isArray(rule.enum)) return rule.enum.includes(object[key]);
    return false;
  });
}
