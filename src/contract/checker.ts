// Checks one recorded exchange (a HAR entry) against the spec: the operation it belongs to, the
// request's path, query and body, and the response's status, media type and body.
import { coerceFormValue, parseFormPairs, type FormValue } from "./form-values.ts";
import { header, responseText, type HarEntry, type HarPostData } from "./har.ts";
import {
  basePathsOf,
  bareMediaType,
  isJsonMediaType,
  joinPointer,
  operationsOf,
  type Json,
  type SpecOperation,
} from "./openapi.ts";
import { planOperation, schemaPointersOf, type OperationPlan, type ParameterPlan } from "./operation-plan.ts";
import { Router, type RouteMatch } from "./router.ts";
import { SpecValidators } from "./validators.ts";

export type FailureLocation =
  | "har"
  | "route"
  | "request.path"
  | "request.query"
  | "request.body"
  | "response.status"
  | "response.media-type"
  | "response.body"
  | "spec";

export interface ContractFailure {
  location: FailureLocation;
  /** JSON pointer into the checked part (the body, the query as an object, ...); "" is all of it. */
  pointer: string;
  /** Where in the spec the broken rule is written. */
  schemaPointer?: string;
  message: string;
}

export interface OperationName {
  id: string;
  method: string;
  path: string;
}

export interface EntryResult {
  /** Position of the entry in `log.entries`, from 0. */
  index: number;
  comment?: string;
  /** "GET https://..." as recorded. */
  request: string;
  operation?: OperationName;
  failures: ContractFailure[];
}

export interface CheckerOptions {
  /** Base paths the spec's paths are under; default: the path of each server URL ("/api/open"). */
  basePaths?: string[];
}

const fail = (
  location: FailureLocation,
  pointer: string,
  message: string,
  schemaPointer?: string,
): ContractFailure => ({
  location,
  pointer,
  message,
  ...(schemaPointer ? { schemaPointer } : {}),
});

const list = (items: Iterable<string>) => [...items].join(", ") || "none";

export class ContractChecker {
  readonly spec: Json;
  readonly operations: SpecOperation[];
  readonly #validators: SpecValidators;
  readonly #router: Router;
  readonly #plans = new Map<SpecOperation, OperationPlan>();

  constructor(spec: Json, options: CheckerOptions = {}) {
    this.spec = spec;
    this.operations = operationsOf(spec);
    this.#validators = new SpecValidators(spec);
    this.#router = new Router(this.operations, options.basePaths ?? basePathsOf(spec));
  }

  /** Compiles every schema the operations use, returning those that do not compile. */
  compileAll(): ContractFailure[] {
    const problems: ContractFailure[] = [];
    for (const operation of this.operations) {
      for (const pointer of schemaPointersOf(this.#plan(operation))) {
        try {
          this.#validators.validatorAt(pointer);
        } catch (error) {
          problems.push(fail("spec", "", `schema does not compile: ${(error as Error).message}`, `#${pointer}`));
        }
      }
    }
    return problems;
  }

  checkEntry(entry: HarEntry, index: number): EntryResult {
    const method = String(entry?.request?.method ?? "").toUpperCase();
    const result: EntryResult = { index, request: `${method} ${entry?.request?.url}`, failures: [] };
    if (typeof entry?.comment === "string") result.comment = entry.comment;
    if (!method || typeof entry.request.url !== "string" || typeof entry.response?.status !== "number") {
      result.failures.push(
        fail("har", "", "not a HAR entry: it needs request.method, request.url and response.status"),
      );
      return result;
    }
    let url: URL;
    try {
      url = new URL(entry.request.url);
    } catch {
      result.failures.push(fail("har", "/request/url", `not an absolute URL: ${entry.request.url}`));
      return result;
    }
    const route = this.#router.match(method, url);
    if (route.kind !== "operation") {
      result.failures.push(fail("route", "", describeUnmatched(route, method, url)));
      return result;
    }
    const { operation } = route;
    result.operation = { id: operation.id, method, path: operation.path };
    try {
      const plan = this.#plan(operation);
      const failures = result.failures;
      for (const p of plan.pathParameters)
        this.#checkParameter(failures, "request.path", p, route.pathParams[p.name] ?? "");
      this.#checkQuery(failures, plan, url);
      this.#checkRequestBody(failures, plan, entry);
      this.#checkResponse(failures, plan, entry);
    } catch (error) {
      result.failures.push(fail("spec", "", (error as Error).message));
    }
    return result;
  }

  #plan(operation: SpecOperation): OperationPlan {
    let plan = this.#plans.get(operation);
    if (!plan) {
      plan = planOperation(this.spec, operation);
      this.#plans.set(operation, plan);
    }
    return plan;
  }

