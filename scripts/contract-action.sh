#!/usr/bin/env bash
# The body of action.yml: checks a folder of HAR recordings against the Ngorder contract, appends
# the Markdown report to the job summary and, when asked, writes a JUnit report. Inputs come as
# environment variables (never pasted into the script), so a path cannot become a command.
#   RECORDINGS        files or folders of .har files, one per line (required)
#   NGORDER_CONTRACT  the checker command (default: the published package of this version)
#   JUNIT             path of a JUnit XML report to write (optional)
#   SPEC              a bundled openapi.json to check against (optional)
set -uo pipefail

if [ -z "${RECORDINGS:-}" ]; then
  echo "::error::the recordings input is required: a folder of .har files" >&2
  exit 2
fi
mapfile -t paths < <(printf '%s\n' "$RECORDINGS" | sed '/^[[:space:]]*$/d')
options=()
if [ -n "${SPEC:-}" ]; then options+=(--spec "$SPEC"); fi
read -r -a checker <<<"${NGORDER_CONTRACT:?NGORDER_CONTRACT names the checker command}"

"${checker[@]}" "${options[@]}" --report markdown -- "${paths[@]}" >>"${GITHUB_STEP_SUMMARY:-/dev/stdout}"
status=$?
if [ -n "${JUNIT:-}" ]; then
  "${checker[@]}" "${options[@]}" --report junit -- "${paths[@]}" >"$JUNIT"
fi
if [ "$status" -eq 1 ]; then echo "::error::recordings break the Ngorder contract: see the job summary" >&2; fi
exit "$status"
