// Mutations of recorded exchanges that the contract check must catch, each with the failure it
// must report: where (request or response part), the JSON pointer, and the operation.
import type { ContractChecker, FailureLocation } from "../../src/contract/checker.ts";
import { header, type HarEntry } from "../../src/contract/har.ts";
import { deref, escapePointerToken, isJsonMediaType, joinPointer, type Json } from "../../src/spec/document.ts";
import type { ContentModel, OperationModel } from "../../src/spec/model.ts";
import { declaredTypes } from "../../src/spec/schema.ts";
import { deepest, isPlainObject, mutateAt, sitesOf, valueOfAnotherType, type Site } from "./schema-sites.ts";

/** The rule a mutation breaks, for checks that word their answer by rule (the mock's Laravel messages). */
export type BrokenRule =
  /** `field`: the member left out, where the pointer cannot name it (the body is then missing altogether). */
  | { kind: "required"; field?: string }
  | { kind: "type"; types: string[] }
  | { kind: "enum" }
  | { kind: "unknown" }
  | { kind: "json" }
  | { kind: "status" }
  | { kind: "route" };

export interface Mutation {
  name: string;
  apply(entry: HarEntry): void;
  expected: { location: FailureLocation; pointer: string; mentions: string[]; rule: BrokenRule };
}

const UNKNOWN = "__undocumented__";
const NOT_ALLOWED = "__not_allowed__";

/** A value of the site's type that its enum does not list, if there is one to make. */
function valueOutsideEnum(site: Site): unknown {
  if (!site.types.length || site.types.includes("string")) return NOT_ALLOWED;
  if (site.types.includes("integer") || site.types.includes("number"))
    return Math.max(0, ...site.allowed!.filter((v): v is number => typeof v === "number")) + 1;
  return undefined;
}

function parsedBody(text: string | undefined): unknown {
  return text === undefined ? undefined : JSON.parse(text);
}

function bodySchema(content: ContentModel | undefined, contentType: string): unknown {
  const mediaType = content?.match(contentType);
  return mediaType && isJsonMediaType(mediaType) ? content!.schemaOf(mediaType)?.schema : undefined;
}

/** Mutations of a JSON body (a response's or a request's) guided by its schema. */
function bodyMutations(
  spec: Json,
  part: "request.body" | "response.body",
  schema: unknown,
  body: unknown,
  edit: (entry: HarEntry, change: (body: unknown) => void) => void,
): Mutation[] {
  if (schema === undefined || body === undefined) return [];
  const sites = [...sitesOf(spec, schema, body)];
  const mutations: Mutation[] = [];
  const withRequired = deepest(
    sites,
    (s) => isPlainObject(s.value) && s.required.some((k) => k in (s.value as object)),
  );
  if (withRequired) {
    const property = withRequired.required.find((k) => k in (withRequired.value as object))!;
    const pointer = joinPointer(withRequired.pointer, property);
    mutations.push({
      name: `${part}: drop the required ${pointer}`,
      apply: (entry) => edit(entry, (b) => mutateAt(b, pointer, (parent, key) => delete parent[key])),
      expected: { location: part, pointer, mentions: [], rule: { kind: "required" } },
    });
  }
  const typed = deepest(
    sites,
    (s: Site) => s.pointer !== "" && s.types.length > 0 && (s.value === null || typeof s.value !== "object"),
  );
  if (typed) {
    const replacement = valueOfAnotherType(typed.types);
    mutations.push({
      name: `${part}: make ${typed.pointer} ${JSON.stringify(replacement)} (${typed.types.join("|")} documented)`,
      apply: (entry) => edit(entry, (b) => mutateAt(b, typed.pointer, (parent, key) => (parent[key] = replacement))),
      expected: { location: part, pointer: typed.pointer, mentions: [], rule: { kind: "type", types: typed.types } },
    });
  }
  const listed = deepest(sites, (s) => s.pointer !== "" && !!s.allowed && valueOutsideEnum(s) !== undefined);
  if (listed) {
    const replacement = valueOutsideEnum(listed);
    mutations.push({
      name: `${part}: make ${listed.pointer} ${JSON.stringify(replacement)}, a value its enum does not list`,
      apply: (entry) => edit(entry, (b) => mutateAt(b, listed.pointer, (parent, key) => (parent[key] = replacement))),
      expected: { location: part, pointer: listed.pointer, mentions: ["allowed values"], rule: { kind: "enum" } },
    });
  }
  const closed = deepest(
    sites,
    (s) => isPlainObject(s.value) && !s.open && (s.types.includes("object") || Object.keys(s.properties).length > 0),
  );
  if (closed) {
    const pointer = `${closed.pointer}/${escapePointerToken(UNKNOWN)}`;
    mutations.push({
      name: `${part}: add the undocumented ${pointer}`,
      apply: (entry) =>
        edit(entry, (b) =>
          closed.pointer === ""
            ? ((b as Json)[UNKNOWN] = 1)
            : mutateAt(b, closed.pointer, (parent, key) => (parent[key][UNKNOWN] = 1)),
        ),
      expected: { location: part, pointer, mentions: ["not a documented property"], rule: { kind: "unknown" } },
    });
  }
  return mutations;
}

