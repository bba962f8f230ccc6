// The rules of a release, shared by the CI gate and the changelog: the package's version and the
// spec's info.version are one number (semver), a change that breaks clients is a major version,
// and every new version has its entry in CHANGELOG.md (Keep a Changelog).
import type { Json } from "../../src/spec/document.ts";
import { diffSpecs, type SpecChange } from "./spec-diff.ts";

export interface ReleaseState {
  /** `version` of package.json. */
  version: string;
  /** The bundled spec. */
  spec: Json;
  /** Text of CHANGELOG.md ("" when there is none). */
  changelog: string;
}

export interface ReleaseVerdict {
  changes: SpecChange[];
  problems: string[];
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:[-+][0-9A-Za-z.+-]*)?$/;

function major(version: string): number | undefined {
  const match = SEMVER.exec(version);
  return match ? Number(match[1]) : undefined;
}

/** The text under `## [version]` up to the next version heading, or undefined without one. */
export function changelogEntry(changelog: string, version: string): string | undefined {
  const lines = changelog.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`## [${version}]`));
  if (start < 0) return undefined;
  const end = lines.findIndex((line, i) => i > start && line.startsWith("## "));
  return lines.slice(start + 1, end < 0 ? undefined : end).join("\n");
}

/** What stops `head` from being released after `base`; no problems means it may go. */
export function checkRelease(base: ReleaseState, head: ReleaseState): ReleaseVerdict {
  const problems: string[] = [];
  const infoVersion = String(head.spec.info?.version ?? "");
  if (infoVersion !== head.version)
    problems.push(
      `package.json version ${head.version} and the spec's info.version ${infoVersion} must be the same: change both`,
    );
  if (major(head.version) === undefined) problems.push(`version ${head.version} is not a semantic version (1.2.3)`);
  const changes = diffSpecs(base.spec, head.spec);
  const breaking = changes.filter((c) => c.classification === "breaking").length;
  const headMajor = major(head.version) ?? 0;
  const baseMajor = major(base.version) ?? 0;
  if (breaking && headMajor <= baseMajor)
    problems.push(
      `${breaking} change(s) break clients, so the version needs a major bump: ${base.version} → ${baseMajor + 1}.0.0 (package.json and info.version)`,
    );
  const needsEntry = breaking > 0 || head.version !== base.version;
  if (needsEntry && !changelogEntry(head.changelog, head.version)?.trim())
    problems.push(
      `CHANGELOG.md has no entry for ${head.version}: add "## [${head.version}] - <date>" with what changed (npm run changelog drafts it)`,
    );
  return { changes, problems };
}
