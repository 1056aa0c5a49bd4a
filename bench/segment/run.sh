#!/bin/sh
# Segmentation throughput: zhifa (gse's dictionary + the legal dictionary, zhifa's
# cutter) vs Debian's python3-jieba on the whole law corpus, in one run, both on
# all cores (zhifa --jobs N, the corpus cut 5 times over for a steadier time; jieba's parallel mode with N processes, and one process).
# Dictionary load is excluded for both. Prints zhifa MB/s, jieba MB/s (the better
# of its two runs) and the ratio, with the load average before and after.
# Usage: bench/segment/run.sh   (from anywhere inside the repository)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
jobs=$(nproc)
CGO_ENABLED=0 go build -tags ne -o "$tmp/zhifa" ./cmd/zhifa
cat corpora/laws/*.md > "$tmp/corpus.txt"
echo "corpus: $(wc -c < "$tmp/corpus.txt") bytes, $(ls corpora/laws/*.md | wc -l) files; $jobs cores; $(uptime | sed 's/.*load/load/')"
"$tmp/zhifa" segment --rounds 5 --jobs "$jobs" --data "$tmp/data" --bench < "$tmp/corpus.txt" > "$tmp/zhifa.out" 2> "$tmp/zhifa.err"
cat "$tmp/zhifa.err"
zhifa_mbs=$(sed -n 's/.*= \([0-9.]*\) MB\/s.*/\1/p' "$tmp/zhifa.err")
"$tmp/zhifa" segment --rounds 5 --jobs 1 --data "$tmp/data" --bench < "$tmp/corpus.txt" > /dev/null 2> "$tmp/zhifa1.err"
cat "$tmp/zhifa1.err"
"$tmp/zhifa" segment --rounds 5 --mode search --jobs "$jobs" --data "$tmp/data" --bench < "$tmp/corpus.txt" > /dev/null 2> "$tmp/zhifa-search.err"
cat "$tmp/zhifa-search.err"
jieba_mbs=$(/usr/bin/python3 bench/segment/jieba_bench.py --jobs "$jobs" < "$tmp/corpus.txt" 2> "$tmp/jieba.err")
cat "$tmp/jieba.err"
echo "after: $(uptime | sed 's/.*load/load/')"
awk -v z="$zhifa_mbs" -v j="$jieba_mbs" -v J="$jobs" 'BEGIN { printf "zhifa %.2f MB/s  jieba %.2f MB/s  ratio zhifa/jieba (precise, %d cores): %.2f\n", z, j, J, z / j }'
