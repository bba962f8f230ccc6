// The raw OpenAPI 3.1 document: loading the bundle, JSON pointers, local `$ref`s, media types.
// Everything that reads the document's meaning goes through the spec model (model.ts) instead.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** A JSON object of the spec; the spec is user input, so its shape is checked where it matters. */
export type Json = Record<string, any>;

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

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

/**
 * The node at a pointer that may run through `$ref`s, as Ajv's schema paths do when it inlines a
 * reference (`.../properties/products/items/properties/id/type` where `products` is a `$ref`).
 */
export function nodeThroughRefs(spec: Json, pointer: string): any {
  let node: any = spec;
  for (const token of pointer === "" ? [] : pointer.slice(1).split("/").map(unescapePointerToken)) {
    if (node && typeof node === "object" && !(token in node)) node = resolve(spec, node, "").node;
    node = node?.[token];
  }
  return node;
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

/** The node a `$ref` (or a chain of them) points at; `{}` for a missing node, so callers can read it freely. */
export function deref(spec: Json, node: unknown): Json {
  return (node === undefined ? undefined : resolve(spec, node, "").node) ?? {};
}

/** The path part of each server URL ("/api/open"), without a trailing slash. */
export function basePathsOf(spec: Json): string[] {
  const urls: string[] = (spec.servers ?? []).map((s: Json) => String(s.url));
  const paths = urls.map((url) => new URL(url, "http://relative.invalid").pathname.replace(/\/+$/, ""));
  return paths.length ? [...new Set(paths)] : [""];
}

/** Media type without parameters, lower-cased: "application/json; charset=utf-8" → "application/json". */
export function bareMediaType(contentType: string): string {
  const parameters = contentType.indexOf(";");
  return (parameters < 0 ? contentType : contentType.slice(0, parameters)).trim().toLowerCase();
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
