// The one sensitivity policy for names: which header, query parameter or field names carry a
// credential. The client's error messages and the recorder's scrubber both ask here, so a name is
// redacted in both or in neither. Names are compared word by word (`api_key`, `X-Api-Key`,
// `accessKey` hold the word "key"; `keyword` and `monkey` do not).

/** Words that make a name a credential's. */
const SECRET_WORDS = new Set([
  "apikey",
  "auth",
  "authorization",
  "cookie",
  "credential",
  "credentials",
  "csrf",
  "key",
  "otp",
  "pass",
  "passcode",
  "passwd",
  "password",
  "pin",
  "private",
  "pwd",
  "secret",
  "session",
  "sig",
  "signature",
  "token",
  "xsrf",
]);

/** The lower-case words of a name: split at non-alphanumerics and camelCase humps (`accessKey` → access, key). */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Whether values under this name are credentials (tokens, keys, passwords, PINs, signatures...). */
export function isSecretName(name: string): boolean {
  return nameWords(name).some((word) => SECRET_WORDS.has(word));
}

export const REDACTED = "[REDACTED]";

function decodedName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

/** A URL with its user info removed and the values of secret-named query parameters redacted; the rest as sent. */
export function redactUrl(href: string): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return href;
  }
  url.username = "";
  url.password = "";
  if (url.search) {
    url.search = url.search
      .slice(1)
      .split("&")
      .map((part) => {
        const name = part.split("=", 1)[0]!;
        return isSecretName(decodedName(name)) ? `${name}=${REDACTED}` : part;
      })
      .join("&");
  }
  return url.href;
}

/** Below this length a secret is only redacted where it stands alone: "abc" must not garble "abcd" or "labcoat". */
const SHORT_SECRET = 8;
const SECRET_CHAR = "[A-Za-z0-9._~+/=-]";

function secretPattern(secret: string): RegExp {
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<!${SECRET_CHAR})${escaped}(?!${SECRET_CHAR})`, "g");
}

/** `text` with every occurrence of `secret` replaced by REDACTED (a short secret only where it stands alone). */
export function redactSecret(text: string, secret: string): string {
  if (!secret) return text;
  return secret.length >= SHORT_SECRET
    ? text.replaceAll(secret, REDACTED)
    : text.replace(secretPattern(secret), REDACTED);
}

/** Whether `text` holds `secret` where redactSecret would replace it. */
export function containsSecret(text: string, secret: string): boolean {
  if (!secret) return false;
  return secret.length >= SHORT_SECRET ? text.includes(secret) : secretPattern(secret).test(text);
}
