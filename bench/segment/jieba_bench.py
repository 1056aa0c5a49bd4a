"""Cut the text on stdin with jieba (precise mode) and report MB/s.

Dictionary load is done before the clock starts, as for `zhifa segment --bench`.
With --jobs N (N > 1) jieba's own parallel mode (jieba.enable_parallel, one
process per job, the text split into lines) is timed as well; the last line
on stdout is the best MB/s of the runs.
Run with Debian's python3-jieba: /usr/bin/python3 jieba_bench.py [--jobs 2] < corpus.txt
"""
import sys
import time

import jieba

jobs = 1
if len(sys.argv) == 3 and sys.argv[1] == "--jobs":
    jobs = int(sys.argv[2])
jieba.setLogLevel(60)
jieba.initialize()  # load the dictionary outside the timed part
data = sys.stdin.buffer.read()
text = data.decode("utf-8")
mb = len(data) / 1e6
lines = text.split("\n")
t0 = time.perf_counter()
out = []
for line in lines:
    out.append(" ".join(w for w in jieba.cut(line) if w.strip()))
elapsed = time.perf_counter() - t0
best = mb / elapsed
print(f"jieba (python3-jieba) precise, 1 process: {mb:.2f} MB in {elapsed:.3f} s = {mb / elapsed:.2f} MB/s", file=sys.stderr)
if jobs > 1:
    jieba.enable_parallel(jobs)  # forks the workers, each with the dictionary loaded
    t0 = time.perf_counter()
    words = [w for w in jieba.cut(text) if w.strip()]
    elapsed = time.perf_counter() - t0
    jieba.disable_parallel()
    print(f"jieba (python3-jieba) precise, parallel({jobs}): {mb:.2f} MB in {elapsed:.3f} s = {mb / elapsed:.2f} MB/s", file=sys.stderr)
    best = max(best, mb / elapsed)
print(f"{best:.4f}")
