// The package's main entry: the typed path client, the generated resource SDK, errors and pagination.
// It never imports the contract checker (src/contract/), so the client stays free of Ajv.
export { createNgorderClient, DEFAULT_BASE_URL } from "./client.ts";
export { NgorderError, type NgorderErrorDetails, type NgorderErrorKind } from "./errors.ts";
export { pages, paginate, type PageBody, type PaginateOptions } from "./paginate.ts";
export type { RetryOptions } from "./retry.ts";
export type {
  CallOptions,
  ClientMethod,
  Language,
  NgorderClient,
  NgorderClientOptions,
  OperationAt,
  PathsWith,
  RequestOptions,
} from "./types.ts";
export * from "../generated/sdk.ts";
export type { components, operations, paths } from "../generated/schema.d.ts";
