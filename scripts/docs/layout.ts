// The frame of every page: head (strict CSP, no inline script or style), skip link, header with
// search and the OpenAPI downloads, the menu of every section and operation, and the footer.
import { html, type Html } from "./html.ts";
import { FIXED_PAGES, type SiteModel, type SiteOperation } from "./site-model.ts";

/** The policy every page declares for itself; the server may send a stricter one, never needs a looser one. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
  "base-uri 'self'; form-action 'none'";

export interface PageContent {
  file: string;
  title: string;
  description: string;
  main: Html;
  /** The section whose menu entry starts open, if any. */
  section?: string;
  /** A `<base href>`: only for 404.html, which is served at any depth. */
  base?: string;
  kind: "home" | "section" | "ledger" | "not-found";
}

export function methodBadge(method: string): Html {
  return html`<span class="method method-${method}">${method.toUpperCase()}</span>`;
}

/** "inferred · low": the mark of an operation whose URL or method the spec had to reconstruct. */
export function inferredBadge(op: SiteOperation): Html {
  if (!op.inferred) return html``;
  return html`<span class="badge badge-inferred" title="Inferred endpoint: the vendor doc's URL or method is broken"
    >inferred · ${op.inferred.confidence}</span
  >`;
}

function menu(model: SiteModel, content: PageContent): Html {
  const current = (file: string) => (content.file === file ? html` aria-current="page"` : "");
  return html`<nav id="nav" class="sidebar" aria-label="Sections and operations">
    <ul class="nav-pages">
      <li><a href="${FIXED_PAGES.home}" ${current(FIXED_PAGES.home)}>Introduction</a></li>
      <li><a href="${FIXED_PAGES.ledger}" ${current(FIXED_PAGES.ledger)}>Doc defects (the ledger)</a></li>
    </ul>
    ${model.groups.map(
      (group, g) =>
        html`<p class="nav-group" id="nav-group-${g}">${group.name}</p>
          <ul class="nav-sections" aria-labelledby="nav-group-${g}">
            ${group.sections.map(
              (section) => html`<li>
              <details${section.name === content.section ? html` open` : ""}>
                <summary>${section.name} <span class="count">${section.operations.length}</span></summary>
                <ul class="nav-operations">
                  <li><a href="${section.page}"${current(section.page)}>About ${section.name}</a></li>
                  ${section.operations.map(
                    (op) =>
                      html`<li>
                        <a href="${op.url}"
                          >${methodBadge(op.method)} <span>${op.summary}</span> ${inferredBadge(op)}</a
                        >
                      </li>`,
                  )}
                </ul>
              </details>
            </li>`,
            )}
          </ul>`,
    )}
  </nav>`;
}

/** Runs of white space outside <pre> as one space: the same page, a fifth smaller. */
const compact = (page: string) =>
  page
    .split(/(<pre[\s\S]*?<\/pre>)/)
    .map((part, i) => (i % 2 ? part : part.replace(/\s+/g, " ")))
    .join("");

export function layout(model: SiteModel, content: PageContent): string {
  const info = model.spec.info;
  return `<!doctype html>\n${compact(
    html`<html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />
        ${content.base ? html`<base href="${content.base}" />` : ""}
        <title>${content.title}</title>
        <meta name="description" content="${content.description}" />
        <link rel="icon" href="assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="assets/site.css" />
        <script defer src="assets/site.js"></script>
      </head>
      <body data-page="${content.kind}">
        <header class="site-header">
          <a class="skip-link" href="#main">Skip to content</a>
          <a class="brand" href="${FIXED_PAGES.home}">${info.title}</a>
          <form class="search" role="search" action="${FIXED_PAGES.home}">
            <label for="search-input">Search</label>
            <input
              id="search-input"
              type="search"
              name="q"
              autocomplete="off"
              placeholder="resi, pesanan, order…"
              aria-controls="search-results"
              aria-describedby="search-status"
            />
            <p id="search-status" class="visually-hidden" aria-live="polite"></p>
            <ul id="search-results" class="search-results" hidden></ul>
          </form>
          <p class="downloads">
            Download OpenAPI (<a href="openapi.json" download>JSON</a> / <a href="openapi.yaml" download>YAML</a>)
          </p>
          <a class="menu-link" href="#nav">Menu</a>
        </header>
        <div class="layout">
          <main id="main" tabindex="-1">${content.main}</main>
          ${menu(model, content)}
        </div>
        <footer class="site-footer">
          <p>
            ${info.title} ${info.version}: generated from the repository's OpenAPI description of the vendor's
            documentation. Every departure from that documentation is in the
            <a href="${FIXED_PAGES.ledger}">ledger</a>.
          </p>
        </footer>
      </body>
    </html>`.value,
  )}\n`;
}
