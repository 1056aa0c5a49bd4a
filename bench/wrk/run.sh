#!/usr/bin/env bash
# zhifa serve over HTTP with wrk, with 100,000 synthetic decisions loaded: the
# same internal/portalgen decisions published on the portal (written through
# records by bench/portal/load) and imported into the case library (similar
# cases). Routes: POST /api/v1/suggest, GET /api/v1/laws/search (the 48
# queries of search/law_queries.tsv in turn), POST /api/v1/similar (four
# facts in turn), the portal (five searches of bench/portal/http.sh in turn).
#
#   bench/wrk/run.sh               # each route: wrk -t2 -c50 -d15s, req/s and p50/p99
#   SOAK=600 bench/wrk/run.sh      # then the routes mixed, 100 connections, 600 s,
#                                  # the server's RSS printed every 30 s
#
# Environment: N (decisions, default 100000), DATA (data directory, default
# /tmp/zhifa-wrk-N; kept, so a rerun skips the loading), C (connections, 50),
# D (seconds per route, 15), SOAK (seconds of the mixed run; 0: none), PORT,
# ROUTES (the routes run one by one, default "law suggest similar portal"),
# LOG (a file the server's log is copied to at the end; one line per request,
# with its duration in the server).
# The server runs with --pprof on PORT+1: while wrk runs,
#   curl -o cpu.out "http://127.0.0.1:$((PORT+1))/debug/pprof/profile?seconds=10"
# Everything is niced; wrk and the server share the machine's cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
n=${N:-100000}
data=${DATA:-/tmp/zhifa-wrk-$n}
conns=${C:-50}
dur=${D:-15}
soak=${SOAK:-0}
port=${PORT:-18401}
base=http://127.0.0.1:$port
tmp=$(mktemp -d); pid=; sampler=
trap 'rc=$?; [ -n "${LOG:-}" ] && [ -f "$tmp/log" ] && cp "$tmp/log" "$LOG"; [ $rc -ne 0 ] && [ -f "$tmp/log" ] && { echo "failed ($rc); server log:"; tail -20 "$tmp/log"; }
	[ -n "$sampler" ] && kill $sampler 2>/dev/null; [ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
export CGO_ENABLED=0
nice -n 10 go build -tags ne -o "$tmp/zhifa" ./cmd/zhifa
nice -n 10 go build -tags ne -o "$tmp/load" ./bench/portal/load
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), data $data"

if [ ! -f "$data/.wrk-loaded" ]; then
	rm -rf "$data"
	t0=$(date +%s)
	nice -n 10 "$tmp/load" -data "$data" -n "$n" -cases "$data/cases.jsonl"
	nice -n 10 "$tmp/zhifa" cases import "$data/cases.jsonl" --data "$data" >/dev/null
	nice -n 10 "$tmp/zhifa" demo --data "$data" >/dev/null
	echo "loaded $n decisions (portal + case library) and the demo bureau in $(($(date +%s) - t0)) s"
	touch "$data/.wrk-loaded"
fi
token=$("$tmp/zhifa" token create --user officer1 --name wrk --data "$data" | tail -1)

nice -n 10 "$tmp/zhifa" serve --data "$data" --addr 127.0.0.1:$port --pprof 127.0.0.1:$((port + 1)) 2>"$tmp/log" &
pid=$!
for i in $(seq 1 1200); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.5; done
curl -sSf -o /dev/null "$base/healthz"
# the whole corpus's law index may still be building (the core texts answer meanwhile):
# measure the index that serves once it is done
for i in $(seq 1 1200); do
	curl -sf "$base/healthz" | grep -q '"state":"building"' || break
	[ "$i" = 1 ] && echo "waiting for the law index to be built"
	sleep 1
done
rss() { awk '/^VmRSS/ {printf "%d MB", $2/1024}' /proc/$pid/status; }
auth=(-H "Authorization: Bearer $token")
# first use of each: open the case library and build its ranking, build or open the
# portal and law indexes
t0=$(date +%s.%N)
curl -sSf --max-time 1800 -o /dev/null "${auth[@]}" -H 'Content-Type: application/json' -d '{"facts":"当事人销售超过保质期的食品"}' "$base/api/v1/similar"
t1=$(date +%s.%N)
curl -sSf --max-time 1800 -o /dev/null "$base/api/v1/portal/search?q=%E9%A3%9F%E5%93%81"
t2=$(date +%s.%N)
curl -sSf --max-time 1800 -o /dev/null "${auth[@]}" "$base/api/v1/laws/search?q=%E9%A6%96%E8%BF%9D%E4%B8%8D%E7%BD%9A"
t3=$(date +%s.%N)
printf 'first similar (library + ranking) %.1f s, first portal search %.1f s, first law search %.1f s; RSS %s\n' \
	"$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$(echo "$t3 - $t2" | bc)" "$(rss)"