function editResponseBody(entry: HarEntry, change: (body: unknown) => void): void {
  const body = parsedBody(entry.response.content.text);
  change(body);
  entry.response.content.text = JSON.stringify(body);
}

function editRequestBody(entry: HarEntry, change: (body: unknown) => void): void {
  const body = parsedBody(entry.request.postData!.text);
  change(body);
  entry.request.postData!.text = JSON.stringify(body);
}

/** Every mutation that applies to an entry matched to `operation`: of its response and of its request. */
export function mutationsOf(checker: ContractChecker, operation: OperationModel, entry: HarEntry): Mutation[] {
  const spec = checker.spec;
  const response = operation.responses.get(String(entry.response.status));
  const contentType = header(entry.response.headers, "content-type") ?? entry.response.content.mimeType;
  const mutations = bodyMutations(
    spec,
    "response.body",
    bodySchema(response?.content, contentType),
    isJsonMediaType(contentType) ? parsedBody(entry.response.content.text) : undefined,
    editResponseBody,
  );

  const documented = (status: number) =>
    [String(status), `${String(status)[0]}XX`, "default"].some((k) => operation.responses.has(k));
  const undocumented = [418, 299, 207, 599].find((s) => !documented(s));
  if (undocumented !== undefined) {
    mutations.push({
      name: `response.status: ${undocumented}`,
      apply: (e) => void (e.response.status = undocumented),
      expected: {
        location: "response.status",
        pointer: "",
        mentions: [`status ${undocumented} is not documented`],
        rule: { kind: "status" },
      },
    });
  }
  return [...mutations, ...requestMutationsOf(checker, operation, entry)];
}

function editUrl(entry: HarEntry, change: (url: URL) => void): void {
  const url = new URL(entry.request.url);
  change(url);
  entry.request.url = url.href;
}

/** Mutations of the query parameters the entry sends: a required one left out, a wrong type, a value outside the enum. */
function queryMutations(spec: Json, operation: OperationModel, entry: HarEntry): Mutation[] {
  const sent = new URL(entry.request.url).searchParams;
  const scalar = operation.queryParameters
    .filter((p) => sent.has(p.name))
    .map((p) => ({ name: p.name, required: p.required, schema: deref(spec, p.schema) }));
  const mutations: Mutation[] = [];
  const required = scalar.find((p) => p.required);
  if (required) {
    mutations.push({
      name: `request.query: leave out the required ${required.name}`,
      apply: (e) => editUrl(e, (url) => url.searchParams.delete(required.name)),
      expected: {
        location: "request.query",
        pointer: `/${escapePointerToken(required.name)}`,
        mentions: ["required query parameter is missing"],
        rule: { kind: "required" },
      },
    });
  }
  const integer = scalar.find((p) => declaredTypes(p.schema).includes("integer"));
  if (integer) {
    mutations.push({
      name: `request.query: ${integer.name} is not an integer`,
      apply: (e) => editUrl(e, (url) => url.searchParams.set(integer.name, "not-a-number")),
      expected: {
        location: "request.query",
        pointer: `/${escapePointerToken(integer.name)}`,
        mentions: ["must be integer"],
        rule: { kind: "type", types: declaredTypes(integer.schema) },
      },
    });
  }
  const listed = scalar.find((p) => Array.isArray(p.schema.enum) && declaredTypes(p.schema).includes("string"));
  if (listed) {
    mutations.push({
      name: `request.query: ${listed.name} is a value its enum does not list`,
      apply: (e) => editUrl(e, (url) => url.searchParams.set(listed.name, NOT_ALLOWED)),
      expected: {
        location: "request.query",
        pointer: `/${escapePointerToken(listed.name)}`,
        mentions: ["allowed values"],
        rule: { kind: "enum" },
      },
    });
  }
  mutations.push({
    name: "request.query: an undocumented parameter",
    apply: (e) => editUrl(e, (url) => url.searchParams.append(UNKNOWN, "1")),
    expected: {
      location: "request.query",
      pointer: `/${UNKNOWN}`,
      mentions: ["not a documented query parameter"],
      rule: { kind: "unknown" },
    },
  });
  return mutations;
}

