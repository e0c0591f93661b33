#!/usr/bin/env bash
# The test command: installs what the tests need, starts a real Redis and a real S3-protocol server on free
# loopback ports, runs every test project, and ends with "N passed, N failed, N skipped".
# Usage: scripts/test.sh [--long]   (--long enables the soak and fault runs; see docs/operations.md)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if [[ "${1:-}" == "--long" ]]; then export CLINICALIMAGES_LONG_TESTS=1; fi

# shellcheck source=lib/services.sh
source scripts/lib/services.sh

# 1. What the tests need, from Debian's packages and the npm registry.
install_packages

# 2. Redis and the S3 server on free loopback ports, for this run only.
start_services test

export CLINICALIMAGES_TEST_REDIS="127.0.0.1:$redis_port"
export CLINICALIMAGES_TEST_S3="http://127.0.0.1:$s3_port"
export CLINICALIMAGES_TEST_S3_SERVER_BIN="$root/scripts/s3-server/node_modules/.bin/s3rver"
export CLINICALIMAGES_TEST_REDIS_SERVER_BIN="$(command -v redis-server)"
export CLINICALIMAGES_CHROMIUM="$(command -v chromium)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# 3. Build once, then every test project; a failure in one does not hide the others.
dotnet build ClinicalImages.slnx -c Release -v quiet -nologo
results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
status=0
# The ALEX preflight against the sandbox default, as an engineer runs it at go-live (with its test filing): must pass.
dotnet run --project src/ClinicalImages.AlexCheck -c Release --no-build -- --write \
  || { echo "The ALEX preflight failed against the sandbox (table above)." >&2; status=1; }
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" || status=1
done

# 4. The closing line, summed over every project's results.
read -r passed failed skipped < <(
  cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "=\""); v = kv[2]; sub(/".*/, "", v);
        if (kv[1] == "passed") p += v; if (kv[1] == "failed") f += v;
        if (kv[1] == "notExecuted") s += v; if (kv[1] == "error") f += v } }
    END { printf "%d %d %d\n", p, f, s }')
# The fault suite's figures (runs, photos, lost, duplicated), as the fault tests wrote them.
figures=$(cat "$results"/*.trx 2>/dev/null | grep -o 'fault: [^<&]* | duplicated [0-9]*' | sort -u || true)
if [[ -n "$figures" ]]; then echo "Fault suite:"; echo "$figures" | sed 's/^fault: /  /'; fi
# Which tests failed, with the first line of each message, so the end of the output says what to look at.
failures=$(cat "$results"/*.trx 2>/dev/null | awk 'BEGIN { RS = "<UnitTestResult " }
  /^[^>]*outcome="Failed"/ {
    match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); message = ""
    if (match($0, /<Message>[^<]*/)) { message = substr($0, RSTART + 9, RLENGTH - 9); sub(/\n.*/, "", message) }
    print "  " name ": " substr(message, 1, 300) }' || true)
if [[ -n "$failures" ]]; then echo "Failed:"; echo "$failures"; fi
if [[ $(( passed + failed )) -eq 0 ]]; then echo "No test ran." >&2; status=1; fi
if [[ $failed -gt 0 ]]; then status=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
