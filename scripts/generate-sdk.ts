// Generates generated/sdk.ts, the resource SDK, from the bundle (generated/openapi.json):
// `createNgorder(options)` returns one namespace per tag with one method per operation, each taking
// one parameter object and returning the success body (or throwing NgorderError).
//
// Naming rule:
// - The namespace is the tag's `x-sdk-name` (`Warehouse` → `warehouses`); a tag without one gets its
//   name in camelCase. Tags appear in the order of the root `tags` list.
// - The method is the operationId with the tag's noun taken out: the first of its candidate nouns,
//   longest first, that stands in the operationId as whole camelCase words (`listWarehouses` →
//   `list`, `getWarehouse` → `get`, `uploadShopLogo` → `uploadLogo`). The candidates are the
//   PascalCase `x-sdk-name` and tag name, each in singular and plural (`ies` ↔ `y`, `s`).
// - The method keeps the whole operationId when no noun stands in it, when taking it out would leave
//   nothing or a name of Object.prototype, or when two operations of the namespace would end up with
//   the same name (then both keep theirs).
//
// Parameter object: path, query and header parameters by name, and the request body's fields beside
// them ("flat") when the body is a required object whose fields share no name with a parameter;
// otherwise the body goes under `body` ("nested"). `Accept-Language` is the `language` option.
import { readFileSync, writeFileSync } from "node:fs";
import { operationsOf, resolve as resolveRef, successResponse } from "../src/contract/openapi.ts";
import { isMain, ROOT } from "./lib/paths.ts";

type Json = Record<string, any>;

const ACCEPT_LANGUAGE = "accept-language";

const pascal = (text: string) =>
  text
    .replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())
    .replace(/^./, (c) => c.toUpperCase());
const camel = (text: string) => pascal(text).replace(/^./, (c) => c.toLowerCase());
const singular = (noun: string) =>
  noun.endsWith("ies") ? `${noun.slice(0, -3)}y` : noun.endsWith("s") ? noun.slice(0, -1) : noun;
const plural = (noun: string) =>
  noun.endsWith("y") ? `${noun.slice(0, -1)}ies` : noun.endsWith("s") ? noun : `${noun}s`;

/** The operationId without the first candidate noun that stands in it as whole camelCase words. */
export function stripNoun(operationId: string, nouns: string[]): string | undefined {
  for (const noun of [...new Set(nouns)].sort((a, b) => b.length - a.length)) {
    for (let at = operationId.indexOf(noun, 1); at > 0; at = operationId.indexOf(noun, at + 1)) {
      const next = operationId[at + noun.length];
      if (next === undefined || /[A-Z0-9]/.test(next))
        return operationId.slice(0, at) + operationId.slice(at + noun.length);
    }
  }
  return undefined;
}

/** Method names for the operationIds of one namespace, by the rule in this file's header. */
export function methodNames(namespace: string, tagName: string, operationIds: string[]): Map<string, string> {
  const nouns = [pascal(namespace), pascal(tagName)].flatMap((noun) => [singular(noun), plural(noun)]);
  const names = new Map<string, string>();
  for (const id of operationIds) {
    const stripped = stripNoun(id, nouns);
    names.set(id, stripped && !(stripped in Object.prototype) ? stripped : id);
  }
  for (let clash = true; clash;) {
    clash = false;
    const owners = new Map<string, string[]>();
    for (const [id, name] of names) owners.set(name, [...(owners.get(name) ?? []), id]);
    for (const ids of owners.values()) {
      if (ids.length < 2) continue;
      for (const id of ids) {
        if (names.get(id) === id) continue;
        names.set(id, id);
        clash = true;
      }
    }
  }
  return names;
}

const resolve = (doc: Json, node: Json | undefined): Json | undefined =>
  node === undefined ? undefined : resolveRef(doc, node, "").node;

/** The property names of an object schema (through $ref and allOf), or undefined if it is no object. */
function objectFields(doc: Json, schema: Json | undefined): string[] | undefined {
  const s = resolve(doc, schema);
  if (!s) return undefined;
  if (s.allOf) {
    const parts = s.allOf.map((part: Json) => objectFields(doc, part));
    return parts.includes(undefined) ? undefined : parts.flat();
  }
  if (s.oneOf || s.anyOf) return undefined;
  const isObject =
    s.type === "object" ||
    (Array.isArray(s.type) ? s.type.length === 1 && s.type[0] === "object" : s.type === undefined && s.properties);
  return isObject ? Object.keys(s.properties ?? {}) : undefined;
}

