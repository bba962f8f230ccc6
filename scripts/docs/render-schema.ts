// A JSON Schema (OpenAPI 3.1) as a readable tree of properties: name, type, required, description,
// constraints, and nested objects in native <details> (no script needed to open them).
import { html, trusted, type Html } from "./html.ts";
import { markdown } from "./markdown.ts";
import { deref, refName, type Json } from "./site-model.ts";

const MAX_DEPTH = 8;

interface Walk {
  spec: Json;
  /** Component names being rendered above this node, to stop at a recursive reference. */
  refs: string[];
  depth: number;
}

const code = (value: unknown) => html`<code>${typeof value === "string" ? value : JSON.stringify(value)}</code>`;
const list = (items: Html[]) => items.flatMap((item, i) => (i ? [trusted(", "), item] : [item]));
// Separators as plain strings: Prettier formats html`` templates and would drop a lone space.
const sentences = (items: Html[]) => items.flatMap((item, i) => (i ? [trusted(" "), item] : [item]));

function typesOf(schema: Json): string[] {
  const declared: unknown[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return declared.map(String);
}

/** The properties and required names of an object schema, its allOf parts merged in. */
function objectShape(walk: Walk, schema: Json): { properties: [string, unknown][]; required: Set<string> } {
  const properties = new Map<string, unknown>(Object.entries(schema.properties ?? {}));
  const required = new Set<string>(schema.required ?? []);
  for (const part of schema.allOf ?? []) {
    const shape = objectShape(walk, deref(walk.spec, part));
    for (const [name, property] of shape.properties) properties.set(name, property);
    for (const name of shape.required) required.add(name);
  }
  return { properties: [...properties], required };
}

/** "string (date)", "array of Warehouse", "integer or null", "file (binary)". */
export function typeLabel(spec: Json, node: unknown): string {
  const schema = deref(spec, node);
  const name = refName(node);
  const types = typesOf(schema);
  const nullable = types.includes("null") ? " or null" : "";
  const main = types.filter((t) => t !== "null");
  if (schema.format === "binary") return "file (binary)";
  if (main[0] === "array") return `array of ${typeLabel(spec, schema.items ?? {})}${nullable}`;
  if (schema.oneOf || schema.anyOf) return name ?? "one of the types below";
  if (name && (main[0] === "object" || schema.properties || schema.allOf)) return `${name}${nullable}`;
  if (!main.length) return schema.properties || schema.allOf ? "object" : types.length ? "null" : "any";
  return `${main.join(" or ")}${schema.format ? ` (${schema.format})` : ""}${nullable}`;
}

/** The constraints of a schema in words. */
function constraints(spec: Json, schema: Json): Html[] {
  const out: Html[] = [];
  if (Array.isArray(schema.enum)) out.push(html`One of: ${list(schema.enum.map(code))}.`);
  if ("const" in schema) out.push(html`Always ${code(schema.const)}.`);
  if ("default" in schema) out.push(html`Default ${code(schema.default)}.`);
  if (schema.pattern) out.push(html`Pattern ${code(schema.pattern)}.`);
  const range = (label: string, min: unknown, max: unknown) => {
    if (min !== undefined && max !== undefined) out.push(html`${label} ${code(min)} to ${code(max)}.`);
    else if (min !== undefined) out.push(html`${label} at least ${code(min)}.`);
    else if (max !== undefined) out.push(html`${label} at most ${code(max)}.`);
  };
  range("Value", schema.minimum ?? schema.exclusiveMinimum, schema.maximum ?? schema.exclusiveMaximum);
  range("Length", schema.minLength, schema.maxLength);
  range("Items", schema.minItems, schema.maxItems);
  if (schema.uniqueItems) out.push(html`Items are unique.`);
  for (const [name, needs] of Object.entries<string[]>(schema.dependentRequired ?? {}))
    out.push(html`With ${code(name)}, also send ${list(needs.map(code))}.`);
  for (const part of [schema, ...(schema.allOf ?? []).map((p: unknown) => deref(spec, p))]) {
    if (!part.if || !part.then?.required) continue;
    const when = Object.entries<Json>(part.if.properties ?? {}).map(([name, rule]) =>
      "const" in rule ? html`${code(name)} is ${code(rule.const)}` : html`${code(name)} is set`,
    );
    out.push(html`Required when ${list(when)}: ${list(part.then.required.map(code))}.`);
  }
  if (schema.readOnly) out.push(html`Sent by the server only.`);
  if (schema.writeOnly) out.push(html`Sent to the server only; never answered.`);
  if (schema.deprecated) out.push(html`Deprecated.`);
  const example = Array.isArray(schema.examples) ? schema.examples[0] : schema.example;
  if (example !== undefined && (example === null || typeof example !== "object"))
    out.push(html`Example: ${code(example)}.`);
  return out;
}

/** What a property, parameter or item contains beyond its type: nested properties or variants. */
function children(walk: Walk, node: unknown): Html | undefined {
  const name = refName(node);
  if (name && walk.refs.includes(name)) return html`<p class="note">Recursive: the same ${name} as above.</p>`;
  if (walk.depth >= MAX_DEPTH) return undefined;
  const inner: Walk = { ...walk, refs: name ? [...walk.refs, name] : walk.refs, depth: walk.depth + 1 };
  const schema = deref(walk.spec, node);
  if (typesOf(schema).includes("array") && schema.items) {
    const items = deref(walk.spec, schema.items);
    return items.not && Object.keys(items.not).length === 0 ? undefined : children(inner, schema.items);
  }
  const variants: unknown[] | undefined = schema.oneOf ?? schema.anyOf;
  if (variants) {
    return html`<ul class="variants">
      ${variants.map(
        (variant) =>
          html`<li>
            <span class="type">${typeLabel(walk.spec, variant)}</span>${markdown(deref(walk.spec, variant).description)}
            ${children(inner, variant)}
          </li>`,
      )}
    </ul>`;
  }
  const shape = objectShape(walk, schema);
  if (!shape.properties.length) return undefined;
  return propertyList(inner, shape);
}

function propertyList(walk: Walk, shape: { properties: [string, unknown][]; required: Set<string> }): Html {
  return html`<ul class="props">
    ${shape.properties.map(([name, property]) => propertyItem(walk, name, property, shape.required.has(name)))}
  </ul>`;
}

/** One named entry: a property or a parameter, with its schema. */
export function propertyItem(
  walk: Walk,
  name: string,
  node: unknown,
  required: boolean,
  extra: { description?: string; example?: unknown } = {},
): Html {
  const schema = deref(walk.spec, node);
  const nested = children(walk, node);
  const facts = constraints(walk.spec, schema);
  if (extra.example !== undefined && !facts.some((f) => f.value.startsWith("Example")))
    facts.push(html`Example: ${code(extra.example)}.`);
  return html`<li class="prop">
    <p class="prop-head">
      <code class="prop-name">${name}</code> <span class="type">${typeLabel(walk.spec, node)}</span>
      ${required ? html`<span class="required">required</span>` : ""}
      ${schema["x-inferred"] ? html`<span class="badge badge-inferred">inferred</span>` : ""}
    </p>
    ${markdown(extra.description ?? schema.description)}
    ${facts.length ? html`<p class="facts">${sentences(facts)}</p>` : ""}
    ${
      nested
        ? html`<details class="nested" ${walk.depth <= 1 ? html` open` : ""}>
            <summary>${name}: ${typeLabel(walk.spec, node)}</summary>
            ${nested}
          </details>`
        : ""
    }
  </li>`;
}

/** A whole schema: a body or a response. */
export function schemaHtml(spec: Json, node: unknown): Html {
  const walk: Walk = { spec, refs: [], depth: 0 };
  const schema = deref(spec, node);
  const nested = children(walk, node);
  const facts = constraints(spec, schema);
  return html`<div class="schema">
    <p class="schema-type">Type: <span class="type">${typeLabel(spec, node)}</span></p>
    ${markdown(schema.description)} ${facts.length ? html`<p class="facts">${sentences(facts)}</p>` : ""}
    ${nested ?? ""}
  </div>`;
}

/** A list of parameters (path, query or header) as entries like properties. */
export function parameterList(spec: Json, parameters: Json[]): Html {
  const walk: Walk = { spec, refs: [], depth: 0 };
  return html`<ul class="props">
    ${parameters.map((p) =>
      propertyItem(walk, p.name, p.schema ?? {}, Boolean(p.required), {
        description: p.description,
        example: "example" in p ? p.example : deref(spec, Object.values(p.examples ?? {})[0]).value,
      }),
    )}
  </ul>`;
}
