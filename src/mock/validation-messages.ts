// Turns the contract checker's request failures into the messages this Laravel API answers an
// invalid request with: per field, keyed by the field's dotted path (`products.0.product_status`),
// in Laravel's standard wording, in English or Indonesian (messages.json). The rule behind each
// failure is the JSON Schema keyword the checker reports (for the checker's own failures, where in
// the spec the rule is written), never the checker's wording.
import type { ContractFailure } from "../contract/checker.ts";
import { nodeThroughRefs, unescapePointerToken, type Json } from "../spec/document.ts";
import type { OperationModel } from "../spec/model.ts";
import catalogue from "./messages.json" with { type: "json" };

export type Language = "en" | "id";
type MessageKey = Exclude<keyof typeof catalogue.en, "$comment">;

interface Rule {
  key: MessageKey;
  params?: Record<string, string>;
}

/** What the message of a whole-body problem needs beside the failure. */
export interface BodyContext {
  /** The Content-Type sent, if any. */
  contentType?: string;
  /** Why the JSON body did not parse. */
  jsonError?: string;
}

/** The language of the messages: `id` when Accept-Language prefers Indonesian to English, else `en`. */
export function languageOf(acceptLanguage: string | undefined): Language {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { primary: tag.trim().toLowerCase().split("-")[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ primary, q }) => (primary === "id" || primary === "en") && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.primary === "id" ? "id" : "en";
}

/** `/products/0/product_status` → `products.0.product_status`. */
export function dottedPath(pointer: string): string {
  return pointer.split("/").slice(1).map(unescapePointerToken).join(".");
}

/** Laravel's Str::snake: `userId` → `user_id`; lower-case names are left alone. */
function snake(name: string): string {
  if (/^[a-z]+$/.test(name)) return name;
  const words = name.replace(/(^|\s)(\S)/g, (_, space: string, first: string) => space + first.toUpperCase());
  return words
    .replace(/\s+/g, "")
    .replace(/(.)(?=[A-Z])/gu, "$1_")
    .toLowerCase();
}

/**
 * A field as Laravel names it in a message: underscores read as spaces (`payment.cost of goods
 * sales`), except below an array index, where Laravel's wildcard rules show the path as it is
 * (`products.0.product_status`) — both as in the vendor doc's example error.
 */
export function displayName(field: string): string {
  return field.split(".").some((segment) => /^\d+$/.test(segment)) ? field : snake(field).replace(/_/g, " ");
}

function render(language: Language, rule: Rule, attribute: string): string {
  const params: Record<string, string> = {
    attribute,
    Attribute: attribute.charAt(0).toUpperCase() + attribute.slice(1),
    ...rule.params,
  };
  return catalogue[language][rule.key].replace(/:([A-Za-z]+)/g, (whole, name: string) => params[name] ?? whole);
}

const TYPE_RULES: Record<string, MessageKey> = {
  integer: "integer",
  number: "numeric",
  string: "string",
  boolean: "boolean",
  array: "array",
  object: "array", // Laravel's objects are PHP arrays
};

const FORMAT_RULES: Record<string, Rule> = {
  date: { key: "date_format", params: { format: "Y-m-d" } },
  "date-time": { key: "date" },
  email: { key: "email" },
  uri: { key: "url" },
  url: { key: "url" },
  uuid: { key: "uuid" },
};

const LIMIT_RULES: Record<string, [MessageKey, string]> = {
  maximum: ["max.numeric", "max"],
  minimum: ["min.numeric", "min"],
  exclusiveMaximum: ["lt.numeric", "value"],
  exclusiveMinimum: ["gt.numeric", "value"],
  maxLength: ["max.string", "max"],
  minLength: ["min.string", "min"],
  maxItems: ["max.array", "max"],
  minItems: ["min.array", "min"],
  multipleOf: ["multiple_of", "value"],
};

const parentField = (field: string) => field.split(".").slice(0, -1);
const sibling = (field: string, name: string) => [...parentField(field), name].join(".");

/** The rule a failed schema keyword stands for; `undefined` for keywords whose own failures say it better. */
function schemaRule(spec: Json, failure: ContractFailure, field: string): Rule | undefined {
  const params = failure.params ?? {};
  switch (failure.keyword) {
    case "required":
      return requiredIf(spec, failure.schemaPointer, field) ?? { key: "required" };
    case "dependentRequired":
      return (
        requiredIf(spec, failure.schemaPointer, field) ?? {
          key: "required_with",
          params: { values: displayName(sibling(field, String(params.property))) },
        }
      );
    case "type": {
      const type = String(params.type)
        .split(",")
        .find((t) => t !== "null");
      return { key: (type && TYPE_RULES[type]) || "invalid" };
    }
    case "enum":
    case "const":
    case "not":
    case "oneOf":
    case "anyOf":
      return { key: "in" };
    case "format":
      return FORMAT_RULES[String(params.format)] ?? { key: "regex" };
    case "pattern":
      return { key: "regex" };
    case "uniqueItems":
      return { key: "distinct" };
    case "unevaluatedProperties":
    case "additionalProperties":
    case "propertyNames":
      return { key: "prohibited" };
    case "if":
      return undefined; // the failing `then` is reported on its own
  }
  const limit = LIMIT_RULES[failure.keyword ?? ""];
  return limit
    ? { key: limit[0], params: { [limit[1]]: String(params.limit ?? params.multipleOf) } }
    : { key: "invalid" };
}

