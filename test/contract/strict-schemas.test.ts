// Where the checker closes object schemas: at each place a value must match on its own, never
// inside the parts of a composition (which would reject the other parts' properties).
import { describe, expect, it } from "vitest";
import { closeObjectSchemas } from "../../src/contract/strict-schemas.ts";

const spec = {
  paths: {
    "/x": {
      post: {
        requestBody: {
          content: {
            "application/json": {
              schema: {
                allOf: [
                  { type: "object", properties: { id: { type: "integer" } } },
                  { $ref: "#/components/schemas/Input" },
                ],
              },
            },
          },
        },
        responses: {
          "200": {
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    data: { $ref: "#/components/schemas/Input" },
                    list: { type: "array", items: { $ref: "#/components/schemas/Input" } },
                    either: { oneOf: [{ $ref: "#/components/schemas/Input" }, { type: "null" }] },
                    map: { type: "object", additionalProperties: { type: "string" } },
                    word: { type: "string" },
                  },
                  if: { properties: { word: { const: "a" } } },
                  then: { properties: { extra: { type: "string" } } },
                },
                examples: { vendorDoc: { value: { schema: { type: "object" } } } },
              },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Input: {
        type: "object",
        properties: { name: { type: "string" }, nested: { type: "object", properties: { a: { type: "string" } } } },
      },
    },
  },
};

const closed = closeObjectSchemas(spec);
const body = closed.paths["/x"].post.requestBody.content["application/json"].schema;
const response = closed.paths["/x"].post.responses["200"].content["application/json"];

describe("closing object schemas", () => {
  it("closes a composition at its top, not its parts", () => {
    expect(body.unevaluatedProperties).toBe(false);
    expect(body.allOf[0]).not.toHaveProperty("unevaluatedProperties");
    expect(body.allOf[1]).toEqual({ $ref: "#/components/schemas/Input" });
  });

  it("closes each use of a component, and its nested objects, but not the component itself", () => {
    const { properties } = response.schema;
    expect(properties.data).toEqual({ $ref: "#/components/schemas/Input", unevaluatedProperties: false });
    expect(properties.list.items.unevaluatedProperties).toBe(false);
    expect(closed.components.schemas.Input).not.toHaveProperty("unevaluatedProperties");
    expect(closed.components.schemas.Input.properties.nested.unevaluatedProperties).toBe(false);
  });

  it("closes alternatives one by one, and leaves conditions, maps and scalars alone", () => {
    const { properties } = response.schema;
    expect(properties.either.oneOf[0].unevaluatedProperties).toBe(false);
    expect(properties.either).not.toHaveProperty("unevaluatedProperties");
    expect(properties.map).not.toHaveProperty("unevaluatedProperties");
    expect(properties.word).not.toHaveProperty("unevaluatedProperties");
    expect(response.schema.if).not.toHaveProperty("unevaluatedProperties");
    expect(response.schema.then).not.toHaveProperty("unevaluatedProperties");
    expect(response.schema.unevaluatedProperties).toBe(false);
  });

  it("leaves examples and the original spec untouched", () => {
    expect(response.examples.vendorDoc.value).toEqual({ schema: { type: "object" } });
    expect(JSON.stringify(spec)).not.toContain("unevaluatedProperties");
  });
});
