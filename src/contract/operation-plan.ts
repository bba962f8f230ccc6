// What checking an operation needs, worked out once per operation: its parameters, request body
// and responses with `$ref`s resolved and the JSON pointers of their schemas, so checking an
// entry is lookups and validator calls only.
import { joinPointer, matchMediaType, resolve, type Json, type SpecOperation } from "./openapi.ts";

export interface ParameterPlan {
  name: string;
  required: boolean;
  /** Where the parameter is declared, and its schema's pointer (absent: nothing to validate). */
  pointer: string;
  schemaPointer?: string;
  schema?: Json;
  /** `explode: false` arrays arrive as one comma-separated value. */
  commaSeparated: boolean;
}

/** A `content` map: which documented media type answers a content-type, memoised. */
export class ContentPlan {
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
    if (!this.#matches.has(contentType)) this.#matches.set(contentType, matchMediaType(this.#content, contentType));
    return this.#matches.get(contentType);
  }

  schemaOf(mediaType: string): { schema: Json; pointer: string } | undefined {
    if (!this.#schemas.has(mediaType)) {
      const schema = this.#content[mediaType]?.schema;
      this.#schemas.set(
        mediaType,
        schema ? { schema, pointer: joinPointer(this.pointer, mediaType, "schema") } : undefined,
      );
    }
    return this.#schemas.get(mediaType);
  }
}

export interface ResponsePlan {
  pointer: string;
  content?: ContentPlan;
}

export interface OperationPlan {
  pointer: string;
  pathParameters: ParameterPlan[];
  queryParameters: ParameterPlan[];
  queryNames: Set<string>;
  requestBody?: { pointer: string; required: boolean; content: ContentPlan };
  /** Responses by status key as written ("200", "4XX", "default"). */
  responses: Map<string, ResponsePlan>;
  responsesPointer: string;
}

function parameterPlan(spec: Json, declared: { node: Json; pointer: string }): ParameterPlan {
  const { node, pointer } = declared;
  const schema = node.schema ? resolve(spec, node.schema, "").node : undefined;
  return {
    name: String(node.name),
    required: node.required === true,
    pointer,
    ...(node.schema ? { schemaPointer: `${pointer}/schema`, schema: node.schema } : {}),
    commaSeparated: node.explode === false && [schema?.type].flat().includes("array"),
  };
}

function contentPlan(node: Json, pointer: string): ContentPlan | undefined {
  return node.content && Object.keys(node.content).length
    ? new ContentPlan(node.content, `${pointer}/content`)
    : undefined;
}

export function planOperation(spec: Json, operation: SpecOperation): OperationPlan {
  const parameters = (where: string) =>
    operation.parameters.filter((p) => p.node.in === where).map((p) => parameterPlan(spec, p));
  const queryParameters = parameters("query");
  const plan: OperationPlan = {
    pointer: operation.pointer,
    pathParameters: parameters("path"),
    queryParameters,
    queryNames: new Set(queryParameters.map((p) => p.name)),
    responses: new Map(),
    responsesPointer: `${operation.pointer}/responses`,
  };
  if (operation.operation.requestBody) {
    const body = resolve(spec, operation.operation.requestBody, `${operation.pointer}/requestBody`);
    const content = contentPlan(body.node, body.pointer) ?? new ContentPlan({}, `${body.pointer}/content`);
    plan.requestBody = { pointer: body.pointer, required: body.node.required === true, content };
  }
  for (const [status, raw] of Object.entries<Json>(operation.operation.responses ?? {})) {
    const response = resolve(spec, raw, joinPointer(plan.responsesPointer, status));
    const content = contentPlan(response.node, response.pointer);
    plan.responses.set(status, { pointer: response.pointer, ...(content ? { content } : {}) });
  }
  return plan;
}

/** The pointers of every schema a plan validates against. */
export function schemaPointersOf(plan: OperationPlan): string[] {
  const contents = [plan.requestBody?.content, ...[...plan.responses.values()].map((r) => r.content)];
  return [
    ...[...plan.pathParameters, ...plan.queryParameters].flatMap((p) => (p.schemaPointer ? [p.schemaPointer] : [])),
    ...contents.flatMap((c) => (c ? c.mediaTypes.flatMap((m) => c.schemaOf(m)?.pointer ?? []) : [])),
  ];
}
