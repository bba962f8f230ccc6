// HTML built from data: every interpolated value is escaped unless it is already Html (markup this
// site wrote itself, or Markdown rendered with raw HTML turned off).
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function piece(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(piece).join("");
  if (value === undefined || value === null || value === false) return "";
  return escapeHtml(String(value));
}

/** A template of markup: `html\`<p>${text}</p>\``; arrays are joined, empty values left out. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return new Html(strings.reduce((out, text, i) => out + text + (i < values.length ? piece(values[i]) : ""), ""));
}

/** Markup this site produced itself (never data). */
export const trusted = (markup: string): Html => new Html(markup);

/** An id or file name for a title: "Storefront & Privor" → "storefront-and-privor" (as Redoc made them). */
export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
