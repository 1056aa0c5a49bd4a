#!/usr/bin/env bash
# PostgreSQL restarted under a running zhifa: the server answers 503 while the
# database is away, serves again once it is back without being restarted, and
# nothing acknowledged is lost (the chain verifies; every case whose create
# was answered 201 is there).
#
#   bench/pgrestart/run.sh          # needs root (pg_ctlcluster) and PostgreSQL on 127.0.0.1:5432
#
# Not part of the test suite on purpose: restarting the machine's PostgreSQL
# would break every other test running against it at the same moment. The
# in-suite check (cmd/zhifa TestTwoNodes) terminates the nodes' connections
# with pg_terminate_backend instead.
#
# Environment: PGCLUSTER (the first of pg_lsclusters, "15 main" here).
set -euo pipefail
cd "$(dirname "$0")/../.."
cluster=${PGCLUSTER:-$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')}
db=zhifa_pgrestart
url="postgres://postgres@127.0.0.1:5432/$db?sslmode=disable"
tmp=$(mktemp -d); pid=
trap 'rc=$?; [ $rc -ne 0 ] && [ -f "$tmp/log" ] && { echo "failed ($rc); server log:"; tail -20 "$tmp/log"; }
	[ -n "$pid" ] && kill $pid 2>/dev/null; pg_isready -q -h 127.0.0.1 || pg_ctlcluster $cluster start; rm -rf "$tmp"' EXIT
export CGO_ENABLED=0 ZHIFA_LAW_INDEX=core
go build -tags ne -o "$tmp/zhifa" ./cmd/zhifa
psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" postgres
export ZHIFA_DATABASE_URL=$url
"$tmp/zhifa" demo --data "$tmp/d" >/dev/null
token=$("$tmp/zhifa" token create --user officer1 --scope write --data "$tmp/d" | tail -1)
"$tmp/zhifa" serve --data "$tmp/d" --addr 127.0.0.1:0 2>"$tmp/log" &
pid=$!
base=
for i in $(seq 1 240); do
	base=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$tmp/log" | head -1 | sed 's/listening on //') || true
	[ -n "$base" ] && curl -sf "$base/healthz" >/dev/null && break
	sleep 0.5
done
auth=(-H "Authorization: Bearer $token")

# writes every 100 ms throughout: a case create each; acknowledged ids kept
writer() {
	local i=0
	while [ ! -f "$tmp/stop" ]; do
		i=$((i + 1))
		id=syn-pgr-$i
		code=$(curl -s -o "$tmp/body" -w '%{http_code}' --max-time 10 "${auth[@]}" -H 'Content-Type: application/json' \
			-d "{\"id\":\"$id\",\"agency_id\":\"demo-scjgj\",\"power_item_id\":\"demo-scjgj-SP-001\",\"procedure\":\"simple\",\"title\":\"重启期间立案（合成）$i\",\"parties\":[{\"kind\":\"person\",\"name\":\"合成人$i\",\"id_number\":\"110101199003077774\"}],\"facts\":\"当事人销售过期食品（合成）。\",\"officer_ids\":[\"demo-of-1\",\"demo-of-2\"],\"synthetic\":true}" "$base/api/v1/cases")
		echo "$(date +%s.%N) $code $id" >>"$tmp/writes"
		case $code in 201 | 503) ;; *) echo "  $id: $code $(head -c 300 "$tmp/body")" >>"$tmp/odd" ;; esac
		sleep 0.1
	done
}
writer &
wpid=$!
sleep 2
t0=$(date +%s.%N)
pg_ctlcluster $cluster restart
t1=$(date +%s.%N)
# first write acknowledged after the restart
back=
for i in $(seq 1 300); do
	if awk -v t="$t1" '$1 > t && $2 == 201 {found=1} END {exit !found}' "$tmp/writes"; then back=$(date +%s.%N); break; fi
	sleep 0.1
done
sleep 2
touch "$tmp/stop"; wait $wpid
[ -n "$back" ] || { echo "no write acknowledged within 30 s of the restart"; exit 1; }
awk '{print $2}' "$tmp/writes" | sort | uniq -c | sed 's/^/  answers: /'
[ -f "$tmp/odd" ] && cat "$tmp/odd"
five=$(awk '$2 >= 500 && $2 != 503' "$tmp/writes" | wc -l)
lost=0
for id in $(awk '$2 == 201 {print $3}' "$tmp/writes"); do
	code=$(curl -s -o "$tmp/body" -w '%{http_code}' "${auth[@]}" "$base/api/v1/cases/$id")
	[ "$code" = 200 ] || { echo "acknowledged $id not found ($code)"; lost=$((lost + 1)); }
done
kill $pid; wait $pid 2>/dev/null || true; pid=
if "$tmp/zhifa" verify --data "$tmp/d" >"$tmp/verify" 2>&1; then verify=ok; else verify="FAILED: $(head -c 300 "$tmp/verify")"; fi
printf 'restart took %.1f s; first write acknowledged %.1f s after it; 5xx other than 503: %d; acknowledged and lost: %d; verify: %s\n' \
	"$(echo "$t1 - $t0" | bc)" "$(echo "$back - $t1" | bc)" "$five" "$lost" "$verify"
psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db" postgres
[ "$five" = 0 ] && [ "$lost" = 0 ] && [ "$verify" = ok ]
