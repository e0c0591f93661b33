#!/usr/bin/env bash
# The benchmark command: installs what it needs, starts a real Redis and a real S3-protocol server on free loopback
# ports, builds Release, runs bench/ClinicalImages.Bench (which starts two product instances, the ALEX sandbox, a
# minimal Kestrel baseline and headless Chromium itself), writes docs/benchmarks.md and docs/benchmarks.svg, and
# stops everything it started. About 10–12 minutes on a 2-core machine, build included.
# Usage: scripts/bench.sh                   the whole run; writes docs/benchmarks.md and docs/benchmarks.svg
#        scripts/bench.sh --only SECTION    one section (pipeline, events, browser, shutter, save, earlier, filing, scale;
#                                           several comma-separated): after the same start-up and warm-up,
#                                           the figures printed as JSON, the docs left as they are
# Sizes can be changed with BENCH_* variables: see bench/ClinicalImages.Bench/Scenarios/BenchSettings.cs.
set -euo pipefail
only=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --only) only=${2:?"--only needs a section name"}; shift 2 ;;
    *) echo "Unknown argument $1; usage: scripts/bench.sh [--only SECTION]" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
root=$(pwd)

# shellcheck source=lib/services.sh
source scripts/lib/services.sh

# 1. What the run needs, from Debian's packages and the npm registry (and the libvips CLI for the comparison).
extra=()
command -v vips >/dev/null || extra+=(libvips-tools)
install_packages "${extra[@]}"
# The 12-megapixel sample; when it is not there, the benchmark draws a 4000×3000 one of its own (the same every time).
large=${BENCH_LARGE_JPEG:-$root/../shared/testdata/large-12mp.jpg}

# 2. Redis and the S3 server on free loopback ports, for this run only.
start_services bench

# 3. Build Release, then run the benchmark (it starts and stops the product itself).
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build ClinicalImages.slnx -c Release -v quiet -nologo
BENCH_REDIS="127.0.0.1:$redis_port" BENCH_REDIS_PID="$redis_pid" \
BENCH_S3="http://127.0.0.1:$s3_port" BENCH_S3_PID="$s3_pid" \
BENCH_REPO="$root" BENCH_WORK="$work" BENCH_LARGE_JPEG="$large" BENCH_CHROMIUM="$(command -v chromium)" \
BENCH_COMMAND="scripts/bench.sh" BENCH_ONLY="$only" \
  dotnet bench/ClinicalImages.Bench/bin/Release/net10.0/ClinicalImages.Bench.dll
