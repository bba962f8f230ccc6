// Edits of the real bundle for the breaking-change tests: each names the operations (path
// templates) it reaches, so a test can compare only those paths and the components they use, and
// stay fast: the library takes seconds on the whole bundle, and most of a comparison of a few
// paths goes on the components, about 150 ms with all of them and 20 ms with none.
import type { Json } from "./spec.ts";

export interface SpecEdit {
  name: string;
  breaking: boolean;
  /** Path templates of the operations the edit reaches. */
  paths: string[];
  /** The operationId that must show the change. */
  operationId: string;
  edit(spec: Json): void;
}

const jsonBody = (operation: Json) => operation.requestBody.content["application/json"].schema;

export const SPEC_EDITS: SpecEdit[] = [
  {
    name: "an operation removed",
    breaking: true,
    paths: ["/warehouse/{id}"],
    operationId: "deleteWarehouse",
    edit: (s) => delete s.paths["/warehouse/{id}"].delete,
  },
  {
    name: "a response member removed",
    breaking: true,
    paths: ["/warehouse", "/warehouse/{id}"],
    operationId: "getWarehouse",
    edit: (s) => {
      const warehouse = s.components.schemas.Warehouse;
      delete warehouse.properties.address;
      warehouse.required = warehouse.required.filter((name: string) => name !== "address");
    },
  },
  {
    name: "a required request member added",
    breaking: true,
    paths: ["/warehouse"],
    operationId: "createWarehouse",
    edit: (s) => {
      const input = s.components.schemas.WarehouseInput;
      input.properties.code = { type: "string" };
      input.required.push("code");
    },
  },
  {
    name: "an enum value removed from a request parameter",
    breaking: true,
    paths: ["/shipping", "/shipping/download"],
    operationId: "listShipmentOrders",
    edit: (s) => {
      const schema = s.components.parameters.ShipmentCodStatus.schema;
      schema.enum = schema.enum.filter((value: string) => value !== "COD");
    },
  },
  {
    name: 'a request type narrowed from ["string", "null"] to "string"',
    breaking: true,
    paths: ["/product"],
    operationId: "createProduct",
    edit: (s) => {
      jsonBody(s.paths["/product"].post).properties.variations.items.properties.image.type = "string";
    },
  },
  {
    name: "an optional query parameter added",
    breaking: false,
    paths: ["/warehouse"],
    operationId: "listWarehouses",
    edit: (s) => {
      s.paths["/warehouse"].get.parameters.push({
        name: "keyword",
        in: "query",
        required: false,
        schema: { type: "string" },
      });
    },
  },
  {
    name: 'a request type widened from "string" to ["string", "null"]',
    breaking: false,
    paths: ["/warehouse"],
    operationId: "createWarehouse",
    edit: (s) => {
      s.components.schemas.WarehouseInput.properties.warehouse.type = ["string", "null"];
    },
  },
];

/** Whether a component kind is named elsewhere than in a `$ref` (security schemes are, by name): kept whole. */
const NAMED_BY_NAME = new Set(["securitySchemes"]);

/** "schemas/Warehouse" for every component reached from `roots` through `$ref`s, transitively. */
function componentsReached(spec: Json, roots: unknown[]): Set<string> {
  const reached = new Set<string>();
  const pending = [...roots];
  while (pending.length) {
    const node = pending.pop();
    if (!node || typeof node !== "object") continue;
    const ref = (node as Json).$ref;
    if (typeof ref === "string" && ref.startsWith("#/components/")) {
      const [kind, name] = ref.slice("#/components/".length).split("/");
      if (!reached.has(`${kind}/${name}`)) {
        reached.add(`${kind}/${name}`);
        pending.push(spec.components?.[kind!]?.[name!]);
      }
    }
    pending.push(...Object.values(node));
  }
  return reached;
}

const pathsOf = (spec: Json, paths: string[]) => Object.fromEntries(paths.map((p) => [p, spec.paths[p]]));

/**
 * The document with only the given paths and the components they use (each `$ref` resolves), and
 * any component named in `keep`.
 */
export function withPaths(spec: Json, paths: string[], keep: Set<string> = new Set()): Json {
  const kept = pathsOf(spec, paths);
  const used = componentsReached(spec, [kept]);
  const components = Object.fromEntries(
    Object.entries<Json>(spec.components ?? {}).map(([kind, entries]) => [
      kind,
      NAMED_BY_NAME.has(kind)
        ? entries
        : Object.fromEntries(
            Object.entries(entries).filter(([name]) => used.has(`${kind}/${name}`) || keep.has(`${kind}/${name}`)),
          ),
    ]),
  );
  return { ...spec, paths: kept, components };
}

/** "schemas/Warehouse" for every component that differs between the two documents. */
function componentsChanged(before: Json, after: Json): Set<string> {
  const changed = new Set<string>();
  for (const kind of new Set([...Object.keys(before.components ?? {}), ...Object.keys(after.components ?? {})]))
    for (const name of new Set([
      ...Object.keys(before.components?.[kind] ?? {}),
      ...Object.keys(after.components?.[kind] ?? {}),
    ]))
      if (JSON.stringify(before.components?.[kind]?.[name]) !== JSON.stringify(after.components?.[kind]?.[name]))
        changed.add(`${kind}/${name}`);
  return changed;
}

/**
 * `[before, after]` with only the given paths, and in both the same components: those either
 * document's paths use and those the edit changed, so that a `$ref` moved from one unchanged
 * component to another is not seen as a component added and one removed.
 */
export function pairWithPaths(before: Json, after: Json, paths: string[]): [Json, Json] {
  const keep = new Set([
    ...componentsReached(before, [pathsOf(before, paths)]),
    ...componentsReached(after, [pathsOf(after, paths)]),
    ...componentsChanged(before, after),
  ]);
  return [withPaths(before, paths, keep), withPaths(after, paths, keep)];
}

/** `[before, after]`: the bundle's relevant part, without and with the edit. */
export function editedPair(spec: Json, edit: SpecEdit): [Json, Json] {
  const after = structuredClone(spec);
  edit.edit(after);
  return pairWithPaths(spec, after, edit.paths);
}
