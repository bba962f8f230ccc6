// `ngorder-openapi/mock`: a mock of the Ngorder API for tests — validates requests with the
// contract checker (needs the optional peers ajv and ajv-formats), answers the documented examples,
// errs like the API, injects faults on request, and keeps a log of what it received.
export { startMock } from "./server.ts";
export type { Mock, StartMockOptions } from "./server.ts";
export { createMockApi, VALIDATION_STATUS } from "./api.ts";
export type { MockApi, MockOptions, MockRequest } from "./api.ts";
export { FAULTS, MAX_DELAY_MS } from "./prefer.ts";
export type { Fault } from "./prefer.ts";
export { PortError } from "./listen.ts";
export type { LoggedFile } from "./request-body.ts";
