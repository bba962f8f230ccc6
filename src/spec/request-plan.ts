// Plans a request for an operation from the spec alone: path and query values from the
// parameters' examples (or plausible values), the body from the request example (or a plausible
// body when the operation requires one and has no example). The recordings, the recorder, the docs
// samples and the mock's tests all build their requests here.
import { formPairs } from "../wire.ts";
import { deref, type Json } from "./document.ts";
import type { Found, OperationModel, SpecModel } from "./model.ts";
import { knownValuesOf, plausibleValue, type KnownValues } from "./sample-values.ts";

export interface PlannedBody {
  mediaType: string;
  value: unknown;
  /** "example": the spec's request example; "schema": derived from the schema (no example given). */
  source: "example" | "schema";
}

export interface PlannedRequest {
  method: string;
  /** The path template filled in, relative to the server URL. */
  path: string;
  /** Query pairs in the wire format (src/wire.ts). */
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

/** The example of a media type object: a `vendorDoc` example first, then any other. */
export function mediaExample(spec: Json, media: Json | undefined): Found {
  const examples = Object.entries<Json>(media?.examples ?? {});
  const chosen = examples.find(([name]) => name.startsWith("vendorDoc")) ?? examples[0];
  if (chosen) return { found: true, value: deref(spec, chosen[1]).value };
  return media && "example" in media ? { found: true, value: media.example } : { found: false };
}

/** The example of an operation's success answer (its JSON body), if it has one. */
export function successExample(model: SpecModel, operation: OperationModel): Found {
  const success = operation.success;
  return success && !success.binary ? mediaExample(model.document, success.media) : { found: false };
}

function planBody(model: SpecModel, operation: OperationModel, known: KnownValues): PlannedBody | undefined {
  const body = operation.body;
  if (!body) return undefined;
  const example = mediaExample(model.document, body.media);
  if (example.found) return { mediaType: body.mediaType, value: example.value, source: "example" };
  if (!body.required) return undefined;
  const value = plausibleValue(model.document, body.media.schema ?? {}, "body", known);
  return { mediaType: body.mediaType, value, source: "schema" };
}

export function planRequest(model: SpecModel, operation: OperationModel, hints: PlanHints = {}): PlannedRequest {
  const success = successExample(model, operation);
  const responseExample = "responseExample" in hints ? hints.responseExample : success.found ? success.value : undefined;
  const known = knownValuesOf(responseExample);
  let path = operation.path;
  const query: Record<string, unknown> = {};
  const values: Record<string, unknown> = {};
  for (const parameter of [...operation.pathParameters, ...operation.queryParameters]) {
    const { name } = parameter;
    const given: Found =
      hints.values && name in hints.values ? { found: true, value: hints.values[name] } : parameter.example;
    // Optional query parameters are sent when a value is given or the spec has an example.
    if (parameter.in === "query" && !given.found && !parameter.required) continue;
    const value = given.found ? given.value : plausibleValue(model.document, parameter.schema ?? {}, name, known);
    values[name] = value;
    if (parameter.in === "path") path = path.replace(`{${name}}`, encodeURIComponent(String(value)));
    else query[name] = value;
  }
  const body = planBody(model, operation, known);
  return {
    method: operation.method.toUpperCase(),
    path,
    query: formPairs(query) as [string, string][],
    values,
    ...(body ? { body } : {}),
  };
}
