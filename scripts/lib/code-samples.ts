// Code samples for one operation (Redoc's x-codeSamples), derived from the spec at docs build time
// with the same request planner as the recordings, so a sample and a recording never disagree.
import {
  isJsonMediaType,
  resolve,
  successResponse,
  type Json,
  type SpecOperation,
} from "../../src/contract/openapi.ts";
import { mediaExample, planRequest, type PlannedRequest } from "../../src/contract/plausible-request.ts";
import type { SdkCall } from "../generate-sdk.ts";

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The example of the operation's first JSON success response: path values are taken from it. */
function successExample(spec: Json, operation: SpecOperation): unknown {
  const content: Json = successResponse(spec, operation.operation)?.response.content ?? {};
  const json = Object.entries<Json>(content).find(([mediaType]) => isJsonMediaType(mediaType));
  return json ? mediaExample(spec, json[1]).value : undefined;
}

export function planSample(spec: Json, operation: SpecOperation): PlannedRequest {
  return planRequest(spec, operation, { responseExample: successExample(spec, operation) });
}

export function curlSample(serverUrl: string, spec: Json, req: PlannedRequest): string {
  const query = req.query.length ? `?${new URLSearchParams(req.query).toString()}` : "";
  const lines = [
    `curl -X ${req.method} ${shellQuote(`${serverUrl}${req.path}${query}`)}`,
    `-H "Authorization: Bearer $NGORDER_TOKEN"`,
    `-H 'Accept-Language: en'`,
  ];
  const body = req.body;
  if (body && body.mediaType === "multipart/form-data") {
    const schema: Json = resolve(spec, body.media.schema ?? {}, "").node;
    for (const [name, value] of Object.entries((body.value ?? {}) as Json)) {
      const binary = resolve(spec, schema.properties?.[name] ?? {}, "").node?.format === "binary";
      lines.push(
        `-F ${shellQuote(binary ? `${name}=@./${name}` : `${name}=${typeof value === "string" ? value : JSON.stringify(value)}`)}`,
      );
    }
  } else if (body) {
    lines.push(`-H 'Content-Type: ${body.mediaType}'`, `-d ${shellQuote(JSON.stringify(body.value, null, 2))}`);
  }
  return lines.join(" \\\n  ");
}

const BLOB = "@ngorder-sample-file:";

/** A value as TypeScript source: JSON with identifier keys unquoted and files read as Blobs. */
function tsLiteral(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/^(\s*)"([A-Za-z_$][\w$]*)":/gm, "$1$2:")
    .replace(new RegExp(`"${BLOB}([^"]+)"`, "g"), (_, name: string) => `await openAsBlob("./${name}")`);
}

export function sdkSample(spec: Json, sdk: SdkCall, req: PlannedRequest): string {
  const { body } = req;
  let bodyValue = body?.value;
  if (body?.mediaType === "multipart/form-data" && bodyValue && typeof bodyValue === "object") {
    const schema: Json = resolve(spec, body.media.schema ?? {}, "").node;
    bodyValue = Object.fromEntries(
      Object.entries(bodyValue as Json).map(([name, value]) => [
        name,
        resolve(spec, schema.properties?.[name] ?? {}, "").node?.format === "binary" ? `${BLOB}${name}` : value,
      ]),
    );
  }
  const params = {
    ...req.values,
    ...(body ? (sdk.signature.body === "flat" ? (bodyValue as Json) : { body: bodyValue }) : {}),
  };
  const usesFiles = tsLiteral(params).includes("openAsBlob(");
  const args = Object.keys(params).length ? tsLiteral(params) : "";
  return [
    ...(usesFiles ? [`import { openAsBlob } from "node:fs";`] : []),
    `import { createNgorder } from "ngorder-openapi";`,
    "",
    `const ngorder = createNgorder({ token: process.env.NGORDER_TOKEN! });`,
    `const result = await ngorder.${sdk.namespace}.${sdk.method}(${args});`,
  ].join("\n");
}

export function codeSamples(
  spec: Json,
  operation: SpecOperation,
  sdk: SdkCall,
): { lang: string; label: string; source: string }[] {
  const req = planSample(spec, operation);
  return [
    { lang: "TypeScript", label: "Ngorder SDK", source: sdkSample(spec, sdk, req) },
    { lang: "curl", label: "curl", source: curlSample(spec.servers[0].url, spec, req) },
  ];
}