/**
 * Laravel's required_if, where the spec writes it as `then: {required}` (or `then: {dependentRequired}`) beside
 * `if: {properties: {x: {const}}}`: found when the schema pointer leads to the `if` (Ajv reports
 * the paths of referenced schemas from the reference, so it does not always).
 */
function requiredIf(spec: Json, schemaPointer: string | undefined, field: string): Rule | undefined {
  const then = schemaPointer?.replace(/^#/, "").replace(/\/(required|dependentRequired)$/, "");
  if (!then?.endsWith("/then")) return undefined;
  let condition: Json | undefined;
  try {
    condition = nodeThroughRefs(spec, `${then.slice(0, -"/then".length)}/if`);
  } catch {
    return undefined; // a pointer Ajv made relative to a reference: no condition to name
  }
  const [other, rule] = Object.entries<Json>(condition?.properties ?? {}).find(([, r]) => "const" in r) ?? [];
  if (other === undefined) return undefined;
  return { key: "required_if", params: { other: displayName(sibling(field, other)), value: String(rule!.const) } };
}

/** Whether a failure says the operation's required request body was not sent. */
export function isMissingBody(operation: OperationModel, failure: ContractFailure): boolean {
  return (
    failure.location === "request.body" && failure.pointer === "" && failure.schemaPointer === operation.body?.pointer
  );
}

/** The rule of a failure of the whole body that is not a schema's (the checker's own). */
function bodyRule(operation: OperationModel, failure: ContractFailure, context: BodyContext): Rule {
  const types = (operation.body?.content.mediaTypes ?? []).join(" or ");
  const sent = context.contentType?.split(";")[0]?.trim() || "none";
  if (failure.schemaPointer === undefined)
    return { key: "body_json", params: { error: context.jsonError ?? failure.message } };
  if (isMissingBody(operation, failure)) return { key: "body_required", params: { types } };
  if (failure.schemaPointer === operation.body?.content.pointer)
    return { key: "body_media_type", params: { types, type: sent } };
  if (failure.schemaPointer === operation.pointer) return { key: "body_unexpected" };
  return { key: "invalid" };
}

/** The rule a failure breaks: its schema keyword, or, for the checker's own failures, where the spec states the rule. */
function ruleOf(
  spec: Json,
  operation: OperationModel,
  failure: ContractFailure,
  field: string,
  context: BodyContext,
): Rule | undefined {
  if (failure.keyword) return schemaRule(spec, failure, field);
  if (failure.location === "request.body" && field === "") return bodyRule(operation, failure, context);
  const at = failure.schemaPointer?.replace(/^#/, "");
  if (operation.parameters.some((p) => p.pointer === at)) return { key: "required" }; // a required parameter left out
  if (at === `${operation.pointer}/parameters`) return { key: "prohibited" }; // an undocumented query parameter
  return { key: "invalid" }; // a form name the wire format refused to read
}

/** The message of a form body that could not be parsed as its media type. */
export function unreadableBodyMessage(language: Language, contentType: string): string {
  const type = contentType.split(";")[0]!.trim();
  return render(language, { key: "body_unreadable", params: { type } }, catalogue[language].body);
}

/**
 * The `message` of the answer to an invalid request: the messages per dotted field, or, when the
 * body itself could not be read as documented, a sentence saying why (then any field messages).
 */
export function validationMessage(
  spec: Json,
  operation: OperationModel,
  failures: ContractFailure[],
  language: Language,
  context: BodyContext = {},
): string | Record<string, string[]> {
  const fields = new Map<string, string[]>(); // a Map: field names come from the request
  const sentences: string[] = [];
  for (const failure of failures) {
    const field = dottedPath(failure.pointer);
    const whole = failure.location === "request.body" && field === "";
    const rule = ruleOf(spec, operation, failure, field, context);
    if (!rule) continue;
    const text = render(language, rule, whole ? catalogue[language].body : displayName(field));
    if (whole) sentences.push(text);
    else if (!fields.get(field)?.includes(text)) fields.set(field, [...(fields.get(field) ?? []), text]);
  }
  if (!sentences.length) return Object.fromEntries(fields);
  const rest = [...fields].flatMap(([field, texts]) => texts.map((t) => `${field}: ${t}`));
  return [...new Set(sentences), ...rest].join(" ");
}
