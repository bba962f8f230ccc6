// One operation as a section of its page: title and endpoint, the inferred-endpoint badge, the
// description, code samples, request (parameters, body) and responses (schema, example).
import { html, type Html } from "./html.ts";
import { inferredBadge, methodBadge } from "./layout.ts";
import { markdown, markdownInline } from "./markdown.ts";
import { parameterList, schemaHtml } from "./render-schema.ts";
import {
  deref,
  FIXED_PAGES,
  isJsonMediaType,
  mediaExample,
  type Found,
  type Json,
  type SiteOperation,
} from "./site-model.ts";

const LOCATIONS = [
  ["path", "Path parameters"],
  ["query", "Query parameters"],
  ["header", "Header parameters"],
] as const;

function mediaHtml(spec: Json, op: SiteOperation, mediaType: string, media: Json, exampleLabel: string): Html {
  if (!isJsonMediaType(mediaType) && mediaType !== "multipart/form-data") {
    const saved = op.download?.mediaType === mediaType ? op.download.fileName : undefined;
    return html`<p>
      A file of type <code>${mediaType}</code>${saved ? html`; the samples save it as <code>${saved}</code>` : ""}.
    </p>`;
  }
  const example: Found = isJsonMediaType(mediaType) ? mediaExample(spec, media) : { found: false };
  return html`<p class="media-type">Media type <code>${mediaType}</code></p>
    ${schemaHtml(spec, media.schema ?? {})}
    ${
      example.found
        ? html`<details class="example" open>
            <summary>${exampleLabel}</summary>
            <pre><code>${JSON.stringify(example.value, null, 2)}</code></pre>
          </details>`
        : ""
    }`;
}

function requestHtml(spec: Json, op: SiteOperation): Html {
  const groups = LOCATIONS.map(([location, title]) => {
    const parameters = op.parameters.filter((p) => p.in === location);
    return parameters.length
      ? html`<h4>${title}</h4>
          ${parameterList(spec, parameters)}`
      : "";
  });
  const body = op.operation.requestBody ? deref(spec, op.operation.requestBody) : undefined;
  const bodyHtml = body
    ? html`<h4>Body${body.required ? html` <span class="required">required</span>` : ""}</h4>
        ${markdown(body.description)}
        ${Object.entries<Json>(body.content ?? {}).map(([mediaType, media]) =>
          mediaHtml(spec, op, mediaType, media, "Example request"),
        )}`
    : "";
  return html`<h3>Request</h3>
    ${groups} ${bodyHtml} ${groups.every((g) => !g) && !body ? html`<p>No parameters and no body.</p>` : ""}`;
}

function responsesHtml(spec: Json, op: SiteOperation): Html {
  const entries = Object.entries<Json>(op.operation.responses ?? {});
  // Responses shared by every operation (the errors) are listed in short; the introduction explains them.
  const shared = entries.filter(([, r]) => typeof r.$ref === "string");
  const own = entries.filter(([, r]) => typeof r.$ref !== "string");
  return html`<h3>Responses</h3>
    ${own.map(([status, response]) => {
      const content = Object.entries<Json>(response.content ?? {});
      return html`<h4 id="${op.anchor}-${status}">
          ${status} <span class="status-text">${response.description}</span>
        </h4>
        ${
          content.length
            ? content.map(([mediaType, media]) => mediaHtml(spec, op, mediaType, media, "Example answer"))
            : html`<p>No body.</p>`
        }`;
    })}
    ${
      shared.length
        ? html`<h4>Errors</h4>
            <ul class="errors">
              ${shared.map(
                ([status, ref]) =>
                  html`<li><strong>${status}</strong> ${markdownInline(deref(spec, ref).description)}</li>`,
              )}
            </ul>
            <p>Error answers share one shape: see <a href="${FIXED_PAGES.home}#errors">Errors</a>.</p>`
        : ""
    }`;
}

function samplesHtml(op: SiteOperation): Html {
  return html`<div class="samples">
    <h3>Samples</h3>
    ${op.samples.map(
      (sample) =>
        html`<figure class="sample" data-lang="${sample.lang}">
          <figcaption>${sample.label}</figcaption>
          <pre><code>${sample.source}</code></pre>
        </figure>`,
    )}
  </div>`;
}

export function operationHtml(spec: Json, op: SiteOperation): Html {
  const defects = op.defects.length
    ? html`<p class="defects-link">
        This operation departs from the printed vendor doc in ${op.defects.length}
        ${op.defects.length === 1 ? "place" : "places"}:
        <a href="${FIXED_PAGES.ledger}#defects-${op.anchor}">see the ledger</a>.
      </p>`
    : "";
  return html`<section class="operation" id="${op.anchor}" aria-labelledby="${op.anchor}-title">
    <div class="operation-head">
      <h2 id="${op.anchor}-title"><a class="anchor" href="#${op.anchor}">${op.summary}</a></h2>
      <p class="endpoint">${methodBadge(op.method)} <code>${op.path}</code> ${inferredBadge(op)}</p>
    </div>
    <div class="operation-doc">${markdown(op.description)} ${defects}</div>
    ${samplesHtml(op)}
    <div class="operation-request">${requestHtml(spec, op)}</div>
    <div class="operation-responses">${responsesHtml(spec, op)}</div>
  </section>`;
}
