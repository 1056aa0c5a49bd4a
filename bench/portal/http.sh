#!/usr/bin/env bash
# The portal over HTTP: N synthetic published decisions (default 100,000)
# written through records (bench/portal/load), `zhifa serve` on loopback, the
# first search (which builds the portal index), then wrk on a few public URLs
# (2 threads, 8 connections, 10 s each; wrk and the server share the cores).
# Usage: bench/portal/http.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-100000}
port=18191
tmp=$(mktemp -d); pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
CGO_ENABLED=0 go build -tags ne -o "$tmp/zhifa" ./cmd/zhifa
CGO_ENABLED=0 go build -tags ne -o "$tmp/load" ./bench/portal/load
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$tmp/load" -data "$tmp/data" -n "$n"
"$tmp/zhifa" serve --data "$tmp/data" --addr 127.0.0.1:$port 2>"$tmp/log" & pid=$!
for i in $(seq 1 120); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && break; sleep 0.5; done
base=http://127.0.0.1:$port
t0=$(date +%s.%N)
curl -sf -o /dev/null "$base/api/v1/portal/search?q=%E9%A3%9F%E5%93%81"
echo "first search (reads $n disclosures, builds the portal index): $(echo "$(date +%s.%N) - $t0" | bc) s"
echo "index on disk: $(du -sm "$tmp/data/index/portal" | cut -f1) MB"
# 食品安全 | 食品 销售 | newest first | one agency | 行政处罚 in 2026 Q1 with 罚款
for path in "/portal?q=%E9%A3%9F%E5%93%81%E5%AE%89%E5%85%A8" \
	"/api/v1/portal/search?q=%E9%A3%9F%E5%93%81+%E9%94%80%E5%94%AE" \
	"/portal" \
	"/portal?agency=ag-06" \
	"/api/v1/portal/search?q=%E7%BD%9A%E6%AC%BE&kind=%E8%A1%8C%E6%94%BF%E5%A4%84%E7%BD%9A&from=2026-01-01&to=2026-03-31"; do
	echo "== GET $path (total $(curl -sf "$base/api/v1/portal/search?${path#*\?}" | grep -o '"total":[0-9]*' | cut -d: -f2))"
	wrk -t2 -c8 -d10s --latency "$base$path" | grep -E "Requests/sec|  50%|  99%|Non-2xx|Socket errors"
done
