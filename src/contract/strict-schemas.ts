// Makes a spec's object schemas closed for checking: the spec leaves `additionalProperties` out
// (an API we do not own may add fields), but a contract check must report every undocumented
// property. `unevaluatedProperties: false` is added where a schema is *used*, not inside the
// pieces it is composed of, so it sees the properties of every allOf branch and `$ref` target.
import { resolve, type Json } from "../spec/document.ts";
import { declaredTypes } from "../spec/schema.ts";

/**
 * Where a schema sits decides whether it may be closed:
 * - "use": a value must match it on its own (a media type's schema, a property, array items);
 * - "part": it is combined with siblings (allOf, if/then/else, not, dependentSchemas), so
 *   closing it alone would reject the siblings' properties;
 * - "definition": a reusable component ($defs, components.schemas), closed where it is used.
 */
type Position = "use" | "part" | "definition";

const USE_MAPS = ["properties", "patternProperties"] as const;
const USE_SINGLES = [
  "additionalProperties",
  "unevaluatedProperties",
  "items",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "contentSchema",
] as const;
const PART_SINGLES = ["not", "if", "then", "else"] as const;

function hasOwnProperties(schema: Json): boolean {
  return "properties" in schema || "patternProperties" in schema;
}

export class SchemaCloser {
  readonly #spec: Json;

  constructor(spec: Json) {
    this.#spec = spec;
  }

  /** Closes every schema of the document in place. */
  closeDocument(): void {
    this.#walkDocument(this.#spec, []);
  }

  /** Walks the OpenAPI objects (not schemas) and hands each schema it finds to #close. */
  #walkDocument(node: any, path: string[]): void {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) {
      node.forEach((child, i) => this.#walkDocument(child, [...path, String(i)]));
      return;
    }
    const inSchemaMap = path.length === 2 && path[0] === "components" && path[1] === "schemas";
    for (const [key, child] of Object.entries(node)) {
      if (key.startsWith("x-") || key === "example" || key === "examples") continue;
      if (inSchemaMap) this.#close(child, "definition");
      else if (key === "schema") this.#close(child, "use");
      else this.#walkDocument(child, [...path, key]);
    }
  }

  #close(schema: any, position: Position): void {
    if (!schema || typeof schema !== "object" || Array.isArray(schema)) return;
    for (const key of USE_MAPS) for (const child of Object.values(schema[key] ?? {})) this.#close(child, "use");
    for (const child of Object.values(schema.dependentSchemas ?? {})) this.#close(child, "part");
    for (const child of Object.values(schema.$defs ?? {})) this.#close(child, "definition");
    for (const key of USE_SINGLES) this.#close(schema[key], "use");
    for (const key of PART_SINGLES) this.#close(schema[key], "part");
    for (const child of schema.prefixItems ?? []) this.#close(child, "use");
    for (const child of schema.allOf ?? []) this.#close(child, "part");
    // Alternatives are closed one by one, unless they only add to the properties of their parent.
    const alternative: Position = hasOwnProperties(schema) ? "part" : "use";
    for (const child of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) this.#close(child, alternative);

    if (position === "use" && this.#isOpenObject(schema, new Set())) schema.unevaluatedProperties = false;
  }

  /** An object schema (directly, through `$ref` or through allOf) that states neither keyword. */
  #isOpenObject(schema: any, seen: Set<any>): boolean {
    if (!schema || typeof schema !== "object" || seen.has(schema)) return false;
    seen.add(schema);
    if ("additionalProperties" in schema || "unevaluatedProperties" in schema) return false;
    if (declaredTypes(schema).includes("object") || hasOwnProperties(schema)) return true;
    if (typeof schema.$ref === "string" && this.#isOpenObject(resolve(this.#spec, schema, "").node, seen)) return true;
    if ((schema.allOf ?? []).some((part: any) => this.#isOpenObject(part, seen))) return true;
    // Alternatives closed one by one state the keyword by now; open ones are closed here.
    return [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].some((alt: any) => this.#isOpenObject(alt, seen));
  }
}

/** A deep copy of the spec whose schemas reject undocumented properties. */
export function closeObjectSchemas(spec: Json): Json {
  const copy = structuredClone(spec);
  new SchemaCloser(copy).closeDocument();
  return copy;
}
