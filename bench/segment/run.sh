#!/bin/sh
# Segmentation throughput: zhifa (gse + legal dictionary) vs Debian's python3-jieba
# on the whole law corpus, in one run. Dictionary load is excluded for both.
# Usage: bench/segment/run.sh   (from anywhere inside the repository)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
CGO_ENABLED=0 go build -tags ne -o "$tmp/zhifa" ./cmd/zhifa
cat corpora/laws/*.md > "$tmp/corpus.txt"
echo "corpus: $(wc -c < "$tmp/corpus.txt") bytes, $(ls corpora/laws/*.md | wc -l) files; $(nproc) cores"
"$tmp/zhifa" segment --data "$tmp/data" --bench < "$tmp/corpus.txt" > "$tmp/zhifa.out" 2> "$tmp/zhifa.err"
cat "$tmp/zhifa.err"
zhifa_mbs=$(sed -n 's/.*= \([0-9.]*\) MB\/s.*/\1/p' "$tmp/zhifa.err")
"$tmp/zhifa" segment --mode search --data "$tmp/data" --bench < "$tmp/corpus.txt" > /dev/null 2> "$tmp/zhifa-search.err"
cat "$tmp/zhifa-search.err"
jieba_mbs=$(/usr/bin/python3 bench/segment/jieba_bench.py < "$tmp/corpus.txt" 2> "$tmp/jieba.err")
cat "$tmp/jieba.err"
awk -v z="$zhifa_mbs" -v j="$jieba_mbs" 'BEGIN { printf "ratio zhifa/jieba (precise): %.2f\n", z / j }'
