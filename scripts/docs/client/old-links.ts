// The addresses of the old Redoc site (shared links, bookmarks) and where they live now.
import { slugify } from "../html.ts";
import type { SearchDocument } from "./search.ts";

/**
 * Where an address of the old Redoc site lives now: `order/createorder`, `#/order/createorder`,
 * `#tag/Order/operation/createOrder`, `#operation/createOrder`, `section/authentication`, `order`.
 */
export function forwardedAddress(route: string, docs: SearchDocument[]): string | undefined {
  const parts = decodeURIComponent(route)
    .replace(/^[#/]+|\/+$/g, "")
    .split("/")
    .filter(Boolean);
  const operation = parts.includes("operation") ? parts.at(-1) : parts.length === 2 ? parts[1] : undefined;
  if (parts[0] === "section" && parts[1]) return `index.html#${parts[1].toLowerCase()}`;
  if (operation) {
    const found = docs.find(
      (d) => d.kind === "operation" && d.id.split("#")[1]?.toLowerCase() === operation.toLowerCase(),
    );
    if (found) return found.id;
  }
  const page = `${slugify(parts[parts[0] === "tag" ? 1 : 0] ?? "")}.html`;
  return docs.find((d) => d.id === page)?.id;
}
