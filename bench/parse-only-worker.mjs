// A worker for the floor figure of bench/contract.ts: it takes the batches a parallel check sends
// (src/contract/check-parallel.ts) and only parses them — each entry, and its response body when it
// is JSON — then answers that nothing was matched and nothing failed. Run through the same reader
// and threads as the real check, it measures what reading, cutting out and parsing cost on this
// machine before any check: the part of the CPU budget the checks cannot have.
import { parentPort } from "node:worker_threads";

parentPort.on("message", ({ seq, bytes, ends }) => {
  let start = 0;
  for (const end of ends) {
    const entry = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("utf8"));
    const content = entry.response?.content;
    if (typeof content?.text === "string" && /json/i.test(content.mimeType)) JSON.parse(content.text);
    start = end;
  }
  const operations = new Int16Array(ends.length).fill(-1);
  parentPort.postMessage({ seq, operations, failures: [] }, [operations.buffer]);
});
