// The docs site's view of the bundled spec: sections (tags, in the order of x-tagGroups) with their
// operations, each with its page, anchor, code samples, inferred-endpoint note and doc defects.
// This is the only module of the site that walks the spec; the renderers read the model.
import { deref, isJsonMediaType, type Json } from "../../src/spec/document.ts";
import { specModel, type EndpointInferred, type Found } from "../../src/spec/model.ts";
import { mediaExample } from "../../src/spec/request-plan.ts";
import { codeSamples, downloadOf, type CodeSample } from "../lib/code-samples.ts";
import { slugify } from "./html.ts";

export type { Found, Json };
export { deref, isJsonMediaType, mediaExample };

/** The name of the component a `$ref` points at (`#/components/schemas/Warehouse` → Warehouse). */
export const refName = (node: unknown): string | undefined =>
  typeof (node as Json)?.$ref === "string" ? (node as Json).$ref.split("/").at(-1) : undefined;

export interface SiteOperation {
  id: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  /** The page of its section and the id of its heading there: `order.html#createOrder`. */
  url: string;
  anchor: string;
  section: SiteSection;
  operation: Json;
  /** Path-item and operation parameters, `$ref`s resolved. */
  parameters: Json[];
  inferred?: EndpointInferred;
  defects: Json[];
  samples: CodeSample[];
  /** The file a download's samples write, and its media type. */
  download?: { fileName: string; mediaType: string };
}

export interface SiteSection {
  name: string;
  slug: string;
  page: string;
  description?: string;
  group: string;
  operations: SiteOperation[];
}

export interface SiteModel {
  spec: Json;
  groups: { name: string; sections: SiteSection[] }[];
  sections: SiteSection[];
  operations: SiteOperation[];
}

/** Pages of the site that are not sections; a section may not take their file names. */
export const FIXED_PAGES = { home: "index.html", ledger: "doc-defects.html", notFound: "404.html" } as const;

export function siteModel(spec: Json): SiteModel {
  const model = specModel(spec);
  const tags: Json[] = spec.tags ?? [];
  const grouped: Json[] = spec["x-tagGroups"] ?? [{ name: "API", tags: model.tags.map((t) => t.name) }];
  const sections = new Map<string, SiteSection>();
  const groups = grouped.map((group) => ({
    name: String(group.name),
    sections: (group.tags as string[]).map((name) => {
      const slug = slugify(name);
      const section: SiteSection = {
        name,
        slug,
        page: `${slug}.html`,
        description: tags.find((t) => t.name === name)?.description,
        group: String(group.name),
        operations: [],
      };
      if (Object.values(FIXED_PAGES).includes(section.page as never) || sections.has(name))
        throw new Error(`tag "${name}": its page ${section.page} is taken; rename the tag or its group`);
      sections.set(name, section);
      return section;
    }),
  }));
  const operations = model.operations.map((op) => {
    const section = sections.get(op.tag);
    if (!section) throw new Error(`${op.id}: its tag "${op.tag}" is in no x-tagGroups entry, so no page would list it`);
    const download = downloadOf(op);
    const siteOperation: SiteOperation = {
      id: op.id,
      method: op.method,
      path: op.path,
      summary: op.summary,
      description: op.object.description,
      url: `${section.page}#${op.id}`,
      anchor: op.id,
      section,
      operation: op.object,
      parameters: op.parameters.map((p) => p.node),
      ...(op.inferred ? { inferred: op.inferred } : {}),
      defects: op.object["x-doc-defects"] ?? [],
      samples: codeSamples(model, op),
      ...(download ? { download } : {}),
    };
    section.operations.push(siteOperation);
    return siteOperation;
  });
  const used = groups.map((g) => ({ ...g, sections: g.sections.filter((s) => s.operations.length) }));
  return { spec, groups: used, sections: used.flatMap((g) => g.sections), operations };
}
