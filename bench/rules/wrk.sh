#!/usr/bin/env bash
# p99 of POST /api/v1/suggest over HTTP with wrk: starts zhifa serve on a loopback
# port with a temporary data directory, loads it for 10 s, stops it.
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d); trap 'kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
CGO_ENABLED=0 go build -tags ne -o "$tmp/zhifa" ./cmd/zhifa
"$tmp/zhifa" serve --data "$tmp/data" --addr 127.0.0.1:18089 2>"$tmp/log" & pid=$!
for i in $(seq 1 60); do curl -sf http://127.0.0.1:18089/healthz >/dev/null && break; sleep 0.5; done
cat > "$tmp/suggest.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"penalty_basis":"《中华人民共和国食品安全法》第一百二十四条第一款第（三）项","facts":"当事人超范围使用食品添加剂，货值金额15000元。","party":{"type":"organization"},"circumstances":["harm_eliminated"]}'
LUA
for path in suggest transfer; do
  echo "== POST /api/v1/$path"
  wrk -t2 -c16 -d10s --latency -s "$tmp/suggest.lua" "http://127.0.0.1:18089/api/v1/$path" | grep -E "Requests/sec|50%|99%|Non-2xx"
done
