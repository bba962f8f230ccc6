// The one model of the spec: every operation of a bundled OpenAPI document with its `$ref`s
// resolved and its facts worked out once — parameters by location, the request body (media type,
// fields, files, where the SDK takes it), the responses, the success answer, the SDK name. The
// contract checker, the mock, the generators (SDK, recordings, ledger, docs samples), the benches
// and the tests all read operations here; none of them walks `paths` on its own.
import {
  basePathsOf,
  deref,
  HTTP_METHODS,
  isJsonMediaType,
  joinPointer,
  matchMediaType,
  resolve,
  type Json,
  type Located,
} from "./document.ts";
import { declaredTypes, isFileSchema, objectFields, requiresAnything } from "./schema.ts";
import { sdkNamesOf } from "./sdk-names.ts";

export type HttpMethod = (typeof HTTP_METHODS)[number];
export type ParameterLocation = "path" | "query" | "header" | "cookie";

/** A value found in the spec (an example), told apart from "none given" even when it is null. */
export type Found = { found: true; value: unknown } | { found: false };

export interface ParameterModel {
  name: string;
  in: ParameterLocation;
  required: boolean;
  /** The parameter object, `$ref` resolved, and where it was found. */
  node: Json;
  pointer: string;
  /** The schema as written (possibly a `$ref`) and its pointer; absent: nothing to validate. */
  schema?: Json;
  schemaPointer?: string;
  /** `explode: false` arrays arrive as one comma-separated value. */
  commaSeparated: boolean;
  /** The JSON pointer of its value among the request's parameters (`/per_page`). */
  valuePointer: string;
  /** The parameter's own example (`example`, else its first `examples` entry). */
  example: Found;
}

const MAX_MEMOISED_CONTENT_TYPES = 64;

/** A `content` map: which documented media type answers a content-type, memoised. */
export class ContentModel {
  readonly pointer: string;
  readonly mediaTypes: string[];
  readonly #content: Json;
  readonly #matches = new Map<string, string | undefined>();
  readonly #schemas = new Map<string, { schema: Json; pointer: string } | undefined>();

  constructor(content: Json, pointer: string) {
    this.#content = content;
    this.pointer = pointer;
    this.mediaTypes = Object.keys(content);
  }

