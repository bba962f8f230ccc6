// Shared by the client tests: a token that must never leak, and the ways it could.
import { inspect } from "node:util";
import { expect } from "vitest";
import { NgorderError, type Ngorder, type NgorderErrorKind } from "../../src/index.ts";
import type { SdkMethod } from "../../src/operation.ts";

export const TOKEN = "tok_live_S3CRET_4f9a2c7e1b";

/** Every way an error is shown or logged: message, stack, JSON, util.inspect with its causes. */
export function expectNoToken(error: unknown): void {
  const views = [
    String(error),
    (error as Error)?.stack,
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
  ];
  for (const view of views) expect(view).not.toContain(TOKEN);
}

/** Runs `call`, expects an NgorderError of `kind`, checks it leaks no token, and returns it. */
export async function failure(call: () => Promise<unknown>, kind: NgorderErrorKind): Promise<NgorderError> {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NgorderError);
  const ngorderError = error as NgorderError;
  expect(ngorderError.kind, ngorderError.message).toBe(kind);
  expectNoToken(ngorderError);
  return ngorderError;
}

/** Every method of an SDK object, with the operation each one sends. */
export function sdkMethods(sdk: Ngorder): SdkMethod[] {
  return Object.values(sdk as unknown as Record<string, Record<string, SdkMethod>>).flatMap((namespace) =>
    Object.values(namespace),
  );
}

/** The SDK method of an operation; fails the test when the spec has no such operation. */
export function sdkMethod(sdk: Ngorder, operationId: string): SdkMethod {
  const method = sdkMethods(sdk).find((m) => m.operationId === operationId);
  if (!method) expect.fail(`the spec has no operation ${operationId}`);
  return method;
}
