#!/bin/sh
# Portal search at scale: the portal index (bleve + gse analyzer) and SQLite
# FTS5 (unicode61 on text cut by the same analyzer) on the same 100,000
# synthetic published decisions, the same query mix, in one run.
# The built indexes are kept under $TMPDIR (zhifa-portalbench-*); a rerun reopens them.
# Usage: bench/portal/run.sh [rounds]   (rounds of the 19-query mix, default 100)
#        ZHIFA_PORTALBENCH_N=10000 bench/portal/run.sh   (a smaller corpus)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
rounds=${1:-100}
out=$(mktemp)
queries=$(mktemp)
trap 'rm -f "$out" "$queries"' EXIT
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), decisions ${ZHIFA_PORTALBENCH_N:-100000}, $rounds rounds"
ZHIFA_PORTALBENCH_QUERIES=$queries CGO_ENABLED=0 go test -tags ne -count=1 -run XXX -bench BenchmarkPortalSearch -benchtime "$((rounds * 19))x" -timeout 60m ./search > "$out" 2>&1 || { cat "$out"; exit 1; }
grep '^BenchmarkPortalSearch' "$out"
echo
awk '
FNR == NR {
	if ($1 ~ /^BenchmarkPortalSearch\//) {
		split($1, n, "/"); e = n[2]; sub(/-[0-9]+$/, "", e)
		for (i = 3; i < NF; i++) m[e, $(i+1)] = $i
	}
	next
}
{
	e = $1; q = $2; gsub("_", " ", q)
	if (!(q in seen)) { seen[q] = 1; order[++nq] = q }
	tot[e, q] = $4; p50[e, q] = $6; p99[e, q] = $8
}
END {
	a = "bleve"; b = "sqlite-fts5"
	printf "| %-32s | %8s | %18s | %18s |\n", "query", "total", "bleve p50 / p99 ms", "fts5 p50 / p99 ms"
	printf "| %-32s | %8s | %18s | %18s |\n", "---", "---", "---", "---"
	for (k = 1; k <= nq; k++) { q = order[k]
		t = tot[a, q]; if (tot[b, q] != t) t = t "/" tot[b, q]
		printf "| %-32s | %8s | %8s / %7s | %8s / %7s |\n", q, t, p50[a, q], p99[a, q], p50[b, q], p99[b, q] }
	printf "| %-32s | %8s | %8s / %7s | %8s / %7s |\n", "whole mix (p95 " m[a, "p95-ms"] " / " m[b, "p95-ms"] ")", "", m[a, "p50-ms"], m[a, "p99-ms"], m[b, "p50-ms"], m[b, "p99-ms"]
	printf "\nbuild: bleve %s s, %s MB; sqlite-fts5 %s s, %s MB\n", m[a, "build-s"], m[a, "index-MB"], m[b, "build-s"], m[b, "index-MB"]
}' "$out" "$queries"