# The Lua side: every script defines next_request(); the mixed one draws from all.
{
	echo "token = \"$token\""
	echo 'laws = {'
	grep -v '^#' search/law_queries.tsv | cut -f1 | grep . | sed 's/.*/  "&",/'
	echo '}'
	cat <<'LUA'
local function enc(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local authz = { ["Authorization"] = "Bearer " .. token }
local json = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
local suggest_body = '{"penalty_basis":"《中华人民共和国食品安全法》第一百二十四条第一款第（三）项","facts":"当事人超范围使用食品添加剂，货值金额15000元。","party":{"type":"organization"},"circumstances":["harm_eliminated"]}'
local facts = {
  "当事人销售超过保质期的食品，货值金额3200元。",
  "当事人在其经营的网店发布虚假广告，宣称产品具有治疗功效。",
  "当事人未经批准在沿街建筑外墙设置户外广告牌。",
  "驾驶人饮酒后驾驶机动车，经检测血液酒精含量为45mg/100ml。",
}
local portal = {
  "/portal?q=" .. enc("食品安全"),
  "/api/v1/portal/search?q=" .. enc("食品 销售"),
  "/portal",
  "/portal?agency=ag-06",
  "/api/v1/portal/search?q=" .. enc("罚款") .. "&kind=" .. enc("行政处罚") .. "&from=2026-01-01&to=2026-03-31",
}
local i = 0
function law_request()
  i = i + 1
  return wrk.format("GET", "/api/v1/laws/search?q=" .. enc(laws[(i % #laws) + 1]), authz)
end
function suggest_request()
  return wrk.format("POST", "/api/v1/suggest", json, suggest_body)
end
function similar_request()
  i = i + 1
  return wrk.format("POST", "/api/v1/similar", json, '{"facts":"' .. facts[(i % #facts) + 1] .. '","top":10}')
end
function portal_request()
  i = i + 1
  return wrk.format("GET", portal[(i % #portal) + 1])
end
function mixed_request()
  -- mostly the officers' quick look-ups, some similar-case and portal searches
  local r = math.random(100)
  if r <= 45 then return law_request() end
  if r <= 80 then return suggest_request() end
  if r <= 90 then return similar_request() end
  return portal_request()
end
function init(args) math.randomseed(os.time() + (args[1] or 0)) end
function done(summary, latency, requests)
  io.write(string.format("  99.9%%  %.2fms, max %.2fms\n", latency:percentile(99.9) / 1000, latency.max / 1000))
end
LUA
} >"$tmp/common.lua"
for r in law suggest similar portal mixed; do
	{ cat "$tmp/common.lua"; echo "request = ${r}_request"; } >"$tmp/$r.lua"
done

run() { # name connections seconds
	echo "== $1: wrk -t2 -c$2 -d$3s --timeout 10s --latency (RSS before $(rss))"
	nice -n 10 wrk -t2 -c"$2" -d"$3"s --timeout 10s --latency -s "$tmp/$1.lua" "$base" >"$tmp/$1.out"
	grep -E "Requests/sec|  50%|  99%|99.9%|Non-2xx|Socket errors|requests in" "$tmp/$1.out"
}
# the law searches are remembered (search/law_cache.go): ask each once first, so the
# figures are those of officers repeating searches; the first answer of each is timed
# in process by `go test -tags ne -run XXX -bench LawSearch ./search` (uncached)
grep -v '^#' search/law_queries.tsv | cut -f1 | grep . | while read -r q; do
	curl -sf -o /dev/null "${auth[@]}" -G --data-urlencode "q=$q" "$base/api/v1/laws/search"
done
for r in ${ROUTES:-law suggest similar portal}; do
	run $r "$conns" "$dur"
done
if [ "$soak" -gt 0 ]; then
	start=$(date +%s)
	(while sleep 30; do echo "  $(($(date +%s) - start)) s: RSS $(rss), load average $(cut -d' ' -f1 /proc/loadavg)"; done) &
	sampler=$!
	echo "  0 s: RSS $(rss)"
	run mixed 100 "$soak"
	kill $sampler; sampler=
	echo "  end: RSS $(rss)"
fi
grep -iE 'panic|level=ERROR' "$tmp/log" | head -5 || true