function hasRequiredField(doc: Json, schema: Json | undefined): boolean {
  const s = resolve(doc, schema);
  return Boolean(s?.required?.length) || (s?.allOf ?? []).some((part: Json) => hasRequiredField(doc, part));
}

interface Operation {
  method: string;
  path: string;
  op: Json;
  parameters: Json[];
}

const literal = (value: unknown) => JSON.stringify(value);
const comment = (text: string) => text.replace(/\*\//g, "*\\/");

function jsdoc(op: Operation, indent: string): string {
  const lines: string[] = [op.op.summary ?? op.op.operationId];
  const inferred = op.op["x-endpoint-inferred"];
  if (inferred) {
    lines.push(
      "",
      `⚠️ Endpoint inferred (confidence: ${inferred.confidence ?? "unknown"}): the vendor doc prints \`${inferred.printed ?? "?"}\`. ${inferred.evidence ?? ""}`.trim(),
    );
  }
  if (op.op.description) lines.push("", ...String(op.op.description).trim().split("\n"));
  lines.push("", `\`${op.method.toUpperCase()} ${op.path}\` (operationId \`${op.op.operationId}\`)`);
  if (op.op.deprecated) lines.push("@deprecated");
  return [`${indent}/**`, ...lines.map((line) => `${indent} *${line ? ` ${comment(line)}` : ""}`), `${indent} */`].join(
    "\n",
  );
}

interface Signature {
  /** The OperationSpec literal handed to the runtime. */
  spec: string;
  /** Where the request body goes in the parameter object, if the operation has one. */
  body?: "flat" | "nested";
  params: string;
  paramsRequired: boolean;
  result: string;
}

/** The parameter object's type, and where the runtime finds the body and the query in it. */
function parameterObject(
  doc: Json,
  { op, parameters }: Operation,
  ref: string,
  spec: Json,
): Pick<Signature, "params" | "paramsRequired"> {
  const byPlace = (place: string) =>
    parameters.filter((p) => p.in === place && !(place === "header" && p.name.toLowerCase() === ACCEPT_LANGUAGE));
  const [pathParams, queryParams, headerParams] = ["path", "query", "header"].map(byPlace) as [Json[], Json[], Json[]];
  const names = new Set([...pathParams, ...queryParams, ...headerParams].map((p) => p.name as string));
  const parts: string[] = [];
  let required = pathParams.length > 0 || [...queryParams, ...headerParams].some((p) => p.required);
  if (pathParams.length) parts.push(`${ref}["parameters"]["path"]`);
  if (queryParams.length) parts.push(`NonNullable<${ref}["parameters"]["query"]>`);
  if (headerParams.length) {
    parts.push(`Omit<NonNullable<${ref}["parameters"]["header"]>, "Accept-Language">`);
    spec.header = headerParams.map((p) => p.name);
  }
  const requestBody = resolve(doc, op.requestBody);
  if (requestBody) {
    const [mediaType, media] = Object.entries<Json>(requestBody.content ?? {})[0] ?? [];
    const bodyType = `NonNullable<${ref}["requestBody"]>["content"][${literal(mediaType)}]`;
    const fields = objectFields(doc, media?.schema);
    if (requestBody.required && fields && !fields.some((f) => names.has(f))) {
      spec.body = "flat";
      parts.push(bodyType);
      required ||= hasRequiredField(doc, media?.schema);
    } else {
      spec.body = "nested";
      parts.push(requestBody.required ? `{ body: ${bodyType} }` : `{ body?: ${bodyType} }`);
      required ||= Boolean(requestBody.required);
    }
    if (queryParams.length) spec.query = queryParams.map((p) => p.name);
  }
  return { params: parts.join(" & ") || "Record<string, never>", paramsRequired: required };
}

/** The success body's type: the JSON of the first 2xx answer, a Blob for a download, or undefined. */
function resultType(doc: Json, { op }: Operation, ref: string, spec: Json): string {
  const success = successResponse(doc, op);
  const status = success?.status;
  const mediaTypes = Object.keys(success?.response.content ?? {});
  const json = mediaTypes.filter((m) => /json/i.test(m));
  if (!mediaTypes.length) return "undefined";
  if (!json.length) {
    spec.binary = true;
    return "Blob";
  }
  const jsonTypes = json.map((m) => `${ref}["responses"][${status}]["content"][${literal(m)}]`);
  return [...jsonTypes, ...(json.length < mediaTypes.length ? ["Blob"] : [])].join(" | ");
}

function signature(doc: Json, operation: Operation): Signature {
  const id = operation.op.operationId as string;
  const ref = `operations[${literal(id)}]`;
  const spec: Json = { method: operation.method.toUpperCase(), path: operation.path, operationId: id };
  const params = parameterObject(doc, operation, ref, spec);
  const result = resultType(doc, operation, ref, spec);
  const specText = `{ ${Object.entries(spec)
    .map(([key, value]) => `${key}: ${literal(value).replace(/,/g, ", ")}`)
    .join(", ")} }`;
  return { spec: specText, ...params, result, ...(spec.body ? { body: spec.body } : {}) };
}

export interface SdkCall {
  namespace: string;
  method: string;
  operation: Operation;
  signature: Signature;
}

/** Every operation as an SDK method, grouped by tag in the order of the root `tags` list. */
export function sdkMethods(doc: Json): { tag: Json; namespace: string; methods: SdkCall[] }[] {
  const operations: Operation[] = operationsOf(doc).map(({ method, path, operation: op, parameters }) => {
    if (!op.operationId || !op.tags?.length)
      throw new Error(`${method.toUpperCase()} ${path} needs an operationId and a tag for the SDK`);
    return { method, path, op, parameters: parameters.map((p) => p.node) };
  });
  const tags: Json[] = [...(doc.tags ?? [])];
  for (const { op } of operations) if (!tags.some((t) => t.name === op.tags[0])) tags.push({ name: op.tags[0] });
  return tags.flatMap((tag) => {
    const ops = operations.filter((o) => o.op.tags[0] === tag.name);
    if (!ops.length) return [];
    const namespace: string = tag["x-sdk-name"] ?? camel(tag.name);
    const names = methodNames(
      namespace,
      tag.name,
      ops.map((o) => o.op.operationId),
    );
    return [
      {
        tag,
        namespace,
        methods: ops.map((o) => ({
          namespace,
          method: names.get(o.op.operationId)!,
          operation: o,
          signature: signature(doc, o),
        })),
      },
    ];
  });
}

export function renderSdk(doc: Json): string {
  const interfaces: string[] = [];
  const members: string[] = [];
  const values: string[] = [];
  for (const { tag, namespace, methods: sdk } of sdkMethods(doc)) {
    const api = `${pascal(namespace)}Api`;
    const tagDoc = `  /** ${comment(tag.name)}${
      tag.description
        ? `: ${comment(
            String(tag.description)
              .trim()
              .replace(/\s*\n\s*/g, " "),
          )}`
        : ""
    } */`;
    const methods: string[] = [];
    const implementations: string[] = [];
    for (const {
      method: name,
      operation: o,
      signature: { spec, params, paramsRequired, result },
    } of sdk) {
      methods.push(
        `${jsdoc(o, "  ")}\n  ${name}(params${paramsRequired ? "" : "?"}: ${params}, options?: CallOptions): Promise<${result}>;`,
      );
      implementations.push(`      ${name}: op(${spec}),`);
    }
    interfaces.push(`${tagDoc.trimStart()}\nexport interface ${api} {\n${methods.join("\n\n")}\n}`);
    members.push(`${tagDoc}\n  readonly ${namespace}: ${api};`);
    values.push(`    ${namespace}: {\n${implementations.join("\n")}\n    },`);
  }

  return `// Generated by scripts/generate-sdk.ts from generated/openapi.json. Do not edit.
// The naming rule for namespaces and methods is written at the top of scripts/generate-sdk.ts.
import type { operations } from "./schema.d.ts";
import { createCaller } from "../src/client.ts";
import { operation, type OperationSpec } from "../src/operation.ts";
import type { CallOptions, NgorderClientOptions } from "../src/types.ts";

${interfaces.join("\n\n")}

/** The Ngorder Open API as one namespace per section of the vendor doc. */
export interface Ngorder {
${members.join("\n")}
}

/**
 * The resource SDK: \`ngorder.warehouses.get({ id: 22 })\`. Each method takes one parameter object
 * and call options (\`language\`, \`signal\`, \`timeoutMs\`, \`retry\`), returns the success body and
 * throws NgorderError on failure.
 */
export function createNgorder(options: NgorderClientOptions): Ngorder {
  const call = createCaller(options);
  const op = (spec: OperationSpec) => operation(call, spec);
  return {
${values.join("\n")}
  };
}
`;
}

export function generateSdk(): void {
  const doc = JSON.parse(readFileSync(`${ROOT}generated/openapi.json`, "utf8"));
  writeFileSync(`${ROOT}generated/sdk.ts`, renderSdk(doc));
}

if (isMain(import.meta.url)) {
  generateSdk();
  console.log("generated generated/sdk.ts");
}
