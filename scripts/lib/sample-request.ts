// Builds a plausible request for an operation of the bundled spec: path and query values from the
// parameters' examples (or values derived from their schemas), the body from the request example.
// Used for the docs' code samples, so every sample is derived from the spec and never hand-written.

export type Json = Record<string, any>;

export interface SampleRequest {
  method: string;
  /** Path with its parameters filled in, relative to the server URL. */
  path: string;
  query: [string, string][];
  mediaType: string | null;
  body: unknown;
}

export function resolveRef(doc: Json, node: any): any {
  let current = node;
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce((n: any, key: string) => n?.[decodeURIComponent(key).replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  }
  return current;
}

/** A value that fits a schema: its example, default, first enum value, or a typed placeholder. */
export function sampleValue(doc: Json, schemaOrRef: any, name = "value"): unknown {
  const schema = resolveRef(doc, schemaOrRef) ?? {};
  if (schema.examples?.length) return schema.examples[0];
  if ("example" in schema) return schema.example;
  if ("default" in schema) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== "null") : schema.type;
  switch (type) {
    case "integer":
    case "number":
      return schema.minimum ?? 1;
    case "boolean":
      return true;
    case "array":
      return [sampleValue(doc, schema.items, name)];
    case "object": {
      const required: string[] = schema.required ?? Object.keys(schema.properties ?? {});
      return Object.fromEntries(required.map((key) => [key, sampleValue(doc, schema.properties?.[key], key)]));
    }
    default:
      if (schema.format === "date") return "2024-01-31";
      if (schema.format === "binary") return "<file>";
      if (schema.pattern === "^[0-9]+$") return "081234567890";
      return name;
  }
}

function firstExample(doc: Json, media: Json | undefined): unknown {
  if (!media) return undefined;
  if ("example" in media) return media.example;
  const first = Object.values<Json>(media.examples ?? {})[0];
  return first ? resolveRef(doc, first).value : undefined;
}

/** Query values are serialised as openapi-fetch and the server read them: arrays and objects in brackets. */
function queryPairs(name: string, value: unknown): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => (v && typeof v === "object" ? queryPairs(`${name}[${i}]`, v) : [[`${name}[]`, String(v)] as [string, string]]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => queryPairs(`${name}[${k}]`, v));
  return [[name, String(value)]];
}

export function sampleRequest(doc: Json, path: string, method: string, op: Json): SampleRequest {
  const parameters: Json[] = (op.parameters ?? []).map((p: any) => resolveRef(doc, p));
  let filledPath = path;
  const query: [string, string][] = [];
  for (const p of parameters) {
    const value = "example" in p ? p.example : sampleValue(doc, p.schema, p.name);
    if (p.in === "path") filledPath = filledPath.replace(`{${p.name}}`, encodeURIComponent(String(value)));
    else if (p.in === "query" && (p.required || "example" in p)) query.push(...queryPairs(p.name, value));
  }
  const content: Json = resolveRef(doc, op.requestBody)?.content ?? {};
  const mediaType = Object.keys(content)[0] ?? null;
  const media = mediaType ? content[mediaType] : undefined;
  const example = firstExample(doc, media);
  const body = mediaType ? (example !== undefined ? example : sampleValue(doc, media?.schema, "body")) : undefined;
  return { method: method.toUpperCase(), path: filledPath, query, mediaType, body };
}
