// Markdown of the spec's descriptions to HTML, at build time. Raw HTML in a description is shown as
// text (the spec is data), images are not rendered (nothing may be fetched), and headings are
// shifted under the page's own outline, each with an id to link to.
import MarkdownIt from "markdown-it";
import { Html, slugify } from "./html.ts";

const md = new MarkdownIt({ html: false, linkify: false, typographer: false }).disable("image");
// Wide tables scroll inside a focusable, labelled region rather than widening the page.
md.renderer.rules.table_open = () => '<div class="table-scroll" tabindex="0" role="region" aria-label="Table"><table>';
md.renderer.rules.table_close = () => "</table></div>";

/**
 * Renders a description. Its highest heading becomes `<h{headingLevel}>` and the others follow
 * (so the page never skips a level); `headingIds` collects the ids given to them.
 */
export function markdown(text: string | undefined, opts: { headingLevel?: number; headingIds?: string[] } = {}): Html {
  if (!text) return new Html("");
  const tokens = md.parse(text, {});
  const headings = tokens.filter((t) => t.type === "heading_open" || t.type === "heading_close");
  const top = Math.min(...headings.map((t) => Number(t.tag.slice(1))));
  for (const [i, token] of tokens.entries()) {
    if (token.type !== "heading_open" && token.type !== "heading_close") continue;
    const level = Math.min(6, (opts.headingLevel ?? 3) + Number(token.tag.slice(1)) - top);
    token.tag = `h${level}`;
    if (token.type === "heading_open") {
      const id = slugify(tokens[i + 1]?.content ?? "");
      token.attrSet("id", id);
      opts.headingIds?.push(id);
    }
  }
  return new Html(md.renderer.render(tokens, md.options, {}));
}

/** One line of Markdown (code spans, emphasis, links) without a paragraph around it. */
export function markdownInline(text: string | undefined): Html {
  return new Html(text ? md.renderInline(text) : "");
}
