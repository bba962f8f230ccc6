// Renders generated/sdk.ts, the resource SDK, from the spec model (src/spec/model.ts), which
// decides every name (src/spec/sdk-names.ts) and where each request part goes. This file only
// writes TypeScript: for each operation a named `XxxParams` and `XxxResult` type, a method with
// the operation's JSDoc, and the OperationSpec the runtime (src/operation.ts) sends it with.
import { specModel, type OperationModel, type SpecModel } from "../src/spec/model.ts";
import { pascalCase } from "../src/spec/sdk-names.ts";
import type { OperationSpec } from "../src/operation.ts";
import { isJsonMediaType, loadSpec, type Json } from "../src/spec/document.ts";
import { isMain, ROOT } from "./lib/paths.ts";
import { writeIfChanged } from "./lib/write-if-changed.ts";

const literal = (value: unknown) => JSON.stringify(value);
const comment = (text: string) => text.replace(/\*\//g, "*\\/");

function jsdoc(lines: string[], indent: string): string {
  return [`${indent}/**`, ...lines.map((line) => `${indent} *${line ? ` ${comment(line)}` : ""}`), `${indent} */`].join(
    "\n",
  );
}

/** The method's documentation: the doc's title, the description (which opens with the inferred-endpoint warning), the endpoint. */
function methodDoc(operation: OperationModel): string[] {
  const lines = [operation.summary];
  const description = String(operation.object.description ?? "").trim();
  if (description) lines.push("", ...description.split("\n"));
  lines.push("", `\`${operation.method.toUpperCase()} ${operation.path}\` (operationId \`${operation.id}\`)`);
  if (operation.object.deprecated) lines.push("@deprecated");
  return lines;
}

/** What the runtime needs to send the one parameter object (src/operation.ts). */
function operationSpec(operation: OperationModel, parameterless: boolean): OperationSpec {
  const { body } = operation;
  return {
    method: operation.method.toUpperCase(),
    path: operation.path,
    operationId: operation.id,
    ...(body ? { body: body.placement } : {}),
    ...(body && operation.queryParameters.length ? { query: operation.queryParameters.map((p) => p.name) } : {}),
    ...(operation.headerParameters.length ? { header: operation.headerParameters.map((p) => p.name) } : {}),
    ...(operation.success?.binary ? { binary: true } : {}),
    ...(parameterless ? { parameterless: true } : {}),
  };
}

function specLiteral(spec: OperationSpec): string {
  return `{ ${Object.entries(spec)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? `[${value.map(literal).join(", ")}]` : literal(value)}`)
    .join(", ")} }`;
}

interface Signature {
  /** The parameter object's type, or undefined when the operation takes no parameter at all. */
  params?: string;
  paramsRequired: boolean;
  result: string;
}

function signature(operation: OperationModel): Signature {
  const ref = `operations[${literal(operation.id)}]`;
  const parts: string[] = [];
  if (operation.pathParameters.length) parts.push(`${ref}["parameters"]["path"]`);
  if (operation.queryParameters.length) parts.push(`NonNullable<${ref}["parameters"]["query"]>`);
  if (operation.headerParameters.length)
    parts.push(`Omit<NonNullable<${ref}["parameters"]["header"]>, "Accept-Language">`);
  let paramsRequired =
    operation.pathParameters.length > 0 ||
    [...operation.queryParameters, ...operation.headerParameters].some((p) => p.required);
  const { body } = operation;
  if (body) {
    const bodyType = `NonNullable<${ref}["requestBody"]>["content"][${literal(body.mediaType)}]`;
    if (body.placement === "flat") {
      parts.push(bodyType);
      paramsRequired ||= body.requiresMembers;
    } else {
      parts.push(body.required ? `{ body: ${bodyType} }` : `{ body?: ${bodyType} }`);
      paramsRequired ||= body.required;
    }
  }
  return { ...(parts.length ? { params: parts.join(" & ") } : {}), paramsRequired, result: resultType(operation, ref) };
}

/** The success body's type: the JSON of the success answer, a Blob for a download, or undefined. */
function resultType(operation: OperationModel, ref: string): string {
  const success = operation.success;
  const mediaTypes = success?.response.content?.mediaTypes ?? [];
  if (!success || !mediaTypes.length) return "undefined";
  if (success.binary) return "Blob";
  const json = mediaTypes.filter(isJsonMediaType);
  const jsonTypes = json.map((m) => `${ref}["responses"][${success.status}]["content"][${literal(m)}]`);
  return [...jsonTypes, ...(json.length < mediaTypes.length ? ["Blob"] : [])].join(" | ");
}

function tagDoc(tag: { name: string; description?: string }): string {
  const description = tag.description ? `: ${tag.description.trim().replace(/\s*\n\s*/g, " ")}` : "";
  return `/** ${comment(tag.name)}${comment(description)} */`;
}

export function renderSdk(model: SpecModel): string {
  const sections: string[] = [];
  const members: string[] = [];
  const values: string[] = [];
  for (const tag of model.tags) {
    const api = `${pascalCase(tag.namespace)}Api`;
    const types: string[] = [];
    const methods: string[] = [];
    const implementations: string[] = [];
    for (const operation of tag.operations) {
      const name = pascalCase(operation.id);
      const call = `\`ngorder.${tag.namespace}.${operation.sdk.method}\``;
      const { params, paramsRequired, result } = signature(operation);
      if (params) {
        types.push(
          `/** The parameters of ${call} (${comment(operation.summary)}): path, query and body fields side by side. */`,
        );
        types.push(`export type ${name}Params = ${params};`);
      }
      types.push(`/** What ${call} (${comment(operation.summary)}) returns. */`);
      types.push(`export type ${name}Result = ${result};`);
      const args = params
        ? `params${paramsRequired ? "" : "?"}: ${name}Params, options?: CallOptions`
        : "options?: CallOptions";
      methods.push(`${jsdoc(methodDoc(operation), "  ")}\n  ${operation.sdk.method}(${args}): Promise<${name}Result>;`);
      implementations.push(`      ${operation.sdk.method}: op(${specLiteral(operationSpec(operation, !params))}),`);
    }
    sections.push(
      `// ${tag.name}\n${types.join("\n")}\n\n${tagDoc(tag)}\nexport interface ${api} {\n${methods.join("\n\n")}\n}`,
    );
    members.push(`  ${tagDoc(tag)}\n  readonly ${tag.namespace}: ${api};`);
    values.push(`    ${tag.namespace}: {\n${implementations.join("\n")}\n    },`);
  }

  return `// Generated by scripts/generate-sdk.ts from generated/openapi.json. Do not edit.
// The naming rule for namespaces and methods is written at the top of src/spec/sdk-names.ts.
import type { operations } from "./schema.d.ts";
import { createCaller } from "../src/client.ts";
import { operation, type OperationSpec } from "../src/operation.ts";
import type { CallOptions, NgorderClientOptions } from "../src/types.ts";

${sections.join("\n\n")}

/** The Ngorder Open API as one namespace per section of the vendor doc. */
export interface Ngorder {
${members.join("\n")}
}

/**
 * The resource SDK: \`ngorder.warehouses.get({ id: 22 })\`. Each method takes one parameter object
 * (none when the operation has no parameter) and call options (\`language\`, \`signal\`,
 * \`timeoutMs\`, \`retry\`, \`headers\`), returns the success body and throws NgorderError on failure.
 */
export function createNgorder(options: NgorderClientOptions): Ngorder {
  const call = createCaller(options);
  const op = (spec: OperationSpec) => operation(call, spec);
  return {
${values.join("\n")}
  };
}
`;
}

export function generateSdk(doc: Json = loadSpec(`${ROOT}generated/openapi.json`)): void {
  writeIfChanged(`${ROOT}generated/sdk.ts`, renderSdk(specModel(doc)));
}

if (isMain(import.meta.url)) {
  generateSdk();
  console.log("generated generated/sdk.ts");
}
