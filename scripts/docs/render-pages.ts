// The pages of the site: the introduction, one page per section, the defects ledger and 404.html.
import { DEFECT_KINDS, renderDefects } from "../generate-defects.ts";
import { html, type Html } from "./html.ts";
import { inferredBadge, layout, methodBadge } from "./layout.ts";
import { markdown, markdownInline } from "./markdown.ts";
import { operationHtml } from "./render-operation.ts";
import { FIXED_PAGES, type Json, type SiteModel, type SiteSection } from "./site-model.ts";

const QUICK_START = `
## Quick start with the TypeScript client

\`\`\`sh
npm install ngorder-openapi
\`\`\`

\`\`\`ts
import { createNgorder } from "ngorder-openapi";

const ngorder = createNgorder({ token: process.env.NGORDER_TOKEN!, language: "en" });
const { data: warehouses } = await ngorder.warehouses.list({ with_main_warehouse: true });
\`\`\`

Every operation shows its SDK call and a curl command. Errors throw \`NgorderError\` with the
status, the server's messages per field and its \`request_id\`; GETs are retried on 429/502/503/504
and network errors, a POST or PATCH never on its own.
`;

export interface Page {
  file: string;
  content: string;
}

function home(model: SiteModel): Page {
  const { info, servers } = model.spec;
  const main = html`<h1>${info.title}</h1>
    ${info.summary ? html`<p class="lead">${info.summary}</p>` : ""}
    <p>
      Version <code>${info.version}</code>, base URL <code>${servers?.[0]?.url ?? ""}</code>, ${model.operations.length}
      operations in ${model.sections.length} sections.
    </p>
    ${markdown(info.description, { headingLevel: 2 })} ${markdown(QUICK_START, { headingLevel: 2 })}
    <h2 id="sections">Sections</h2>
    ${model.groups.map(
      (group) =>
        html`<h3>${group.name}</h3>
          <ul class="section-list">
            ${group.sections.map(
              (section) =>
                html`<li>
                  <a href="${section.page}">${section.name}</a>
                  <span class="count">(${section.operations.length})</span>
                  ${section.description ? html` — ${markdownInline(section.description)}` : ""}
                </li>`,
            )}
          </ul>`,
    )}`;
  return {
    file: FIXED_PAGES.home,
    content: layout(model, {
      file: FIXED_PAGES.home,
      kind: "home",
      title: info.title,
      description: info.summary ?? info.title,
      main,
    }),
  };
}

function sectionPage(model: SiteModel, section: SiteSection): Page {
  const main = html`<h1>${section.name}</h1>
    <p class="group-label">${section.group}</p>
    ${markdown(section.description)}
    <ul class="toc" aria-label="Operations of ${section.name}">
      ${section.operations.map(
        (op) => html`<li><a href="#${op.anchor}">${methodBadge(op.method)} ${op.summary}</a> ${inferredBadge(op)}</li>`,
      )}
    </ul>
    ${section.operations.map((op) => operationHtml(model.spec, op))}`;
  return {
    file: section.page,
    content: layout(model, {
      file: section.page,
      kind: "section",
      section: section.name,
      title: `${section.name} · ${model.spec.info.title}`,
      description: `${section.name}: ${section.operations.map((op) => op.summary).join(", ")}`,
      main,
    }),
  };
}

/** The ledger's introduction and its table of kinds, as DOC-DEFECTS.md words them. */
function ledgerIntroduction(spec: Json): string {
  const ledger = renderDefects(spec).replace(/^<!--.*-->\n# .*\n/, "");
  const entries = ledger.search(/^\| Section \|/m);
  if (entries < 0) throw new Error("DOC-DEFECTS.md has no '| Section |' table any more: update ledgerIntroduction()");
  return ledger.slice(0, entries);
}

const LEDGER_FIELDS = ["printed", "described", "evidence"];

function defectCard(defect: Json, id: string): Html {
  const kind = String(defect.kind);
  // Fields beyond the usual ones (a source, say) are shown too, in the order they were written.
  const fields = [
    ...LEDGER_FIELDS,
    ...Object.keys(defect).filter((k) => !LEDGER_FIELDS.includes(k) && !["kind", "confidence"].includes(k)),
  ].filter((k) => typeof defect[k] === "string");
  return html`<article class="defect" id="${id}" aria-label="${kind}, confidence ${defect.confidence}">
    <p class="defect-kind">
      <span class="badge">${kind}</span> ${DEFECT_KINDS[kind as keyof typeof DEFECT_KINDS] ?? ""} · confidence
      <strong>${defect.confidence}</strong>
    </p>
    <dl>
      ${fields.map(
        (field) =>
          html`<dt>${field[0]!.toUpperCase()}${field.slice(1)}</dt>
            <dd>${markdownInline(defect[field])}</dd>`,
      )}
    </dl>
  </article>`;
}

function ledgerPage(model: SiteModel): Page {
  const sections = model.sections
    .map((section) => ({ section, operations: section.operations.filter((op) => op.defects.length) }))
    .filter((s) => s.operations.length);
  const main = html`<h1>Defects of the vendor doc, and how the spec resolves them</h1>
    ${markdown(ledgerIntroduction(model.spec), { headingLevel: 2 })}
    <p>The entries below, by section (${model.operations.reduce((n, op) => n + op.defects.length, 0)} in all):</p>
    <ul class="section-list">
      ${sections.map(({ section }) => html`<li><a href="#ledger-${section.slug}">${section.name}</a></li>`)}
    </ul>
    ${sections.map(
      ({ section, operations }) =>
        html`<h2 id="ledger-${section.slug}">${section.name}</h2>
          ${operations.map(
            (op) =>
              html`<section
                class="ledger-operation"
                id="defects-${op.anchor}"
                aria-labelledby="defects-${op.anchor}-title"
              >
                <h3 id="defects-${op.anchor}-title">
                  <a href="${op.url}">${op.summary}</a> ${methodBadge(op.method)}
                  <code>${op.path}</code> ${inferredBadge(op)}
                </h3>
                ${op.defects.map((defect, i) => defectCard(defect, `defect-${op.anchor}-${i + 1}`))}
              </section>`,
          )}`,
    )}`;
  return {
    file: FIXED_PAGES.ledger,
    content: layout(model, {
      file: FIXED_PAGES.ledger,
      kind: "ledger",
      title: `Doc defects · ${model.spec.info.title}`,
      description: "Every place the vendor doc is broken, and how the spec resolves it.",
      main,
    }),
  };
}

/** Served for any unknown address (GitHub Pages, npm start); the site's script forwards old links. */
function notFoundPage(model: SiteModel, basePath: string): Page {
  const main = html`<h1>Page not found</h1>
    <p id="not-found-message">There is no page at this address.</p>
    <p>Go to the <a href="${FIXED_PAGES.home}">introduction</a>, or search for an operation above.</p>`;
  return {
    file: FIXED_PAGES.notFound,
    content: layout(model, {
      file: FIXED_PAGES.notFound,
      kind: "not-found",
      base: basePath,
      title: `Page not found · ${model.spec.info.title}`,
      description: "Page not found",
      main,
    }),
  };
}

export function renderPages(model: SiteModel, opts: { basePath: string }): Page[] {
  return [
    home(model),
    ...model.sections.map((section) => sectionPage(model, section)),
    ledgerPage(model),
    notFoundPage(model, opts.basePath),
  ];
}
