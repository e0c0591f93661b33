#!/usr/bin/env bash
# The benchmark command: installs what it needs, starts a real Redis and a real S3-protocol server on free loopback
# ports, builds Release, runs bench/ClinicalImages.Bench (which starts two product instances, the ALEX sandbox, a
# minimal Kestrel baseline and headless Chromium itself), writes docs/benchmarks.md and docs/benchmarks.svg, and
# stops everything it started. About 4–6 minutes on a 2-core machine, build included.
# Usage: scripts/bench.sh      (sizes can be changed with BENCH_* variables: see bench/ClinicalImages.Bench/Scenarios/BenchSettings.cs)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# shellcheck source=lib/services.sh
source scripts/lib/services.sh

# 1. What the run needs, from Debian's packages and the npm registry (and the libvips CLI for the comparison).
extra=()
command -v vips >/dev/null || extra+=(libvips-tools)
install_packages "${extra[@]}"
large=${BENCH_LARGE_JPEG:-$root/../shared/testdata/large-12mp.jpg}
if [[ ! -f "$large" ]]; then
  echo "The 12-megapixel sample $large is missing: set BENCH_LARGE_JPEG to a 4000×3000 camera JPEG." >&2
  exit 1
fi

# 2. Redis and the S3 server on free loopback ports, for this run only.
start_services bench

# 3. Build Release, then run the benchmark (it starts and stops the product itself).
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build ClinicalImages.slnx -c Release -v quiet -nologo
BENCH_REDIS="127.0.0.1:$redis_port" BENCH_REDIS_PID="$redis_pid" \
BENCH_S3="http://127.0.0.1:$s3_port" BENCH_S3_PID="$s3_pid" \
BENCH_REPO="$root" BENCH_WORK="$work" BENCH_LARGE_JPEG="$large" BENCH_CHROMIUM="$(command -v chromium)" \
BENCH_COMMAND="scripts/bench.sh" \
  dotnet bench/ClinicalImages.Bench/bin/Release/net10.0/ClinicalImages.Bench.dll
