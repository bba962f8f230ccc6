// The `Prefer` header (RFC 7240) a test sends to choose the mock's answer, with Prism's names so
// habits carry over — `code=404`, `example=<name>` — and faults for testing clients: `fault=reset`
// (the connection is dropped), `fault=timeout` (no answer at all), `fault=503`, `fault=429` (with
// `Retry-After`, `retry-after=<seconds>`), `delay=<ms>`. Preferences the mock does not know are
// ignored, as RFC 7240 asks; a known one with a bad value is an error of the request.

export const FAULTS = ["reset", "timeout", "503", "429"] as const;
export type Fault = (typeof FAULTS)[number];

/** The longest `delay` the mock waits, so a typo cannot hang a test suite. */
export const MAX_DELAY_MS = 60_000;
/** The longest `retry-after` the mock announces (a day). */
const MAX_RETRY_AFTER_S = 86_400;
/** Retry-After of `fault=429|503` when the request names none: short, so retry tests stay fast. */
export const DEFAULT_RETRY_AFTER_S = 1;

export interface Preferences {
  /** `code=<status>`: answer this documented status. */
  code?: number;
  /** `example=<name>`: answer this named example. */
  example?: string;
  fault?: Fault;
  /** `delay=<ms>`: wait this long before answering. */
  delayMs?: number;
  /** `retry-after=<seconds>`: the Retry-After of a 429 or 503 answer. */
  retryAfterS?: number;
  /** The preferences taken, for the Preference-Applied header. */
  applied: string[];
}

export type PreferResult = { ok: true; preferences: Preferences } | { ok: false; error: string };

function wholeNumber(name: string, value: string, max: number): number | string {
  if (!/^\d{1,9}$/.test(value)) return `Prefer: ${name}=${value} is not a whole number`;
  const n = Number(value);
  return n <= max ? n : `Prefer: ${name}=${value} is above the mock's limit of ${max}`;
}

/** Reads the `Prefer` header(s); several headers arrive joined by commas. */
export function parsePrefer(header: string | undefined): PreferResult {
  const preferences: Preferences = { applied: [] };
  for (const token of (header ?? "").split(/[,;]/).map((t) => t.trim())) {
    if (!token) continue;
    const match = /^([A-Za-z-]+)(?:\s*=\s*(?:"([^"]*)"|([^\s"]*)))?$/.exec(token);
    if (!match) return { ok: false, error: `Prefer: cannot read "${token.slice(0, 100)}"` };
    const name = match[1]!.toLowerCase();
    const value = match[2] ?? match[3] ?? "";
    let problem: string | undefined;
    switch (name) {
      case "code":
        if (/^[1-5]\d\d$/.test(value)) preferences.code = Number(value);
        else problem = `Prefer: code=${value} is not an HTTP status`;
        break;
      case "example":
        if (value) preferences.example = value;
        else problem = "Prefer: example= needs the example's name";
        break;
      case "fault":
        if ((FAULTS as readonly string[]).includes(value)) preferences.fault = value as Fault;
        else problem = `Prefer: fault=${value} is not a fault the mock knows (${FAULTS.join(", ")})`;
        break;
      case "delay":
      case "retry-after": {
        const n = wholeNumber(name, value, name === "delay" ? MAX_DELAY_MS : MAX_RETRY_AFTER_S);
        if (typeof n === "string") problem = n;
        else if (name === "delay") preferences.delayMs = n;
        else preferences.retryAfterS = n;
        break;
      }
      default:
        continue; // not ours (return=minimal, respond-async, ...): ignored, as RFC 7240 asks
    }
    if (problem) return { ok: false, error: problem };
    preferences.applied.push(`${name}=${value}`);
  }
  if (preferences.fault && preferences.code !== undefined)
    return { ok: false, error: `Prefer: choose either fault=${preferences.fault} or code=${preferences.code}` };
  return { ok: true, preferences };
}
