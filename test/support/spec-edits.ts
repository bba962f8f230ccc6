// Edits of the real bundle for the breaking-change tests: each names the operations (path
// templates) it reaches, so a test can compare only those paths (with every component) and stay
// fast; the library takes seconds on the whole bundle.
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

/** The document with only the given paths (and every component, so each `$ref` resolves). */
export function withPaths(spec: Json, paths: string[]): Json {
  return { ...spec, paths: Object.fromEntries(paths.map((p) => [p, spec.paths[p]])) };
}

/** `[before, after]`: the bundle's relevant part, without and with the edit. */
export function editedPair(spec: Json, edit: SpecEdit): [Json, Json] {
  const after = structuredClone(spec);
  edit.edit(after);
  return [withPaths(spec, edit.paths), withPaths(after, edit.paths)];
}
