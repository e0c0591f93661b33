#!/usr/bin/env bash
# The benchmark command: installs what it needs, starts a real Redis and a real S3-protocol server on free loopback
# ports, builds Release, runs bench/ClinicalImages.Bench (which starts two product instances, the ALEX sandbox, a
# minimal Kestrel baseline and headless Chromium itself), writes docs/benchmarks.md and docs/benchmarks.svg, and
# stops everything it started. About 4–6 minutes on a 2-core machine, build included.
# Usage: scripts/bench.sh      (sizes can be changed with BENCH_* variables: see bench/ClinicalImages.Bench/Scenarios/BenchSettings.cs)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# 1. What the run needs, from Debian's packages and the npm registry.
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v chromium >/dev/null || missing+=(chromium)
command -v vips >/dev/null || missing+=(libvips-tools)
[[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "Installing ${missing[*]}…"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [[ ! -x scripts/s3-server/node_modules/.bin/s3rver ]]; then
  (cd scripts/s3-server && npm ci --no-audit --no-fund --loglevel=error)
fi
large=${BENCH_LARGE_JPEG:-/work/shared/testdata/large-12mp.jpg}
if [[ ! -f "$large" ]]; then
  echo "The 12-megapixel sample $large is missing: set BENCH_LARGE_JPEG to a 4000×3000 camera JPEG." >&2
  exit 1
fi

# 2. Redis and the S3 server on free loopback ports, for this run only.
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
work=$(mktemp -d /tmp/clinical-images-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
redis_pid=$!
pids+=("$redis_pid")
s3_port=$(free_port)
mkdir -p "$work/s3"
# s3rver pages listings with DES continuation tokens; OpenSSL 3 (Node >= 17) has DES only in its legacy provider.
# Started through exec so that the PID is node's own, whose CPU and memory the report accounts for.
NODE_OPTIONS=--openssl-legacy-provider bash -c 'exec "$0" "$@"' scripts/s3-server/node_modules/.bin/s3rver \
  -d "$work/s3" -a 127.0.0.1 -p "$s3_port" --silent >"$work/s3.log" 2>&1 &
s3_pid=$!
pids+=("$s3_pid")

wait_port() {
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "$2 did not start on port $1; its log:" >&2; cat "$3" >&2; exit 1
}
wait_port "$redis_port" Redis "$work/redis.log"
wait_port "$s3_port" "The S3 server" "$work/s3.log"

# 3. Build Release, then run the benchmark (it starts and stops the product itself).
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build ClinicalImages.slnx -c Release -v quiet -nologo
BENCH_REDIS="127.0.0.1:$redis_port" BENCH_REDIS_PID="$redis_pid" \
BENCH_S3="http://127.0.0.1:$s3_port" BENCH_S3_PID="$s3_pid" \
BENCH_REPO="$root" BENCH_WORK="$work" BENCH_LARGE_JPEG="$large" BENCH_CHROMIUM="$(command -v chromium)" \
BENCH_COMMAND="scripts/bench.sh" \
  dotnet bench/ClinicalImages.Bench/bin/Release/net10.0/ClinicalImages.Bench.dll
