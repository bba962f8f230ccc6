// The one sensitivity policy for names: which header, query parameter or field names hold a
// credential or personal data, and of what kind. The client's error messages and the recorder's
// scrubber both ask here, so a name is redacted in both or in neither. A name is classified by the
// spec's `x-sensitive` marks first (the API's own fields, collected by src/spec/sensitive-fields.ts),
// then word by word (`api_key`, `X-Api-Key`, `accessKey` hold the word "key"; `keyword` and
// `monkey` do not), so names the spec does not know are caught too. The values themselves are
// scanned by src/redaction.ts.

/** The kinds of sensitive value, strongest first: when a name matches two, the first wins. */
export const SENSITIVE_KINDS = ["secret", "account-number", "phone", "email", "person-name", "address"] as const;
export type SensitiveKind = (typeof SENSITIVE_KINDS)[number];

/** The API's marked field names and their kinds (from the spec's `x-sensitive`). */
export type MarkedNames = ReadonlyMap<string, SensitiveKind>;

/**
 * Words, and pairs of adjacent words ("account number"), that make a name hold a kind of value.
 * Plain `name` is not here: the spec marks the API's fields that hold people's names.
 */
const NAME_WORDS: Record<SensitiveKind, { words: string[]; pairs?: string[] }> = {
  secret: {
    words: [
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
    ],
  },
  "account-number": {
    words: ["iban", "norek", "rekening", "va"],
    pairs: ["account no", "account number", "bank number", "card number", "no rek", "virtual account"],
  },
  phone: {
    words: ["cellphone", "handphone", "hp", "mobile", "msisdn", "phone", "telepon", "telp", "wa", "whatsapp"],
  },
  email: { words: ["email"], pairs: ["e mail"] },
  "person-name": {
    words: ["dropshipper", "firstname", "fullname", "lastname", "nama", "username"],
    pairs: [
      "account name",
      "buyer name",
      "consignee name",
      "consignees name",
      "contact name",
      "customer name",
      "first name",
      "full name",
      "holder name",
      "last name",
      "owner name",
      "receiver name",
      "recipient name",
      "sender name",
      "user name",
    ],
  },
  address: { words: ["addess", "address", "alamat", "street"] },
};

const WORD_KINDS = new Map<string, SensitiveKind>();
for (const kind of [...SENSITIVE_KINDS].reverse()) {
  for (const word of NAME_WORDS[kind].words) WORD_KINDS.set(word, kind);
  for (const pair of NAME_WORDS[kind].pairs ?? []) WORD_KINDS.set(pair, kind);
}
const RANK = new Map(SENSITIVE_KINDS.map((kind, i) => [kind, i]));

/** The lower-case words of a name: split at non-alphanumerics and camelCase humps (`accessKey` → access, key). */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The innermost key of a bracket name (`products[0][phone]` → `phone`), or the name itself. */
function innermostKey(name: string): string {
  const match = /\[([^[\]]*)\]$/.exec(name);
  return match?.[1] || name;
}

/** Word-policy verdicts by name: text repeats its names, and scanning it asks for each one. */
const verdicts = new Map<string, SensitiveKind | undefined>();
const MAX_VERDICTS = 4096;

/** The kind of value a name holds, or undefined when it holds nothing sensitive. */
export function sensitiveKind(name: string, marked?: MarkedNames): SensitiveKind | undefined {
  const mark = marked?.get(name) ?? marked?.get(innermostKey(name));
  if (mark) return mark;
  if (name.length > 256) return undefined; // no field is named like that; do not spend time on it
  if (verdicts.has(name)) return verdicts.get(name);
  if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
  const kind = kindByWords(name);
  verdicts.set(name, kind);
  return kind;
}

function kindByWords(name: string): SensitiveKind | undefined {
  let found: SensitiveKind | undefined;
  const words = nameWords(name);
  for (let i = 0; i < words.length; i++) {
    for (const key of [words[i]!, `${words[i]} ${words[i + 1]}`]) {
      const kind = WORD_KINDS.get(key);
      if (kind && (found === undefined || RANK.get(kind)! < RANK.get(found)!)) found = kind;
    }
  }
  return found;
}

/** Whether values under this name are credentials (tokens, keys, passwords, PINs, signatures...). */
export function isSecretName(name: string, marked?: MarkedNames): boolean {
  return sensitiveKind(name, marked) === "secret";
}

export const REDACTED = "[REDACTED]";
export const REDACTED_EMAIL = "redacted@example.com";
export const REDACTED_NAME = "Redacted Name";
export const REDACTED_ADDRESS = "Redacted Address";

/** Digits become 0 (and letters X) after the first `keep` characters, so the value keeps its shape. */
export function maskCharacters(text: string, keep = 0): string {
  return (
    text.slice(0, keep) +
    text
      .slice(keep)
      .replace(/[0-9]/g, "0")
      .replace(/[A-Za-z]/g, "X")
  );
}

/** The part of a phone number kept as it is: the Indonesian prefix (`08`, `628`, `+628`) or a leading `+`. */
export function phonePrefixLength(phone: string): number {
  return /^(\+?62|0)8/.exec(phone)?.[0].length ?? (phone.startsWith("+") ? 1 : 0);
}

/**
 * A string value of a kind, replaced by a value of the same shape: digits stay digits, an email
 * stays an email, so a scrubbed recording still checks against the contract. `text` handles the
 * values a name does not settle (an "email" field that holds no address).
 */
export function replaceValue(kind: SensitiveKind, value: string, text: (value: string) => string): string {
  if (value === "") return value;
  switch (kind) {
    case "secret":
      return REDACTED;
    case "account-number":
      return maskCharacters(value);
    case "phone":
      return maskCharacters(value, phonePrefixLength(value));
    case "email":
      return value.includes("@") ? REDACTED_EMAIL : text(value);
    case "person-name":
      return REDACTED_NAME;
    case "address":
      return REDACTED_ADDRESS;
  }
}
