// Markdown of the spec's descriptions to HTML, at build time. Raw HTML in a description is shown as
// text (the spec is data), images are not rendered (nothing may be fetched), links to files of the
// repository (`CONVENTIONS.md`), which the site does not have, keep their text but not the link, and
// headings are shifted under the page's own outline, each with an id to link to.
import MarkdownIt from "markdown-it";
import { Html, slugify } from "./html.ts";

const md = new MarkdownIt({ html: false, linkify: false, typographer: false }).disable("image");
// Wide tables scroll inside a focusable, labelled region rather than widening the page.
md.renderer.rules.table_open = () => '<div class="table-scroll" tabindex="0" role="region" aria-label="Table"><table>';
md.renderer.rules.table_close = () => "</table></div>";

/** A link that works on the site: another host, a fragment, or one of the site's pages. */
const worksOnSite = (href: string) => /^([a-z][a-z0-9+.-]*:|#)/i.test(href) || /^[\w-]+\.html(#.*)?$/.test(href);

md.core.ruler.push("drop_repository_links", (state) => {
  for (const block of state.tokens) {
    if (!block.children) continue;
    const dropped: number[] = [];
    block.children = block.children.filter((token) => {
      if (token.type === "link_open" && !worksOnSite(String(token.attrGet("href") ?? ""))) {
        dropped.push(token.level);
        return false;
      }
      if (token.type === "link_close" && dropped.at(-1) === token.level) {
        dropped.pop();
        return false;
      }
      return true;
    });
  }
});

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
