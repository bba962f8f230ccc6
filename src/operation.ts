// The runtime behind the generated resource SDK (generated/sdk.ts): one function per operation that
// takes one parameter object, sends it, and returns the success body or throws NgorderError.
import type { Caller } from "./client.ts";
import type { CallOptions } from "./types.ts";

/** How an operation's one parameter object maps onto the request: the spec model's decisions, written by scripts/generate-sdk.ts. */
export interface OperationSpec {
  method: string;
  /** The path template; its `{names}` are taken from the parameter object. */
  path: string;
  operationId: string;
  /**
   * Where the request body comes from: `flat`, the keys that are no parameter; `nested`, the `body`
   * key (a body that is no object, is optional, or shares a name with a parameter). None: no body,
   * and every key that is no path or header parameter is a query parameter.
   */
  body?: "flat" | "nested";
  /** Query parameter names, listed when the operation also has a body. */
  query?: readonly string[];
  /** Header parameter names other than Accept-Language (set with the `language` option). */
  header?: readonly string[];
  /** The success answer is a file: returned as a Blob whatever its Content-Type says. */
  binary?: boolean;
  /** The operation takes no parameter: the method's only argument is the call options. */
  parameterless?: boolean;
}

type Params = Record<string, unknown>;

/**
 * An SDK method, untyped here: generated/sdk.ts gives each one its operation's types. It carries its
 * OperationSpec, which names the operation in the errors `paginate` throws.
 */
export type SdkMethod = ((params?: any, options?: CallOptions) => Promise<any>) & OperationSpec;

export function operation(call: Caller, spec: OperationSpec): SdkMethod {
  const { method, path, operationId, body, query = [], header = [] } = spec;
  const pathNames = new Set(Array.from(path.matchAll(/\{([^}]+)\}/g), (match) => match[1]));
  const send = async (params: Params = {}, options: CallOptions = {}) => {
    let pathParams: Params | undefined;
    let queryParams: Params | undefined;
    let headerParams: Params | undefined;
    let payload: unknown = body === "flat" ? {} : undefined;
    for (const key in params) {
      const value = params[key];
      if (pathNames.has(key)) (pathParams ??= {})[key] = value;
      else if (header.includes(key)) (headerParams ??= {})[key] = value;
      else if (body === "nested" && key === "body") payload = value;
      else if (body === "flat" && !query.includes(key)) (payload as Params)[key] = value;
      else (queryParams ??= {})[key] = value;
    }
    const init = {
      ...options,
      params: { path: pathParams, query: queryParams, header: headerParams },
      body: payload,
      parseAs: spec.binary ? ("blob" as const) : undefined,
    };
    return (await call(method, path, init, operationId, true)).data;
  };
  const sdkMethod = spec.parameterless ? (options?: CallOptions) => send({}, options) : send;
  return Object.assign(sdkMethod, spec);
}