  match(contentType: string): string | undefined {
    if (!this.#matches.has(contentType)) {
      // Content types come from recordings, which may hold any number of them: the memo is bounded.
      if (this.#matches.size >= MAX_MEMOISED_CONTENT_TYPES) this.#matches.clear();
      this.#matches.set(contentType, matchMediaType(this.#content, contentType));
    }
    return this.#matches.get(contentType);
  }

  media(mediaType: string): Json | undefined {
    return this.#content[mediaType];
  }

  /** The media type's schema as written, and its pointer (memoised: the checker asks for every entry). */
  schemaOf(mediaType: string): { schema: Json; pointer: string } | undefined {
    if (!this.#schemas.has(mediaType)) {
      const schema = this.#content[mediaType]?.schema;
      this.#schemas.set(mediaType, schema ? { schema, pointer: joinPointer(this.pointer, mediaType, "schema") } : undefined);
    }
    return this.#schemas.get(mediaType);
  }
}

export interface FileField {
  name: string;
  /** The declared part type (`encoding.<name>.contentType`) when it is one type, else octet-stream. */
  contentType: string;
}

export interface BodyModel {
  pointer: string;
  required: boolean;
  content: ContentModel;
  /** The media type a client sends: the first documented (every operation of this API documents one). */
  mediaType: string;
  media: Json;
  /** The body schema, `$ref` resolved. */
  schema: Json;
  /** Member names when the body only admits objects; undefined otherwise. */
  fields?: string[];
  /** Members sent as files (multipart), in the order of `fields`. */
  files: FileField[];
  /**
   * Where the SDK's one parameter object holds the body: `flat`, its members beside the parameters
   * (a required object body sharing no name with a parameter); `nested`, under the key `body`.
   */
  placement: "flat" | "nested";
  /** Whether leaving the body's members out is a type error (it requires some). */
  requiresMembers: boolean;
}

export interface ResponseModel {
  status: string;
  pointer: string;
  content?: ContentModel;
}

export interface SuccessModel {
  status: string;
  response: ResponseModel;
  /** The success media type (every operation documents one, or none for an empty answer). */
  mediaType?: string;
  media?: Json;
  /** A download: no JSON media type, answered as a Blob whatever its Content-Type says. */
  binary: boolean;
}

export interface EndpointInferred {
  printed: string;
  evidence: string;
  confidence: "high" | "medium" | "low";
}

export interface OperationModel {
  /** The operationId, or `METHOD /path` when the spec gives none. */
  id: string;
  method: HttpMethod;
  /** Path template relative to the server URL, as written in `paths`. */
  path: string;
  /** JSON pointer of the operation object in the document. */
  pointer: string;
  /** The operation object as written. */
  object: Json;
  summary: string;
  /** The first tag: the vendor doc's section. */
  tag: string;
  inferred?: EndpointInferred;
  /** Path-item and operation parameters merged (the operation's win), `$ref`s resolved. */
  parameters: ParameterModel[];
  pathParameters: ParameterModel[];
  queryParameters: ParameterModel[];
  /** Header parameters other than Accept-Language (which every operation takes as the `language` option). */
  headerParameters: ParameterModel[];
  queryNames: Set<string>;
  body?: BodyModel;
  /** Responses by status key as written ("200", "4XX", "default"). */
  responses: Map<string, ResponseModel>;
  responsesPointer: string;
  success?: SuccessModel;
  /** The SDK's `ngorder.<namespace>.<method>`. */
  sdk: { namespace: string; method: string };
}

export interface TagModel {
  name: string;
  description?: string;
  /** The SDK namespace: the tag's `x-sdk-name`, else its name in camelCase. */
  namespace: string;
  operations: OperationModel[];
}

export interface SpecModel {
  document: Json;
  operations: OperationModel[];
  /** Tags in the order of the root `tags` list (then any tag only operations name), each with its operations. */
  tags: TagModel[];
  basePaths: string[];
  /** The first server URL, without a trailing slash. */
  serverUrl: string;
  operation(id: string): OperationModel | undefined;
  /** Every JSON pointer of a schema an operation validates against. */
  schemaPointers(operation: OperationModel): string[];
}

const ACCEPT_LANGUAGE = "accept-language";
const OCTET_STREAM = "application/octet-stream";

function exampleOf(spec: Json, node: Json): Found {
  if ("example" in node) return { found: true, value: node.example };
  const first = Object.values<Json>(node.examples ?? {})[0];
  return first ? { found: true, value: deref(spec, first).value } : { found: false };
}

function parameterModel(spec: Json, { node, pointer }: Located<Json>): ParameterModel {
  return {
    name: String(node.name),
    in: node.in,
    required: node.required === true,
    node,
    pointer,
    ...(node.schema ? { schema: node.schema, schemaPointer: `${pointer}/schema` } : {}),
    commaSeparated: node.explode === false && declaredTypes(deref(spec, node.schema)).includes("array"),
    valuePointer: joinPointer("", String(node.name)),
    example: exampleOf(spec, node),
  };
}

function contentModel(node: Json, pointer: string): ContentModel | undefined {
  return node.content && Object.keys(node.content).length
    ? new ContentModel(node.content, `${pointer}/content`)
    : undefined;
}

function bodyModel(spec: Json, raw: Json, at: string, parameterNames: Set<string>): BodyModel {
  const { node, pointer } = resolve(spec, raw, at);
  const content = contentModel(node, pointer) ?? new ContentModel({}, `${pointer}/content`);
  const mediaType = content.mediaTypes[0] ?? OCTET_STREAM;
  const media = content.media(mediaType) ?? {};
  const schema = deref(spec, media.schema);
  const fields = objectFields(spec, media.schema);
  const files = (fields ?? [])
    .filter((name) => isFileSchema(deref(spec, schema.properties?.[name])))
    .map((name) => {
      const declared: string | undefined = media.encoding?.[name]?.contentType;
      return { name, contentType: declared && !/[*,]/.test(declared) ? declared : OCTET_STREAM };
    });
  const required = node.required === true;
  const flat = required && fields !== undefined && !fields.some((field) => parameterNames.has(field));
  return {
    pointer,
    required,
    content,
    mediaType,
    media,
    schema,
    ...(fields ? { fields } : {}),
    files,
    placement: flat ? "flat" : "nested",
    requiresMembers: requiresAnything(spec, media.schema),
  };
}

function successModel(responses: Map<string, ResponseModel>): SuccessModel | undefined {
  const status = [...responses.keys()].filter((code) => /^2\d\d$/.test(code)).sort()[0];
  if (status === undefined) return undefined;
  const response = responses.get(status)!;
  const mediaType = response.content?.mediaTypes[0];
  const media = mediaType === undefined ? undefined : response.content!.media(mediaType);
  const binary = response.content !== undefined && !response.content.mediaTypes.some(isJsonMediaType);
  return { status, response, ...(mediaType !== undefined ? { mediaType, media } : {}), binary };
}

function operationModel(spec: Json, path: string, method: HttpMethod, item: Located<Json>): OperationModel {
  const object: Json = item.node[method];
  const pointer = joinPointer(item.pointer, method);
  const byKey = new Map<string, Located<Json>>();
  const declared = [
    ...(item.node.parameters ?? []).map((p: Json, i: number) =>
      resolve(spec, p, joinPointer(item.pointer, "parameters", i)),
    ),
    ...(object.parameters ?? []).map((p: Json, i: number) => resolve(spec, p, joinPointer(pointer, "parameters", i))),
  ];
  for (const p of declared) byKey.set(`${p.node.in}:${p.node.name}`, p);
  const parameters = [...byKey.values()].map((p) => parameterModel(spec, p));
  const at = (where: string) => parameters.filter((p) => p.in === where);
  const query = at("query");
  const headers = at("header").filter((p) => p.name.toLowerCase() !== ACCEPT_LANGUAGE);
  const responsesPointer = `${pointer}/responses`;
  const responses = new Map<string, ResponseModel>();
  for (const [status, raw] of Object.entries<Json>(object.responses ?? {})) {
    const response = resolve(spec, raw, joinPointer(responsesPointer, status));
    const content = contentModel(response.node, response.pointer);
    responses.set(status, { status, pointer: response.pointer, ...(content ? { content } : {}) });
  }
  const parameterNames = new Set([...at("path"), ...query, ...headers].map((p) => p.name));
  const body = object.requestBody
    ? bodyModel(spec, object.requestBody, `${pointer}/requestBody`, parameterNames)
    : undefined;
  const success = successModel(responses);
  return {
    id: object.operationId ?? `${method.toUpperCase()} ${path}`,
    method,
    path,
    pointer,
    object,
    summary: object.summary ?? object.operationId ?? `${method.toUpperCase()} ${path}`,
    tag: object.tags?.[0] ?? "Untagged",
    ...(object["x-endpoint-inferred"] ? { inferred: object["x-endpoint-inferred"] } : {}),
    parameters,
    pathParameters: at("path"),
    queryParameters: query,
    headerParameters: headers,
    queryNames: new Set(query.map((p) => p.name)),
    ...(body ? { body } : {}),
    responses,
    responsesPointer,
    ...(success ? { success } : {}),
    sdk: { namespace: "", method: "" }, // named below, once every operation of its tag is known
  };
}

function tagsOf(spec: Json, operations: OperationModel[]): TagModel[] {
  const declared: Json[] = [...(spec.tags ?? [])];
  for (const { tag } of operations) if (!declared.some((t) => t.name === tag)) declared.push({ name: tag });
  return declared.flatMap((tag): TagModel[] => {
    const members = operations.filter((o) => o.tag === tag.name);
    if (!members.length) return [];
    const names = sdkNamesOf(tag, members);
    for (const operation of members) operation.sdk = { namespace: names.namespace, method: names.methods.get(operation)! };
    return [{ name: tag.name, ...(tag.description ? { description: tag.description } : {}), namespace: names.namespace, operations: members }];
  });
}

function schemaPointersOf(operation: OperationModel): string[] {
  const contents = [operation.body?.content, ...[...operation.responses.values()].map((r) => r.content)];
  return [
    ...[...operation.pathParameters, ...operation.queryParameters].flatMap((p) => (p.schemaPointer ? [p.schemaPointer] : [])),
    ...contents.flatMap((c) => (c ? c.mediaTypes.flatMap((m) => c.schemaOf(m)?.pointer ?? []) : [])),
  ];
}

function buildModel(spec: Json): SpecModel {
  const operations: OperationModel[] = [];
  for (const [path, rawItem] of Object.entries<Json>(spec.paths ?? {})) {
    const item = resolve(spec, rawItem, joinPointer("", "paths", path));
    for (const method of HTTP_METHODS) if (item.node[method]) operations.push(operationModel(spec, path, method, item));
  }
  const byId = new Map(operations.map((o) => [o.id, o]));
  return {
    document: spec,
    operations,
    tags: tagsOf(spec, operations),
    basePaths: basePathsOf(spec),
    serverUrl: String(spec.servers?.[0]?.url ?? "").replace(/\/+$/, ""),
    operation: (id) => byId.get(id),
    schemaPointers: schemaPointersOf,
  };
}

const models = new WeakMap<Json, SpecModel>();

/** The model of a bundled document, built once per document object and shared by every reader. */
export function specModel(spec: Json): SpecModel {
  let model = models.get(spec);
  if (!model) {
    model = buildModel(spec);
    models.set(spec, model);
  }
  return model;
}