  #validate(
    failures: ContractFailure[],
    location: FailureLocation,
    prefix: string,
    schemaPointer: string,
    value: unknown,
  ): void {
    for (const e of this.#validators.validate(schemaPointer, value))
      failures.push(fail(location, prefix + e.pointer, e.message, e.schemaPointer));
  }

  #checkParameter(
    failures: ContractFailure[],
    location: FailureLocation,
    parameter: ParameterPlan,
    raw: FormValue,
  ): void {
    if (!parameter.schemaPointer) return;
    const value = parameter.commaSeparated && typeof raw === "string" ? raw.split(",") : raw;
    this.#validate(
      failures,
      location,
      joinPointer("", parameter.name),
      parameter.schemaPointer,
      coerceFormValue(this.spec, parameter.schema, value),
    );
  }

  #checkQuery(failures: ContractFailure[], plan: OperationPlan, url: URL): void {
    if (!url.search && plan.queryParameters.every((p) => !p.required)) return;
    // A name declared with its brackets ("ids[]") is taken as sent; other names are parsed.
    const exact = new Map<string, FormValue>();
    const rest: [string, string][] = [];
    for (const [name, value] of url.searchParams) {
      if (!plan.queryNames.has(name)) rest.push([name, value]);
      else {
        const previous = exact.get(name);
        exact.set(name, previous === undefined ? value : [previous, value].flat());
      }
    }
    const values = parseFormPairs(rest);
    for (const [name, value] of exact) values.set(name, value);

    for (const parameter of plan.queryParameters) {
      const value = values.get(parameter.name);
      values.delete(parameter.name);
      if (value !== undefined) this.#checkParameter(failures, "request.query", parameter, value);
      else if (parameter.required)
        failures.push(
          fail(
            "request.query",
            joinPointer("", parameter.name),
            "required query parameter is missing",
            parameter.pointer,
          ),
        );
    }
    for (const name of values.keys()) {
      failures.push(
        fail(
          "request.query",
          joinPointer("", name),
          `is not a documented query parameter (documented: ${list(plan.queryNames)})`,
          `${plan.pointer}/parameters`,
        ),
      );
    }
  }

  #checkRequestBody(failures: ContractFailure[], plan: OperationPlan, entry: HarEntry): void {
    const postData = entry.request.postData;
    const sent = postData !== undefined && ((postData.text ?? "") !== "" || (postData.params?.length ?? 0) > 0);
    const body = plan.requestBody;
    if (!body) {
      if (sent) failures.push(fail("request.body", "", "the operation documents no request body", plan.pointer));
      return;
    }
    if (!sent) {
      if (body.required) failures.push(fail("request.body", "", "the required request body is missing", body.pointer));
      return;
    }
    const contentType = postData.mimeType || header(entry.request.headers ?? [], "content-type") || "";
    const mediaType = body.content.match(contentType);
    if (mediaType === undefined) {
      failures.push(
        fail(
          "request.body",
          "",
          `media type "${contentType}" is not documented (documented: ${list(body.content.mediaTypes)})`,
          body.content.pointer,
        ),
      );
      return;
    }
    const schema = body.content.schemaOf(mediaType);
    if (!schema) return;
    const bare = bareMediaType(contentType);
    if (isJsonMediaType(bare)) {
      const parsed = parseJson(postData.text ?? "");
      if (parsed.ok) this.#validate(failures, "request.body", "", schema.pointer, parsed.value);
      else failures.push(fail("request.body", "", `not valid JSON: ${parsed.error}`));
    } else if (bare === "multipart/form-data" || bare === "application/x-www-form-urlencoded") {
      const fields = Object.fromEntries(formFields(postData));
      this.#validate(failures, "request.body", "", schema.pointer, coerceFormValue(this.spec, schema.schema, fields));
    } // other media types (files) are checked by media type only
  }

  #checkResponse(failures: ContractFailure[], plan: OperationPlan, entry: HarEntry): void {
    const status = String(entry.response.status);
    const key = [status, `${status[0]}XX`, `${status[0]}xx`, "default"].find((k) => plan.responses.has(k));
    if (key === undefined) {
      failures.push(
        fail(
          "response.status",
          "",
          `status ${status} is not documented (documented: ${list(plan.responses.keys())})`,
          plan.responsesPointer,
        ),
      );
      return;
    }
    const response = plan.responses.get(key)!;
    const contentType = header(entry.response.headers ?? [], "content-type") || entry.response.content?.mimeType || "";
    const text = entry.response.content ? responseText(entry.response.content) : undefined;
    if (!response.content) {
      if (text)
        failures.push(
          fail(
            "response.media-type",
            "",
            `status ${status} documents no body, but one was sent (${contentType || "no content-type"})`,
            response.pointer,
          ),
        );
      return;
    }
    const mediaType = response.content.match(contentType);
    if (mediaType === undefined) {
      failures.push(
        fail(
          "response.media-type",
          "",
          `media type "${contentType || "none"}" is not documented for status ${status} (documented: ${list(response.content.mediaTypes)})`,
          response.content.pointer,
        ),
      );
      return;
    }
    const schema = response.content.schemaOf(mediaType);
    if (!isJsonMediaType(contentType) || !schema) return; // binary bodies: status and media type only
    if (text === undefined) {
      failures.push(fail("response.body", "", "the JSON body was not recorded (HAR content.text is missing)"));
      return;
    }
    const parsed = parseJson(text);
    if (parsed.ok) this.#validate(failures, "response.body", "", schema.pointer, parsed.value);
    else failures.push(fail("response.body", "", `not valid JSON: ${parsed.error}`));
  }
}

function describeUnmatched(route: Exclude<RouteMatch, { kind: "operation" }>, method: string, url: URL): string {
  switch (route.kind) {
    case "outside-base-path":
      return `${method} ${url.pathname} is not under the API's base path (${list(route.basePaths)})`;
    case "unknown-path":
      return `${method} ${route.path} matches no path of the spec`;
    case "method-not-documented":
      return `${method} is not documented for ${route.template} (documented: ${list(route.documented)})`;
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** The fields of a form body: HAR `params`, or the text of a URL-encoded body. */
function formFields(postData: HarPostData): Map<string, FormValue> {
  if (postData.params?.length) return parseFormPairs(postData.params.map((p) => [p.name, p.value ?? ""]));
  return parseFormPairs(new URLSearchParams(postData.text ?? ""));
}
