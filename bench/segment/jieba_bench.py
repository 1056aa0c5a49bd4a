"""Cut the text on stdin line by line with jieba (precise mode) and report MB/s.

Dictionary load is done before the clock starts, as for `zhifa segment --bench`.
Run with Debian's python3-jieba: /usr/bin/python3 jieba_bench.py < corpus.txt
"""
import sys
import time

import jieba

jieba.setLogLevel(60)
jieba.initialize()  # load the dictionary outside the timed part
data = sys.stdin.buffer.read()
text = data.decode("utf-8")
lines = text.split("\n")
t0 = time.perf_counter()
out = []
for line in lines:
    out.append(" ".join(w for w in jieba.cut(line) if w.strip()))
elapsed = time.perf_counter() - t0
mb = len(data) / 1e6
print(f"jieba (python3-jieba) precise: {mb:.2f} MB in {elapsed:.3f} s = {mb / elapsed:.2f} MB/s", file=sys.stderr)
print(f"{mb / elapsed:.4f}")
