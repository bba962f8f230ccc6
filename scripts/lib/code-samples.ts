// Code samples for one operation (Redoc's x-codeSamples), derived from the spec model at docs build
// time with the same request planner as the recordings, so a sample and a recording never disagree.
import type { OperationModel, SpecModel } from "../../src/spec/model.ts";
import { planRequest, type PlannedRequest } from "../../src/spec/request-plan.ts";

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function curlSample(model: SpecModel, operation: OperationModel, req: PlannedRequest): string {
  const query = req.query.length ? `?${new URLSearchParams(req.query).toString()}` : "";
  const lines = [
    `curl -X ${req.method} ${shellQuote(`${model.serverUrl}${req.path}${query}`)}`,
    `-H "Authorization: Bearer $NGORDER_TOKEN"`,
    `-H 'Accept-Language: en'`,
  ];
  const body = req.body;
  if (body && body.mediaType === "multipart/form-data") {
    const files = new Set(operation.body?.files.map((f) => f.name));
    for (const [name, value] of Object.entries(Object(body.value) as Record<string, unknown>)) {
      lines.push(
        `-F ${shellQuote(files.has(name) ? `${name}=@./${name}` : `${name}=${typeof value === "string" ? value : JSON.stringify(value)}`)}`,
      );
    }
  } else if (body) {
    lines.push(`-H 'Content-Type: ${body.mediaType}'`, `-d ${shellQuote(JSON.stringify(body.value, null, 2))}`);
  }
  return lines.join(" \\\n  ");
}

const BLOB = "@ngorder-sample-file:";

/** A value as TypeScript source: JSON with identifier keys unquoted and files read as Blobs. */
export function tsLiteral(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/^(\s*)"([A-Za-z_$][\w$]*)":/gm, "$1$2:")
    .replace(new RegExp(`"${BLOB}([^"]+)"`, "g"), (_, name: string) => `await openAsBlob("./${name}")`);
}

/** The planned body as a caller writes it: file members become `await openAsBlob("./<name>")` in tsLiteral. */
export function sampleBody(operation: OperationModel, req: PlannedRequest): unknown {
  const value = req.body?.value;
  if (!operation.body?.files.length || !value || typeof value !== "object") return value;
  const files = new Set(operation.body.files.map((f) => f.name));
  return Object.fromEntries(Object.entries(value).map(([name, v]) => [name, files.has(name) ? `${BLOB}${name}` : v]));
}

/** The SDK's one parameter object for a planned request: parameters, and the body beside them or under `body`. */
export function sdkParams(operation: OperationModel, req: PlannedRequest): Record<string, unknown> {
  if (!req.body) return { ...req.values };
  const body = sampleBody(operation, req);
  return { ...req.values, ...(operation.body?.placement === "flat" ? Object(body) : { body }) };
}

export function sdkSample(operation: OperationModel, req: PlannedRequest): string {
  const params = sdkParams(operation, req);
  const args = Object.keys(params).length ? tsLiteral(params) : "";
  return [
    ...(args.includes("openAsBlob(") ? [`import { openAsBlob } from "node:fs";`] : []),
    `import { createNgorder } from "ngorder-openapi";`,
    "",
    `const ngorder = createNgorder({ token: process.env.NGORDER_TOKEN! });`,
    `const result = await ngorder.${operation.sdk.namespace}.${operation.sdk.method}(${args});`,
  ].join("\n");
}

export function codeSamples(
  model: SpecModel,
  operation: OperationModel,
): { lang: string; label: string; source: string }[] {
  const req = planRequest(model, operation);
  return [
    { lang: "TypeScript", label: "Ngorder SDK", source: sdkSample(operation, req) },
    { lang: "curl", label: "curl", source: curlSample(model, operation, req) },
  ];
}
