// Plans a request for an operation from the spec alone: path and query values from the
// parameters' examples (or plausible values), the body from the request example (or a plausible
// body when the operation requires one and has no example). The recordings script and the
// recorder both build their requests here.
import type { HarPostData } from "./har.ts";
import { bareMediaType, isJsonMediaType, resolve, type Json, type SpecOperation } from "./openapi.ts";
import { knownValuesOf, plausibleValue, type KnownValues } from "./plausible-value.ts";

export interface PlannedBody {
  mediaType: string;
  value: unknown;
  /** "example": the spec's request example; "schema": derived from the schema (no example given). */
  source: "example" | "schema";
  /** The request body's `content.<mediaType>` object, for its schema and encoding. */
  media: Json;
}

export interface PlannedRequest {
  method: string;
  /** The path template filled in, relative to the server URL. */
  path: string;
  query: [string, string][];
  /** The value chosen for each path and query parameter sent, by name. */
  values: Record<string, unknown>;
  body?: PlannedBody;
}

export interface PlanHints {
  /** Values by parameter name, used before anything else (the recorder's `--param`). */
  values?: Record<string, unknown>;
  /** A response example: values missing elsewhere are taken from it by name (`data.id` for `{id}`). */
  responseExample?: unknown;
}

/** Query and form pairs the way Laravel reads them: `ids[]=1`, `filter[status]=x`. */
export function formPairs(name: string, value: unknown): [string, string][] {
  if (Array.isArray(value)) {
    return value.flatMap((v, i) =>
      v && typeof v === "object" ? formPairs(`${name}[${i}]`, v) : [[`${name}[]`, String(v)] as [string, string]],
    );
  }
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => formPairs(`${name}[${k}]`, v));
  return [[name, value === null ? "" : String(value)]];
}

function parameterExample(spec: Json, parameter: Json): { found: boolean; value?: unknown } {
  if ("example" in parameter) return { found: true, value: parameter.example };
  const first = Object.values<Json>(parameter.examples ?? {})[0];
  return first ? { found: true, value: resolve(spec, first, "").node.value } : { found: false };
}

/** The request example of a media type: a `vendorDoc` example first, then any other. */
export function mediaExample(spec: Json, media: Json): { found: boolean; value?: unknown } {
  const examples = Object.entries<Json>(media.examples ?? {});
  const chosen = examples.find(([name]) => name.startsWith("vendorDoc")) ?? examples[0];
  if (chosen) return { found: true, value: resolve(spec, chosen[1], "").node.value };
  return "example" in media ? { found: true, value: media.example } : { found: false };
}

function planBody(spec: Json, operation: SpecOperation, known: KnownValues): PlannedBody | undefined {
  if (!operation.operation.requestBody) return undefined;
  const body: Json = resolve(spec, operation.operation.requestBody, `${operation.pointer}/requestBody`).node;
  const entries = Object.entries<Json>(body.content ?? {});
  const withExample = entries.find(([, media]) => mediaExample(spec, media).found);
  const chosen = withExample ?? entries.find(([type]) => isJsonMediaType(type)) ?? entries[0];
  if (!chosen) return undefined;
  const [mediaType, media] = chosen;
  const example = mediaExample(spec, media);
  if (example.found) return { mediaType, value: example.value, source: "example", media };
  if (!body.required) return undefined;
  return { mediaType, value: plausibleValue(spec, media.schema ?? {}, "body", known), source: "schema", media };
}

export function planRequest(spec: Json, operation: SpecOperation, hints: PlanHints = {}): PlannedRequest {
  const known = knownValuesOf(hints.responseExample);
  let path = operation.path;
  const query: [string, string][] = [];
  const values: Record<string, unknown> = {};
  for (const { node: parameter } of operation.parameters) {
    if (parameter.in !== "path" && parameter.in !== "query") continue;
    const name: string = parameter.name;
    const given =
      hints.values && name in hints.values
        ? { found: true, value: hints.values[name] }
        : parameterExample(spec, parameter);
    if (parameter.in === "query" && !given.found && !parameter.required) continue;
    const value = given.found ? given.value : plausibleValue(spec, parameter.schema ?? {}, name, known);
    values[name] = value;
    if (parameter.in === "path") path = path.replace(`{${name}}`, encodeURIComponent(String(value)));
    else query.push(...formPairs(name, value));
  }
  const body = planBody(spec, operation, known);
  return { method: operation.method.toUpperCase(), path, query, values, ...(body ? { body } : {}) };
}

/** The HAR `postData` of a planned body: JSON as text, forms as fields (files as empty parts). */
export function postDataOf(spec: Json, body: PlannedBody): HarPostData {
  const bare = bareMediaType(body.mediaType);
  if (bare === "multipart/form-data" || bare === "application/x-www-form-urlencoded") {
    const schema: Json = resolve(spec, body.media.schema ?? {}, "").node ?? {};
    const fields = Object.entries((body.value ?? {}) as Json);
    if (bare === "application/x-www-form-urlencoded") {
      return { mimeType: bare, text: new URLSearchParams(fields.flatMap(([k, v]) => formPairs(k, v))).toString() };
    }
    const params = fields.flatMap(([name, value]) => {
      const property: Json = resolve(spec, schema.properties?.[name] ?? {}, "").node ?? {};
      if (property.format !== "binary") return formPairs(name, value).map(([n, v]) => ({ name: n, value: v }));
      const declared: string | undefined = body.media.encoding?.[name]?.contentType;
      const contentType = declared && !declared.includes("*") ? declared : "application/octet-stream";
      return [{ name, value: "", fileName: name, contentType }];
    });
    return { mimeType: bare, params };
  }
  return {
    mimeType: body.mediaType,
    text: isJsonMediaType(bare) ? JSON.stringify(body.value) : String(body.value ?? ""),
  };
}
