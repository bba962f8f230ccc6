// Compiles the spec's schemas with Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) once,
// and hands out the compiled validator of any schema by its JSON pointer in the spec.
import { createHash } from "node:crypto";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import { escapePointerToken, type Json } from "../spec/document.ts";
import { closeObjectSchemas } from "./strict-schemas.ts";

const DOCUMENT_ID = "openapi.json";

/** OpenAPI's own schema keywords (annotations for validation) and the document's top-level fields. */
const OPENAPI_KEYWORDS = ["example", "xml", "externalDocs", "discriminator"];
const DOCUMENT_FIELDS = [
  "openapi",
  "info",
  "jsonSchemaDialect",
  "servers",
  "paths",
  "webhooks",
  "components",
  "security",
  "tags",
];

const INT32 = 2 ** 31;

/** Vendor extensions (`x-...`) anywhere in the document: Ajv's strict mode must know them. */
function extensionKeys(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const child of node) extensionKeys(child, found);
  else if (node && typeof node === "object") {
    for (const [key, child] of Object.entries(node)) {
      if (key.startsWith("x-")) found.add(key);
      extensionKeys(child, found);
    }
  }
  return found;
}

function createAjv(): Ajv2020 {
  // Strict about keywords and formats, so a misspelt keyword in the spec is an error rather than
  // silently ignored; strictTypes/strictRequired would reject valid composition (a `required`
  // naming a property of a sibling allOf branch) in a spec we do not own.
  const ajv = new Ajv2020({
    allErrors: true,
    // Errors carry the schema object that failed, so its place in the spec is found exactly (below).
    verbose: true,
    allowUnionTypes: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
  });
  ajvFormats.default(ajv); // a CommonJS module: its default export is `.default` under NodeNext
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -INT32 && n < INT32 });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
  for (const name of ["float", "double"]) ajv.addFormat(name, { type: "number", validate: () => true });
  // Content formats: any string (a file part, a masked secret) is acceptable.
  for (const name of ["binary", "password"]) ajv.addFormat(name, true);
  ajv.addFormat("byte", /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
  return ajv;
}

export interface SchemaError {
  /** JSON pointer into the validated value. */
  pointer: string;
  /** Where in the spec the failing rule is written ("#/components/schemas/Warehouse/required"). */
  schemaPointer: string;
  message: string;
  /** The JSON Schema keyword that failed ("required", "type", "enum", ...) and Ajv's parameters of it. */
  keyword: string;
  params: Record<string, unknown>;
}

/** The JSON pointer of every object of a document, by identity. */
function pointersOf(node: unknown, pointer = "", found = new WeakMap<object, string>()): WeakMap<object, string> {
  if (!node || typeof node !== "object" || found.has(node)) return found;
  found.set(node, pointer);
  for (const [key, child] of Object.entries(node)) pointersOf(child, `${pointer}/${escapePointerToken(key)}`, found);
  return found;
}

/** Documents whose compiled validators are kept for the next checker of the same document. */
const SHARED_DOCUMENTS = 3;
const shared = new Map<string, SpecValidators>();

export class SpecValidators {
  /**
   * The validators of `spec`, shared by every checker of the same document in this process:
   * compiling a spec's schemas costs about a second of CPU, and a test suite may start the mock or
   * a checker in every file. The key is the document's content, so an edited copy gets its own.
   * The few most recently used documents are kept.
   */
  static of(spec: Json): SpecValidators {
    const key = createHash("sha256").update(JSON.stringify(spec)).digest("base64");
    const validators = shared.get(key) ?? new SpecValidators(spec);
    shared.delete(key);
    shared.set(key, validators);
    for (const oldest of shared.keys()) if (shared.size > SHARED_DOCUMENTS) shared.delete(oldest);
    return validators;
  }

  readonly #ajv = createAjv();
  readonly #cache = new Map<string, ValidateFunction>();
  /** Where each schema object of the (closed) document stands: Ajv's own schema paths are relative to a `$ref`'s target. */
  readonly #pointers: WeakMap<object, string>;

  constructor(spec: Json) {
    const strict = closeObjectSchemas(spec);
    this.#pointers = pointersOf(strict);
    for (const key of [...OPENAPI_KEYWORDS, ...DOCUMENT_FIELDS, ...extensionKeys(strict)]) {
      if (!this.#ajv.getKeyword(key)) this.#ajv.addKeyword(key);
    }
    // The document is not a schema; only its schemas are compiled, on demand, by pointer.
    this.#ajv.addSchema(strict, DOCUMENT_ID, undefined, false);
  }

  /** The compiled validator of the schema at `pointer` (e.g. "/components/schemas/Warehouse"). */
  validatorAt(pointer: string): ValidateFunction {
    let validate = this.#cache.get(pointer);
    if (!validate) {
      const ref = `${DOCUMENT_ID}#${pointer.split("/").map(encodeURIComponent).join("/")}`;
      validate = this.#ajv.getSchema(ref);
      if (!validate) throw new Error(`no schema at #${pointer}`);
      this.#cache.set(pointer, validate);
    }
    return validate;
  }

  /** Validates `value`; the errors are empty when it conforms. */
  validate(pointer: string, value: unknown): SchemaError[] {
    const validate = this.validatorAt(pointer);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => toSchemaError(error, pointer, this.#pointers));
  }
}

/** Top-level members of the document: a schema path starting with one is already absolute. */
const ABSOLUTE = /^#\/(components|paths|webhooks)\//;

/** Ajv reports a missing or unexpected property at its parent; point at the property itself. */
function toSchemaError(error: ErrorObject, compiledAt: string, pointers: WeakMap<object, string>): SchemaError {
  const params = error.params as Record<string, unknown>;
  const property = params.missingProperty ?? params.unevaluatedProperty ?? params.additionalProperty;
  const pointer =
    typeof property === "string"
      ? `${error.instancePath}/${property.replace(/~/g, "~0").replace(/\//g, "~1")}`
      : error.instancePath;
  const path = decodeURIComponent(
    error.schemaPath.startsWith(DOCUMENT_ID) ? error.schemaPath.slice(DOCUMENT_ID.length) : error.schemaPath,
  );
  // The failing schema object's own place; else Ajv's path (of an inline schema, relative to the one compiled).
  const at = error.parentSchema && pointers.get(error.parentSchema);
  const schemaPointer =
    at !== undefined
      ? `#${at}/${escapePointerToken(error.keyword)}`
      : ABSOLUTE.test(path)
        ? path
        : `#${compiledAt}${path.slice(1)}`;
  let message = error.message ?? error.keyword;
  if (params.unevaluatedProperty !== undefined || params.additionalProperty !== undefined)
    message = "is not a documented property";
  if (params.allowedValues !== undefined) message += `: ${JSON.stringify(params.allowedValues)}`;
  return { pointer, schemaPointer, message, keyword: error.keyword, params };
}
