// Compares two bundled OpenAPI documents and classifies every change for a client of the API,
// with api-smart-diff (see README, "Spec evolution"). Two small corrections, each tested:
// - A change of a schema's `type` is judged here by what it accepts: a request may widen (accept
//   more, such as `[X, "null"]` for `X`), a response may narrow; anything else breaks. The library
//   compares `X` with `[X, "null"]` as a replaced type (breaking), and takes a replaced type in a
//   response as compatible.
// - Its text for an added or removed parameter says "required" whenever the parameter has a
//   `required` key, even `required: false`.
// Changes inside shared components are judged where operations use them (the library follows
// each `$ref` into the operation), so only whole components added or removed are kept from them.
import { apiCompare, openApi3AnnotateHook, resolveRef, type AnnotateHook, type Diff } from "api-smart-diff";
import type { Json } from "../../src/spec/document.ts";
import { specModel } from "../../src/spec/model.ts";
import { typeChangeOf, type TypeChange } from "./type-change.ts";

export type Classification = "breaking" | "compatible" | "deprecated" | "annotation" | "unclassified";

export interface ChangedOperation {
  id: string;
  method: string;
  path: string;
  summary?: string;
  tag?: string;
}

export interface SpecChange {
  classification: Classification;
  action: Diff["action"];
  /** JSON pointer of the change in the documents. */
  pointer: string;
  description: string;
  operation?: ChangedOperation;
}

const CLASSIFICATIONS: Record<Diff["type"], Classification> = {
  breaking: "breaking",
  "non-breaking": "compatible",
  deprecated: "deprecated",
  annotation: "annotation",
  unclassified: "unclassified",
};

/** Components whose changes the library also reports inside every operation that uses them. */
const SEEN_THROUGH_OPERATIONS = new Set(["schemas", "parameters", "responses", "headers", "requestBodies", "examples"]);

type Schema = Record<string, unknown>;

const annotate: AnnotateHook = (diff, ctx) => {
  const text = openApi3AnnotateHook(diff, ctx);
  const isWholeParameter = diff.path.at(-2) === "parameters";
  if (!isWholeParameter || diff.action === "replace") return text;
  const side = diff.action === "remove" ? ctx.before : ctx.after;
  const parameter = resolveRef(side.value, side.root) as Schema | undefined;
  return parameter?.required === true ? text : text.replace(/\brequired (\w+ parameter)/, "$1");
};

const pointerOf = (path: Diff["path"]) =>
  path.map((token) => `/${String(token).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");

function operationAt(doc: Json, path: Diff["path"]): ChangedOperation | undefined {
  const [root, template, method] = path;
  if (root !== "paths") return undefined;
  const found = specModel(doc).operations.find((o) => o.path === template && o.method === method);
  if (!found) return undefined;
  return { id: found.id, method: found.method.toUpperCase(), path: found.path, summary: found.summary, tag: found.tag };
}

const VERBS: Record<Diff["action"], string> = {
  add: "Added",
  remove: "Removed",
  replace: "Replaced",
  rename: "Renamed",
};
const PLUMBING = new Set(["content", "schema", "properties"]);

/**
 * The library's text, unless it has none (it leaves it empty on a second visit of a shared
 * schema) or it calls an item of a type array an "annotation": then the place, spelt out.
 */
function describe(d: Diff): string {
  const text = d.description?.trim() ?? "";
  if (/^\[\w+\] \S/.test(text) && d.path.at(-2) !== "type") return text;
  const value = d.action === "remove" ? d.before : d.after;
  const shown = typeof value === "string" || typeof value === "number" ? ` \`${value}\`` : "";
  // An item of a list (`required`, `enum`) is named by its value, not its index.
  const path = shown && typeof d.path.at(-1) === "number" ? d.path.slice(0, -1) : d.path;
  const words = path.slice(path[0] === "paths" ? 3 : 0).filter((t) => !PLUMBING.has(String(t)));
  return `[${VERBS[d.action]}] ${words.join(" › ")}${shown}`;
}

function typeChangeText(change: TypeChange): string {
  const words = change.schemaPath
    .slice(change.schemaPath[0] === "paths" ? 3 : 0)
    .filter((t) => !PLUMBING.has(String(t)));
  const shown = (types: string[]) => types.map((t) => `\`${t}\``).join(" | ");
  return `[Changed] type of ${words.join(" › ")}: ${shown(change.before)} → ${shown(change.after)}`;
}

/** Every change from `before` to `after` that a client of the API can see, classified. */
export function diffSpecs(before: Json, after: Json): SpecChange[] {
  // The library writes its transformed nodes back into the documents it compares: give it copies.
  const { diffs } = apiCompare(structuredClone(before), structuredClone(after), { annotateHook: annotate });
  const changes: SpecChange[] = [];
  const typeChanges = new Set<string>();
  for (const d of diffs) {
    if (d.path[0] === "components" && SEEN_THROUGH_OPERATIONS.has(String(d.path[1])) && d.path.length > 3) continue;
    const operation = operationAt(d.action === "add" ? after : before, d.path);
    const change: SpecChange = {
      classification: CLASSIFICATIONS[d.type] ?? "unclassified",
      action: d.action,
      pointer: pointerOf(d.path),
      description: describe(d),
      ...(operation ? { operation } : {}),
    };
    const typeChange = typeChangeOf(before, after, d.path);
    if (typeChange) {
      // One change per schema, however many items of its type array the library reports.
      const key = pointerOf(typeChange.schemaPath);
      if (typeChanges.has(key)) continue;
      typeChanges.add(key);
      Object.assign(change, {
        classification: typeChange.accepted ? "compatible" : "breaking",
        action: "replace",
        pointer: `${key}/type`,
        description: typeChangeText(typeChange),
      });
    }
    changes.push(change);
  }
  return changes;
}

export const isBreaking = (changes: SpecChange[]) => changes.some((c) => c.classification === "breaking");

/** "Warehouse › Get Warehouse Detail (GET /warehouse/{id})", or the place in the document. */
export function placeOf(change: SpecChange): string {
  const o = change.operation;
  if (!o) return change.pointer.split("/").slice(1, 4).join(" › ") || "document";
  return `${o.tag ? `${o.tag} › ` : ""}${o.summary ?? o.id} (${o.method} ${o.path})`;
}