/**
 * Mutations of a form body sent as HAR params: a required field (a file, say) left out. When it was
 * the only field, nothing is left to send: the check reports the required body as missing.
 */
function formMutations(spec: Json, operation: OperationModel, entry: HarEntry): Mutation[] {
  const params = entry.request.postData?.params;
  const required: string[] = deref(spec, operation.body?.media.schema).required ?? [];
  const dropped = params?.find((p) => required.includes(p.name));
  if (!params || !dropped) return [];
  const alone = params.every((p) => p.name === dropped.name);
  return [
    {
      name: `request.body: leave out the required form field ${dropped.name}${alone ? ", the only one" : ""}`,
      apply: (e) =>
        void (e.request.postData!.params = e.request.postData!.params!.filter((p) => p.name !== dropped.name)),
      expected: alone
        ? {
            location: "request.body",
            pointer: "",
            mentions: ["required request body is missing"],
            rule: { kind: "required", field: dropped.name },
          }
        : {
            location: "request.body",
            pointer: `/${escapePointerToken(dropped.name)}`,
            mentions: [],
            rule: { kind: "required" },
          },
    },
  ];
}

/** Every mutation of the request an entry sends: its body, its query and its path. */
export function requestMutationsOf(checker: ContractChecker, operation: OperationModel, entry: HarEntry): Mutation[] {
  const spec = checker.spec;
  const mutations: Mutation[] = [];
  const postData = entry.request.postData;
  if (postData?.text && isJsonMediaType(postData.mimeType) && operation.body) {
    mutations.push(
      ...bodyMutations(
        spec,
        "request.body",
        bodySchema(operation.body.content, postData.mimeType),
        parsedBody(postData.text),
        editRequestBody,
      ),
      {
        name: "request.body: malformed JSON (the closing bracket cut off)",
        apply: (e) => void (e.request.postData!.text = e.request.postData!.text!.trimEnd().slice(0, -1)),
        expected: { location: "request.body", pointer: "", mentions: ["not valid JSON"], rule: { kind: "json" } },
      },
    );
  }
  mutations.push(...formMutations(spec, operation, entry), ...queryMutations(spec, operation, entry));

  const integerPathParameter = operation.pathParameters.find((p) => deref(spec, p.schema).type === "integer");
  if (integerPathParameter) {
    const name = integerPathParameter.name;
    mutations.push({
      name: `request.path: {${name}} is not an integer`,
      apply: (e) =>
        editUrl(e, (url) => {
          const segments = url.pathname.split("/");
          const templateSegments = operation.path.split("/");
          const offset = segments.length - templateSegments.length;
          segments[offset + templateSegments.indexOf(`{${name}}`)] = "not-a-number";
          url.pathname = segments.join("/");
        }),
      expected: {
        location: "request.path",
        pointer: `/${name}`,
        mentions: ["must be integer"],
        rule: { kind: "type", types: ["integer"] },
      },
    });
  }
  return mutations;
}

/** A path under the base path that no operation has: the check names the request, not an operation. */
export function unknownPath(basePath: string): Mutation {
  return {
    name: "route: an unknown path",
    apply: (e) => {
      const url = new URL(e.request.url);
      url.pathname = `${basePath}/no-such-endpoint/42`;
      e.request.url = url.href;
    },
    expected: {
      location: "route",
      pointer: "",
      mentions: ["/no-such-endpoint/42", "matches no path of the spec"],
      rule: { kind: "route" },
    },
  };
}
