// The API's own sensitive fields, as the spec marks them: `x-sensitive: <kind>` on a property's
// schema (or on the schema a property `$ref`s, such as XenditKey) or on a parameter. The list is
// data in the spec, read here once per document; the sensitivity policy (src/sensitivity.ts)
// applies it by name, so a field marked anywhere is scrubbed wherever that name appears.
import { SENSITIVE_KINDS, type MarkedNames, type SensitiveKind } from "../sensitivity.ts";
import { joinPointer, resolve, type Json } from "./document.ts";

export interface SensitiveField {
  name: string;
  kind: SensitiveKind;
  /** Where the mark is written (the property's schema or the parameter). */
  pointer: string;
}

const EXTENSION = "x-sensitive";

function markOf(spec: Json, node: unknown, pointer: string): { kind: SensitiveKind; pointer: string } | undefined {
  if (!node || typeof node !== "object") return undefined;
  const own = node as Json;
  const { node: target, pointer: at } = resolve<Json>(spec, own, pointer);
  const marked = own[EXTENSION] !== undefined ? { value: own[EXTENSION], at: pointer } : undefined;
  const inherited = target?.[EXTENSION] !== undefined ? { value: target[EXTENSION], at } : undefined;
  const found = marked ?? inherited;
  if (!found) return undefined;
  if (!SENSITIVE_KINDS.includes(found.value))
    throw new Error(`${found.at}/${EXTENSION}: "${found.value}" is not one of ${SENSITIVE_KINDS.join(", ")}`);
  return { kind: found.value, pointer: found.at };
}

function collect(spec: Json): SensitiveField[] {
  const fields: SensitiveField[] = [];
  const visit = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) return node.forEach((child, i) => visit(child, joinPointer(pointer, i)));
    if (!node || typeof node !== "object") return;
    const object = node as Json;
    if (typeof object.name === "string" && typeof object.in === "string") {
      const mark = markOf(spec, object, pointer) ?? markOf(spec, object.schema, joinPointer(pointer, "schema"));
      if (mark) fields.push({ name: object.name, ...mark });
    }
    if (object.properties && typeof object.properties === "object" && !Array.isArray(object.properties)) {
      for (const [name, schema] of Object.entries<unknown>(object.properties)) {
        const mark = markOf(spec, schema, joinPointer(pointer, "properties", name));
        if (mark) fields.push({ name, ...mark });
      }
    }
    for (const [key, child] of Object.entries(object)) {
      if (key !== "example" && key !== "examples") visit(child, joinPointer(pointer, key));
    }
  };
  visit(spec, "");
  const seen = new Set<string>();
  return fields.filter(({ name, pointer }) => !seen.has(`${name} ${pointer}`) && !!seen.add(`${name} ${pointer}`));
}

const cache = new WeakMap<Json, { fields: SensitiveField[]; names: MarkedNames }>();

function entry(spec: Json) {
  let found = cache.get(spec);
  if (!found) {
    const fields = collect(spec);
    found = { fields, names: mergeMarks(fields.map(({ name, kind }) => [name, kind])) };
    cache.set(spec, found);
  }
  return found;
}

/** Names and kinds from any number of lists of marks; a name marked twice takes the stronger kind. */
export function mergeMarks(...lists: Iterable<readonly [string, SensitiveKind]>[]): MarkedNames {
  const names = new Map<string, SensitiveKind>();
  for (const list of lists) {
    for (const [name, kind] of list) {
      const previous = names.get(name);
      if (!previous || SENSITIVE_KINDS.indexOf(kind) < SENSITIVE_KINDS.indexOf(previous)) names.set(name, kind);
    }
  }
  return names;
}

/** Every marked field of the document, with its kind and the pointer of its mark. */
export function sensitiveFields(spec: Json): SensitiveField[] {
  return entry(spec).fields;
}

/** The marked names and their kinds; a name marked twice takes the stronger kind. */
export function markedNames(spec: Json): MarkedNames {
  return entry(spec).names;
}
