// The SDK's names: `ngorder.<namespace>.<method>` for every operation.
//
// - The namespace is the tag's `x-sdk-name` (`Warehouse` → `warehouses`); a tag without one gets
//   its name in camelCase.
// - The method is the operation's `x-sdk-method` where the spec sets one (a derived name that reads
//   badly: `readNotifications` → `markAsRead`). Otherwise it is the operationId with the tag's noun
//   taken out: the first of its candidate nouns, longest first, that stands in the operationId as
//   whole camelCase words (`listWarehouses` → `list`, `uploadShopLogo` → `uploadLogo`). The
//   candidates are the PascalCase `x-sdk-name` and tag name, each singular and plural.
// - A derived method keeps the whole operationId when no noun stands in it, when taking it out
//   would leave nothing or a name of Object.prototype, or when two operations of the namespace
//   would end up with the same name (then both keep theirs). Two `x-sdk-method`s, or one and a
//   derived name, that collide are an error in the spec.
import type { Json } from "./document.ts";
import type { OperationModel } from "./model.ts";

export const pascalCase = (text: string): string =>
  text
    .replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())
    .replace(/^./, (c) => c.toUpperCase());
export const camelCase = (text: string): string => pascalCase(text).replace(/^./, (c) => c.toLowerCase());

const singular = (noun: string) =>
  noun.endsWith("ies") ? `${noun.slice(0, -3)}y` : noun.endsWith("s") ? noun.slice(0, -1) : noun;
const plural = (noun: string) =>
  noun.endsWith("y") ? `${noun.slice(0, -1)}ies` : noun.endsWith("s") ? noun : `${noun}s`;

/** The operationId without the first candidate noun that stands in it as whole camelCase words. */
export function stripNoun(operationId: string, nouns: string[]): string | undefined {
  for (const noun of [...new Set(nouns)].sort((a, b) => b.length - a.length)) {
    for (let at = operationId.indexOf(noun, 1); at > 0; at = operationId.indexOf(noun, at + 1)) {
      const next = operationId[at + noun.length];
      if (next === undefined || /[A-Z0-9]/.test(next)) return operationId.slice(0, at) + operationId.slice(at + noun.length);
    }
  }
  return undefined;
}

/** Derived method names for the operationIds of one namespace, by the rule above. */
export function methodNames(namespace: string, tagName: string, operationIds: string[]): Map<string, string> {
  const nouns = [pascalCase(namespace), pascalCase(tagName)].flatMap((noun) => [singular(noun), plural(noun)]);
  const names = new Map<string, string>();
  for (const id of operationIds) {
    const stripped = stripNoun(id, nouns);
    names.set(id, stripped && !(stripped in Object.prototype) ? stripped : id);
  }
  for (let clash = true; clash; ) {
    clash = false;
    const owners = new Map<string, string[]>();
    for (const [id, name] of names) owners.set(name, [...(owners.get(name) ?? []), id]);
    for (const ids of owners.values()) {
      if (ids.length < 2) continue;
      for (const id of ids) {
        if (names.get(id) === id) continue;
        names.set(id, id);
        clash = true;
      }
    }
  }
  return names;
}

/** The namespace of a tag and the method name of each of its operations. */
export function sdkNamesOf(
  tag: Json,
  operations: OperationModel[],
): { namespace: string; methods: Map<OperationModel, string> } {
  const namespace: string = tag["x-sdk-name"] ?? camelCase(tag.name);
  const derived = methodNames(
    namespace,
    tag.name,
    operations.map((o) => o.id),
  );
  const methods = new Map<OperationModel, string>();
  const owner = new Map<string, string>();
  for (const operation of operations) {
    const chosen: unknown = operation.object["x-sdk-method"];
    if (chosen !== undefined && (typeof chosen !== "string" || !/^[a-z][A-Za-z0-9]*$/.test(chosen) || chosen in Object.prototype)) {
      throw new Error(`${operation.id}: x-sdk-method must be a camelCase identifier, found ${JSON.stringify(chosen)}`);
    }
    const name = chosen ?? derived.get(operation.id)!;
    const taken = owner.get(name);
    if (taken) throw new Error(`${namespace}.${name} would name both ${taken} and ${operation.id}: set x-sdk-method on one`);
    owner.set(name, operation.id);
    methods.set(operation, name);
  }
  return { namespace, methods };
}
