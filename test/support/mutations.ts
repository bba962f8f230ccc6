// Mutations of recorded exchanges that the contract check must catch, each with the failure it
// must report: where (request or response part), the JSON pointer, and the operation.
import type { ContractChecker, FailureLocation } from "../../src/contract/checker.ts";
import { header, type HarEntry } from "../../src/contract/har.ts";
import { deref, escapePointerToken, isJsonMediaType, joinPointer, type Json } from "../../src/spec/document.ts";
import type { ContentModel, OperationModel } from "../../src/spec/model.ts";
import { deepest, isPlainObject, mutateAt, sitesOf, valueOfAnotherType, type Site } from "./schema-sites.ts";

export interface Mutation {
  name: string;
  apply(entry: HarEntry): void;
  expected: { location: FailureLocation; pointer: string; mentions: string[] };
}

const UNKNOWN = "__undocumented__";

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
      expected: { location: part, pointer, mentions: [] },
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
      expected: { location: part, pointer: typed.pointer, mentions: [] },
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
      expected: { location: part, pointer, mentions: ["not a documented property"] },
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

/** Every mutation that applies to an entry matched to `operation`. */
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
    );
  }

  const documented = (status: number) =>
    [String(status), `${String(status)[0]}XX`, "default"].some((k) => operation.responses.has(k));
  const undocumented = [418, 299, 207, 599].find((s) => !documented(s));
  if (undocumented !== undefined) {
    mutations.push({
      name: `response.status: ${undocumented}`,
      apply: (e) => void (e.response.status = undocumented),
      expected: { location: "response.status", pointer: "", mentions: [`status ${undocumented} is not documented`] },
    });
  }

  mutations.push({
    name: "request.query: an undocumented parameter",
    apply: (e) => {
      const url = new URL(e.request.url);
      url.searchParams.append(UNKNOWN, "1");
      e.request.url = url.href;
    },
    expected: { location: "request.query", pointer: `/${UNKNOWN}`, mentions: ["not a documented query parameter"] },
  });

  const integerPathParameter = operation.pathParameters.find((p) => deref(spec, p.schema).type === "integer");
  if (integerPathParameter) {
    const name = integerPathParameter.name;
    mutations.push({
      name: `request.path: {${name}} is not an integer`,
      apply: (e) => {
        const url = new URL(e.request.url);
        const segments = url.pathname.split("/");
        const templateSegments = operation.path.split("/");
        const offset = segments.length - templateSegments.length;
        segments[offset + templateSegments.indexOf(`{${name}}`)] = "not-a-number";
        url.pathname = segments.join("/");
        e.request.url = url.href;
      },
      expected: { location: "request.path", pointer: `/${name}`, mentions: ["must be integer"] },
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
    expected: { location: "route", pointer: "", mentions: ["/no-such-endpoint/42", "matches no path of the spec"] },
  };
}
