#!/usr/bin/env bash
# The test command: installs what the tests need, starts a real Redis and a real S3-protocol server on free
# loopback ports, runs every test project, and ends with "N passed, N failed, N skipped".
# Usage: scripts/test.sh [--long]   (--long enables the soak and fault runs; see docs/operations.md)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if [[ "${1:-}" == "--long" ]]; then export CLINICALIMAGES_LONG_TESTS=1; fi

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# 1. What the tests need, from Debian's packages and the npm registry.
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v chromium >/dev/null || missing+=(chromium)
[[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "Installing ${missing[*]}…"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [[ ! -x scripts/s3-server/node_modules/.bin/s3rver ]]; then
  (cd scripts/s3-server && npm ci --no-audit --no-fund --loglevel=error)
fi

# 2. Redis and the S3 server on free loopback ports, for this run only.
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
work=$(mktemp -d /tmp/clinical-images-test.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
pids+=($!)
s3_port=$(free_port)
mkdir -p "$work/s3"
# s3rver pages listings with DES continuation tokens; OpenSSL 3 (Node >= 17) has DES only in its legacy provider.
NODE_OPTIONS=--openssl-legacy-provider scripts/s3-server/node_modules/.bin/s3rver -d "$work/s3" -a 127.0.0.1 -p "$s3_port" --silent >"$work/s3.log" 2>&1 &
pids+=($!)

wait_port() {
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "$2 did not start on port $1; its log:" >&2; cat "$3" >&2; exit 1
}
wait_port "$redis_port" Redis "$work/redis.log"
wait_port "$s3_port" "The S3 server" "$work/s3.log"

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
if [[ $(( passed + failed )) -eq 0 ]]; then echo "No test ran." >&2; status=1; fi
if [[ $failed -gt 0 ]]; then status=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
