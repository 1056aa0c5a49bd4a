#!/bin/sh
# Portal search at scale: the portal index (bleve + gse analyzer) and SQLite
# FTS5 (unicode61 on text cut by the same analyzer) on the same 100,000
# synthetic published decisions, the same query mix, in one run; bleve-sortall
# is the portal index searched the plain way (every hit sorted), for comparison.
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
	ne = split("bleve bleve-sortall sqlite-fts5", en, " ")
	hdr = "| query | total"; sep = "| --- | ---"
	for (j = 1; j <= ne; j++) { hdr = hdr " | " en[j] " p50 / p99 ms"; sep = sep " | ---" }
	print hdr " |"; print sep " |"
	for (k = 1; k <= nq; k++) { q = order[k]
		t = tot[en[1], q]
		for (j = 2; j <= ne; j++) if (tot[en[j], q] != t) t = t "/" tot[en[j], q]
		line = "| " q " | " t
		for (j = 1; j <= ne; j++) line = line " | " p50[en[j], q] " / " p99[en[j], q]
		print line " |" }
	line = "| whole mix | "
	for (j = 1; j <= ne; j++) line = line " | " m[en[j], "p50-ms"] " / " m[en[j], "p99-ms"] " (p95 " m[en[j], "p95-ms"] ")"
	print line " |"
	printf "\nbuild: bleve %s s, %s MB; sqlite-fts5 %s s, %s MB\n", m["bleve", "build-s"], m["bleve", "index-MB"], m["sqlite-fts5", "build-s"], m["sqlite-fts5", "index-MB"]
}' "$out" "$queries"
