// Finds the operation a recorded request belongs to: its method and its path template under the
// server's base path. A literal segment wins over a template parameter (`/order/download` is not
// `/order/{id}`), as OpenAPI requires.
import type { OperationModel } from "../spec/model.ts";

export type RouteMatch =
  | { kind: "operation"; operation: OperationModel; pathParams: Record<string, string> }
  | { kind: "outside-base-path"; basePaths: string[] }
  | { kind: "unknown-path"; path: string }
  | { kind: "method-not-documented"; path: string; template: string; documented: string[] };

interface Route {
  template: string;
  pattern: RegExp;
  names: string[];
  operations: Map<string, OperationModel>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function compileTemplate(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      if (!/^\{[^}]+\}$/.test(part)) return escapeRegExp(part);
      names.push(part.slice(1, -1));
      return "([^/]+)";
    })
    .join("");
  return { pattern: new RegExp(`^${source}$`), names };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape is checked as sent
  }
}

/** Sort key: literal segments (0) before templated ones (1), segment by segment. */
function specificity(template: string): string {
  return template
    .split("/")
    .map((segment) => (segment.includes("{") ? "1" : "0"))
    .join("");
}

const SLASH = 0x2f;

/** The first segment of a path when it is literal ("/order/{id}" → "order"), else "" (matches any). */
function firstSegment(path: string): string {
  const end = path.indexOf("/", 1);
  const segment = path.slice(1, end < 0 ? path.length : end);
  return segment.includes("{") ? "" : segment;
}

export class Router {
  /** Routes by literal first segment, most specific first; routes starting with a parameter under "". */
  readonly #routes = new Map<string, Route[]>();
  readonly #basePaths: string[];

  constructor(operations: OperationModel[], basePaths: string[]) {
    // Longest base path first, so "/api/open" is stripped before "/api".
    this.#basePaths = [...basePaths].sort((a, b) => b.length - a.length);
    const byTemplate = new Map<string, Route>();
    for (const operation of operations) {
      let route = byTemplate.get(operation.path);
      if (!route) {
        route = { template: operation.path, ...compileTemplate(operation.path), operations: new Map() };
        byTemplate.set(operation.path, route);
      }
      route.operations.set(operation.method, operation);
    }
    const sorted = [...byTemplate.values()].sort(
      (a, b) => specificity(a.template).localeCompare(specificity(b.template)) || a.template.localeCompare(b.template),
    );
    for (const route of sorted) {
      const key = firstSegment(route.template);
      this.#routes.set(key, [...(this.#routes.get(key) ?? []), route]);
    }
  }

  match(method: string, url: URL): RouteMatch {
    const { pathname } = url;
    const base = this.#basePaths.find(
      (b) => pathname.startsWith(b) && (pathname.length === b.length || pathname.charCodeAt(b.length) === SLASH),
    );
    if (base === undefined) return { kind: "outside-base-path", basePaths: this.#basePaths };
    const path = pathname.slice(base.length) || "/";
    const lowerMethod = method.toLowerCase();
    let pathOnly: Route | undefined;
    for (const group of [this.#routes.get(firstSegment(path)), this.#routes.get("")]) {
      for (const route of group ?? []) {
        const found = route.pattern.exec(path);
        if (!found) continue;
        const operation = route.operations.get(lowerMethod);
        if (!operation) {
          pathOnly ??= route;
          continue;
        }
        const pathParams = Object.create(null) as Record<string, string>;
        for (let i = 0; i < route.names.length; i++) pathParams[route.names[i]!] = decodeSegment(found[i + 1]!);
        return { kind: "operation", operation, pathParams };
      }
    }
    if (pathOnly)
      return {
        kind: "method-not-documented",
        path,
        template: pathOnly.template,
        documented: [...pathOnly.operations.keys()].map((m) => m.toUpperCase()),
      };
    return { kind: "unknown-path", path };
  }
}
