// A mock of the Ngorder API for local trials (`npm start`): it routes a request to its operation
// with the contract checker's router and answers the operation's first documented 2xx response,
// using the spec's example (the vendor doc's) or, failing one, a value derived from the schema.
import type { IncomingMessage, ServerResponse } from "node:http";
import { isJsonMediaType, type Json } from "../../src/spec/document.ts";
import { specModel, type OperationModel, type SpecModel } from "../../src/spec/model.ts";
import { successExample } from "../../src/spec/request-plan.ts";
import { plausibleValue } from "../../src/spec/sample-values.ts";
import { Router } from "../../src/contract/router.ts";

function failed(res: ServerResponse, status: number, message: string): true {
  res
    .writeHead(status, { "content-type": "application/json" })
    .end(JSON.stringify({ response: "Failed", message, data: null }));
  return true;
}

function answer(model: SpecModel, operation: OperationModel, res: ServerResponse): true {
  const success = operation.success;
  if (!success) return failed(res, 501, `${operation.id} documents no success response`);
  const { status, mediaType, media } = success;
  const headers = { "x-mock-operation": operation.id };
  if (!mediaType || !media) {
    res.writeHead(Number(status), headers).end();
  } else if (!isJsonMediaType(mediaType)) {
    // Binary downloads have no example: a labelled placeholder of the right media type.
    res.writeHead(Number(status), {
      ...headers,
      "content-type": mediaType,
      "content-disposition": `attachment; filename="${operation.id}"`,
    });
    res.end(`mock ${mediaType} body of ${operation.id}\n`);
  } else {
    const example = successExample(model, operation);
    const body = example.found ? example.value : plausibleValue(model.document, media.schema ?? {}, "data");
    res.writeHead(Number(status), { ...headers, "content-type": mediaType }).end(JSON.stringify(body));
  }
  return true;
}

/** A request handler for startServer(): answers the API's paths and leaves the rest to the caller. */
export function mockApiHandler(spec: Json) {
  const model = specModel(spec);
  const router = new Router(model.operations, model.basePaths);
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const match = router.match(req.method ?? "GET", url);
    if (match.kind === "outside-base-path") return false;
    console.log(
      `mock: ${req.method} ${url.pathname}${url.search} → ${match.kind === "operation" ? match.operation.id : match.kind}`,
    );
    req.resume(); // the body is not read: the mock answers every valid call with its example
    if (match.kind === "unknown-path") return failed(res, 404, `No operation at ${url.pathname}`);
    if (match.kind === "method-not-documented")
      return failed(res, 405, `${req.method} is not documented for ${match.template}`);
    if (!/^Bearer \S+/.test(req.headers.authorization ?? ""))
      return failed(res, 401, "Unauthenticated: send Authorization: Bearer <token> (any token works on the mock)");
    return answer(model, match.operation, res);
  };
}
