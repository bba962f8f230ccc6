// The wire format of query strings and form bodies, written once: the client sends it, the docs
// samples, the recordings and the recorder print it, the contract checker and the mock read it.
//
// The spec declares it as `style: deepObject, explode: true` on object query parameters (and no
// style on an array, CONVENTIONS.md §7), read the way PHP (Laravel) reads bracket names: objects
// and arrays nest with brackets, array items by index —
// `products[0][name]=Sepatu&products[0][color]=Merah`, `filter[status]=x`, `ids[0]=1`. Scalars
// are their text (`true`, `12`); `null` is sent as an empty value, which Laravel reads as null;
// `undefined` members are left out. CONVENTIONS.md §7 says why.

/** A value as read back from a query or form: a string, or a structure built from bracket names. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };

/** The name-value pairs of an object's members, in the wire format. Files (Blobs) stay Blobs. */
export function formPairs(
  fields: object,
  pairs: [string, string | Blob][] = [],
  prefix?: string,
): [string, string | Blob][] {
  for (const [key, value] of Object.entries(fields)) {
    const name = prefix === undefined ? key : `${prefix}[${key}]`;
    if (value === undefined) continue;
    if (value === null) pairs.push([name, ""]);
    else if (typeof value === "object" && !(value instanceof Blob)) formPairs(value, pairs, name);
    else pairs.push([name, value instanceof Blob ? value : String(value)]);
  }
  return pairs;
}

/** A query string (without `?`) of an object's members. */
export const queryString = (query: object): string =>
  new URLSearchParams(formPairs(query) as [string, string][]).toString();

/** Indexes above this are refused: a sparse `a[99999999]=x` must not allocate an array that long. */
export const MAX_INDEX = 10_000;
/** Bracket levels below this are refused. */
export const MAX_DEPTH = 32;

/** Why a pair could not be read; the pair is left out of the values. */
export interface FormPairProblem {
  name: string;
  message: string;
}

const BRACKETED = /^([^[\]]+)((?:\[[^\]]*\])+)$/;

/**
 * Reads `name=value` pairs back into values: bracket names become arrays (`ids[]=1`, `ids[0]=1`)
 * and objects (`filter[status]=x`); a plain name sent more than once becomes an array. The result
 * is data only: objects have no prototype, so no name (`__proto__`, `constructor`) reaches one.
 */
export function parseFormPairs(
  pairs: Iterable<[string, string]>,
  problems: FormPairProblem[] = [],
): Map<string, FormValue> {
  const values = new Map<string, FormValue>();
  for (const [name, value] of pairs) {
    const match = BRACKETED.exec(name);
    if (!match) {
      const previous = values.get(name);
      values.set(name, previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value]);
      continue;
    }
    const keys = [...match[2]!.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!);
    const problem =
      keys.length > MAX_DEPTH
        ? `nests deeper than ${MAX_DEPTH} levels`
        : keys.some((key) => /^\d+$/.test(key) && Number(key) > MAX_INDEX)
          ? `has an index above ${MAX_INDEX}`
          : undefined;
    if (problem) problems.push({ name, message: `${problem}: not read` });
    else values.set(match[1]!, insert(values.get(match[1]!), keys, value));
  }
  return values;
}

function record(): { [key: string]: FormValue } {
  return Object.create(null) as { [key: string]: FormValue };
}

function insert(target: FormValue | undefined, keys: string[], value: string): FormValue {
  if (keys.length === 0) return value;
  const [key, ...rest] = keys as [string, ...string[]];
  if (key === "" || /^\d+$/.test(key)) {
    const list: FormValue[] = Array.isArray(target) ? target : target === undefined ? [] : [target];
    const index = key === "" ? list.length : Number(key);
    list[index] = insert(list[index], rest, value);
    return list;
  }
  const object = target && typeof target === "object" && !Array.isArray(target) ? target : record();
  object[key] = insert(object[key], rest, value);
  return object;
}
