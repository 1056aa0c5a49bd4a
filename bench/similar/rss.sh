#!/bin/bash
# rss.sh ZHIFA DATA PORT TOKEN [core|pack] — memory of `zhifa serve` with the
# case library of DATA loaded: starts the server (and its profiler on PORT+1),
# asks one /api/v1/similar (which loads the library and builds its ranking)
# and one law search (the law index), then prints VmRSS/VmHWM, the Go heap
# figures and the anonymous/file split, and writes heap.prof (after a GC)
# to the current directory. TOKEN: `zhifa token create --user U --data DATA`.
set -e
bin=$1 data=$2 port=$3 token=$4 law=${5:-core}
if [ "$law" = core ]; then export ZHIFA_LAW_INDEX=core; else unset ZHIFA_LAW_INDEX; fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
nice -n 10 "$bin" serve --data "$data" --addr 127.0.0.1:$port --pprof 127.0.0.1:$((port + 1)) 2>serve.log &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for i in $(seq 1 600); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && break; sleep 0.5; done
auth=(-H "Authorization: Bearer $token")
t0=$(date +%s)
curl -sSf --max-time 1800 -o /dev/null "${auth[@]}" -H 'Content-Type: application/json' -d '{"facts":"当事人销售超过保质期的食品"}' http://127.0.0.1:$port/api/v1/similar
curl -sSf --max-time 1800 -o /dev/null "${auth[@]}" "http://127.0.0.1:$port/api/v1/laws/search?q=%E9%A3%9F%E5%93%81%E5%AE%89%E5%85%A8"
echo "library, ranking and law index loaded in $(($(date +%s) - t0)) s"
sleep 5
curl -sf -o heap.prof "http://127.0.0.1:$((port + 1))/debug/pprof/heap?gc=1"
curl -sf "http://127.0.0.1:$((port + 1))/debug/pprof/heap?debug=1" | grep -E "^# (HeapInuse|HeapSys|HeapReleased) "
grep -E "^(Anonymous|Pss_File)" /proc/$pid/smaps_rollup
grep -E "^(VmRSS|VmHWM)" /proc/$pid/status
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
