# Shared by scripts/test.sh and scripts/bench.sh: install what a run needs, and start a real Redis and a real
# S3-protocol server on free loopback ports for that run only (stopped, with their folder, when the script exits).
# Sourced, not run. After start_services: redis_port, redis_pid, s3_port, s3_pid, smtp_port, smtp_api_port, work, and
# CLINICALIMAGES_TEST_SMTP (host:port) and CLINICALIMAGES_TEST_SMTP_API (the mail server's HTTP API) exported.

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# install_packages [extra Debian packages…]: redis-server, chromium, fonts-dejavu-core, then the pinned s3rver and the
# pinned axe-core the browser tests check accessibility with.
install_packages() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v chromium >/dev/null || missing+=(chromium)
  [[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)
  local extra
  for extra in "$@"; do missing+=("$extra"); done
  if [[ ${#missing[@]} -gt 0 ]]; then
    echo "Installing ${missing[*]}…"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  if [[ ! -x scripts/s3-server/node_modules/.bin/s3rver ]]; then
    (cd scripts/s3-server && npm ci --no-audit --no-fund --loglevel=error)
  fi
  install_mail_server
  if [[ ! -f tests/ClinicalImages.BrowserTests/axe/node_modules/axe-core/axe.min.js ]]; then
    (cd tests/ClinicalImages.BrowserTests/axe && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# The pinned SMTP server (maildev) that the tests send patients' links to and read back through its HTTP API.
install_mail_server() {
  if [[ ! -x scripts/mail-server/node_modules/.bin/maildev ]]; then
    (cd scripts/mail-server && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

wait_port() {
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "$2 did not start on port $1; its log:" >&2; cat "$3" >&2; exit 1
}

service_pids=()
stop_services() {
  for pid in "${service_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}

# start_services NAME: a work folder /tmp/clinical-images-NAME.*, Redis and s3rver in it, a trap that stops them.
start_services() {
  work=$(mktemp -d "/tmp/clinical-images-$1.XXXXXX")
  trap stop_services EXIT
  redis_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
  redis_pid=$!
  service_pids+=("$redis_pid")
  s3_port=$(free_port)
  mkdir -p "$work/s3"
  # s3rver pages listings with DES continuation tokens; OpenSSL 3 (Node >= 17) has DES only in its legacy provider.
  # Started through exec so that the PID is node's own (the benchmark accounts for its CPU and memory).
  NODE_OPTIONS=--openssl-legacy-provider bash -c 'exec "$0" "$@"' scripts/s3-server/node_modules/.bin/s3rver \
    -d "$work/s3" -a 127.0.0.1 -p "$s3_port" --silent >"$work/s3.log" 2>&1 &
  s3_pid=$!
  service_pids+=("$s3_pid")
  install_mail_server
  smtp_port=$(free_port)
  smtp_api_port=$(free_port)
  bash -c 'exec "$0" "$@"' scripts/mail-server/node_modules/.bin/maildev --ip 127.0.0.1 --smtp "$smtp_port" \
    --web "$smtp_api_port" --web-ip 127.0.0.1 --silent >"$work/mail.log" 2>&1 &
  service_pids+=("$!")
  export CLINICALIMAGES_TEST_SMTP="127.0.0.1:$smtp_port"
  export CLINICALIMAGES_TEST_SMTP_API="http://127.0.0.1:$smtp_api_port"
  wait_port "$redis_port" Redis "$work/redis.log"
  wait_port "$s3_port" "The S3 server" "$work/s3.log"
  wait_port "$smtp_port" "The SMTP server" "$work/mail.log"
  wait_port "$smtp_api_port" "The SMTP server's API" "$work/mail.log"
}
