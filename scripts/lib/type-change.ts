// The one correction of api-smart-diff's classification (see spec-diff.ts): a change of a schema's
// `type` is judged by the sets of types before and after. A request may accept more than before
// (a client's old values still pass), a response may send less (a client still understands it).
import { resolve, type Json } from "../../src/spec/document.ts";

export interface TypeChange {
  /** Path of the schema whose `type` changed, in the library's tokens. */
  schemaPath: (string | number)[];
  before: string[];
  after: string[];
  accepted: boolean;
}

/** Follows the path through the document, through every local `$ref` on the way. */
function nodeOnPath(doc: Json, path: (string | number)[]): unknown {
  let node: unknown = doc;
  for (const token of [...path, undefined]) {
    if (node && typeof node === "object" && typeof (node as Json).$ref === "string") node = resolve(doc, node, "").node;
    if (token === undefined) return node;
    if (!node || typeof node !== "object") return undefined;
    node = (node as Json)[token];
  }
  return node;
}

function typesAt(doc: Json, path: (string | number)[]): string[] | undefined {
  const type = (nodeOnPath(doc, path) as Json | undefined)?.type;
  if (typeof type === "string") return [type];
  return Array.isArray(type) && type.every((t) => typeof t === "string") ? type : undefined;
}

/** Whether every value of the `narrow` types is a value of the `wide` ones. */
const covers = (wide: string[], narrow: string[]) =>
  narrow.every((t) => wide.includes(t) || (t === "integer" && wide.includes("number")));

/** The change of a schema's `type` that a diff at `path` belongs to, when the direction is known. */
export function typeChangeOf(before: Json, after: Json, path: (string | number)[]): TypeChange | undefined {
  const at = path.lastIndexOf("type");
  if (at < 0 || at < path.length - 2 || path[at - 1] === "properties") return undefined; // a member named "type"
  const inResponse = path.includes("responses");
  if (!inResponse && !path.includes("requestBody") && !path.includes("parameters")) return undefined;
  const schemaPath = path.slice(0, at);
  const [was, is] = [typesAt(before, schemaPath), typesAt(after, schemaPath)];
  if (!was || !is) return undefined;
  return { schemaPath, before: was, after: is, accepted: inResponse ? covers(was, is) : covers(is, was) };
}
