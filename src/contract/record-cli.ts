#!/usr/bin/env node
// ngorder-record: records live exchanges with your token (NGORDER_TOKEN) into a scrubbed HAR file
// that ngorder-contract can check. The file is readable by its owner only (0600). Exit status: 0
// when written, 1 when a call failed (what was recorded before it is written), 2 on a usage error.
import { recordCommand } from "./record-command.ts";

process.exitCode = await recordCommand(process.argv.slice(2));
