// Reading a bundled OpenAPI 3.1 document: its operations, local `$ref`s and JSON pointers.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** A JSON object of the spec; the spec is user input, so its shape is checked where it matters. */
export type Json = Record<string, any>;

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export interface SpecOperation {
  /** The operationId, or `METHOD /path` when the spec gives none. */
  id: string;
  method: string;
  /** Path template relative to the server URL, as written in `paths`. */
  path: string;
  /** JSON pointer of the operation object in the spec. */
  pointer: string;
  operation: Json;
  /** Path-item and operation parameters merged (the operation's win), `$ref`s resolved. */
  parameters: Located<Json>[];
}

/** A node of the spec with the JSON pointer it was found at (after following `$ref`s). */
export interface Located<T> {
  node: T;
  pointer: string;
}

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function joinPointer(base: string, ...tokens: (string | number)[]): string {
  return base + tokens.map((t) => `/${escapePointerToken(String(t))}`).join("");
}

export function nodeAt(spec: Json, pointer: string): any {
  if (pointer === "") return spec;
  return pointer
    .slice(1)
    .split("/")
    .reduce((node: any, token) => node?.[unescapePointerToken(token)], spec);
}

/** Follows local `$ref`s ("#/components/...") until it reaches a node that is not a reference. */
export function resolve<T = any>(spec: Json, node: T, pointer: string): Located<T> {
  let current: any = node;
  let at = pointer;
  const seen = new Set<string>();
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    const ref: string = current.$ref;
    if (!ref.startsWith("#"))
      throw new Error(`${at}: only local references are supported in a bundled spec, found ${ref}`);
    if (seen.has(ref)) throw new Error(`${at}: circular reference ${ref}`);
    seen.add(ref);
    at = decodeURIComponent(ref.slice(1));
    current = nodeAt(spec, at);
    if (current === undefined) throw new Error(`${pointer}: unresolvable reference ${ref}`);
  }
  return { node: current, pointer: at };
}

export function operationsOf(spec: Json): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [path, rawItem] of Object.entries<Json>(spec.paths ?? {})) {
    const item = resolve(spec, rawItem, joinPointer("", "paths", path));
    for (const method of HTTP_METHODS) {
      const operation: Json | undefined = item.node[method];
      if (!operation) continue;
      const pointer = joinPointer(item.pointer, method);
      const byKey = new Map<string, Located<Json>>();
      const declared = [
        ...(item.node.parameters ?? []).map((p: Json, i: number) =>
          resolve(spec, p, joinPointer(item.pointer, "parameters", i)),
        ),
        ...(operation.parameters ?? []).map((p: Json, i: number) =>
          resolve(spec, p, joinPointer(pointer, "parameters", i)),
        ),
      ];
      for (const p of declared) byKey.set(`${p.node.in}:${p.node.name}`, p);
      operations.push({
        id: operation.operationId ?? `${method.toUpperCase()} ${path}`,
        method,
        path,
        pointer,
        operation,
        parameters: [...byKey.values()],
      });
    }
  }
  return operations;
}

/** The operation's success answer: its lowest 2xx status and the response object, `$ref` resolved. */
export function successResponse(spec: Json, operation: Json): { status: string; response: Json } | undefined {
  const status = Object.keys(operation.responses ?? {})
    .filter((code) => /^2\d\d$/.test(code))
    .sort()[0];
  return status === undefined ? undefined : { status, response: resolve(spec, operation.responses[status], "").node };
}

/** The path part of each server URL ("/api/open"), without a trailing slash. */
export function basePathsOf(spec: Json): string[] {
  const urls: string[] = (spec.servers ?? []).map((s: Json) => String(s.url));
  const paths = urls.map((url) => new URL(url, "http://relative.invalid").pathname.replace(/\/+$/, ""));
  return paths.length ? [...new Set(paths)] : [""];
}

/** Media type without parameters, lower-cased: "application/json; charset=utf-8" → "application/json". */
export function bareMediaType(contentType: string): string {
  return contentType.split(";")[0]!.trim().toLowerCase();
}

export function isJsonMediaType(mediaType: string): boolean {
  const bare = bareMediaType(mediaType);
  return bare === "application/json" || bare.endsWith("+json");
}

/** The key of `content` that documents a media type: exact, then `type/*`, then `*\/*`. */
export function matchMediaType(content: Json, contentType: string): string | undefined {
  const bare = bareMediaType(contentType);
  const keys = Object.keys(content);
  const candidates = [bare, `${bare.split("/")[0]}/*`, "*/*"];
  for (const candidate of candidates) {
    const key = keys.find((k) => bareMediaType(k) === candidate);
    if (key !== undefined) return key;
  }
  return undefined;
}

/**
 * The bundled spec shipped with this package: generated/openapi.json at the package root, found
 * by walking up from this module, so it works from src/ (tsx) and from the compiled dist/.
 */
export function bundledSpecPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "generated", "openapi.json");
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("generated/openapi.json not found above this module: pass the spec's path");
    dir = parent;
  }
}

export function loadSpec(path: string = bundledSpecPath()): Json {
  return JSON.parse(readFileSync(path, "utf8"));
}
