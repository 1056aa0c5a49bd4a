#!/usr/bin/env python3
"""Re-check single gremlins mutants without a whole gremlins run.

    python3 bench/mutation/overlay.py rules lived.txt

lived.txt has one mutant a line as gremlins prints it, without the status:
"CONDITIONALS_BOUNDARY dispute.go:91:15". Each is applied with the operator
swap gremlins makes at that line and column, through `go test -overlay` (the
source tree is not touched), and the package's tests are run; the line printed
says KILLED (the tests failed) or LIVED.
"""
import json, os, subprocess, sys, tempfile

SWAP = {
    "CONDITIONALS_BOUNDARY": {">": ">=", ">=": ">", "<": "<=", "<=": "<"},
    "CONDITIONALS_NEGATION": {">": "<=", ">=": "<", "<": ">=", "<=": ">", "==": "!=", "!=": "=="},
    "INCREMENT_DECREMENT": {"++": "--", "--": "++"},
}


def main():
    pkg, listing = sys.argv[1], sys.argv[2]
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    root = os.path.normpath(root)
    tmp = tempfile.mkdtemp()
    for line in open(listing):
        if not line.strip():
            continue
        kind, loc = line.split()[:2]
        name, ln, col = loc.split(":")
        ln, col = int(ln), int(col)
        path = os.path.join(root, pkg, name)
        src = open(path, encoding="utf-8").read().split("\n")
        # gremlins' columns count bytes
        b = src[ln - 1].encode()
        i = col - 1
        op = b[i:i + 2].decode() if b[i:i + 2].decode(errors="ignore") in SWAP[kind] else b[i:i + 1].decode()
        if op not in SWAP[kind]:
            print("SKIP", kind, loc, repr(b[i:i + 3]), flush=True)
            continue
        src[ln - 1] = (b[:i] + SWAP[kind][op].encode() + b[i + len(op):]).decode()
        mut = os.path.join(tmp, name)
        with open(mut, "w", encoding="utf-8") as f:
            f.write("\n".join(src))
        ov = os.path.join(tmp, "overlay.json")
        with open(ov, "w") as f:
            json.dump({"Replace": {path: mut}}, f)
        env = dict(os.environ, CGO_ENABLED="0")
        r = subprocess.run(["go", "test", "-tags", "ne", "-count=1", "-overlay", ov, "./" + pkg + "/"],
                           cwd=root, capture_output=True, text=True, env=env)
        print("KILLED" if r.returncode != 0 else "LIVED", kind, loc, op, "->", SWAP[kind][op], flush=True)


if __name__ == "__main__":
    main()
