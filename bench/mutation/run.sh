#!/usr/bin/env bash
# Mutation testing with gremlins (github.com/go-gremlins/gremlins) on nlp, rules and records.
#
#   bench/mutation/run.sh                 # all three packages, their main source files
#   bench/mutation/run.sh rules           # one package
#   FILES='statutory|fine_eval' bench/mutation/run.sh rules   # only these files of the package
#
# Environment: WORKERS (parallel mutants, default 2), COEF (timeout coefficient: a mutant's test
# run may take COEF times the coverage run, default 6), FILES (regexp of the file names, without
# .go, to mutate; default: every non-test file of the package), OUT (directory for the logs,
# default bench/mutation/out). Install gremlins with
#   go install github.com/go-gremlins/gremlins/cmd/gremlins@latest
# The test cache is off (GOFLAGS=-count=1) so the coverage run that sets the timeout is a real run.
set -euo pipefail
cd "$(dirname "$0")/../.."
GREMLINS=${GREMLINS:-$HOME/go/bin/gremlins}
WORKERS=${WORKERS:-2}
COEF=${COEF:-6}
OUT=${OUT:-bench/mutation/out}
mkdir -p "$OUT"
pkgs=("$@")
[ ${#pkgs[@]} -eq 0 ] && pkgs=(nlp rules records)
export CGO_ENABLED=0 GOFLAGS=-count=1

summary=()
for pkg in "${pkgs[@]}"; do
	# Exclude every file that is not one of the package's own mutated sources: tests, internal/
	# generators, and (with FILES) the files not asked for.
	ex=(-E '_test\.go$' -E '/internal/' -E '^internal/')
	for f in "$pkg"/*.go; do
		b=$(basename "$f" .go)
		case "$b" in *_test) continue ;; esac
		if [ -n "${FILES:-}" ] && ! [[ "$b" =~ ^(${FILES})$ ]]; then
			ex+=(-E "(^|/)$b\\.go\$")
		fi
	done
	log="$OUT/$pkg.txt"
	echo "== $pkg (workers $WORKERS, timeout coefficient $COEF${FILES:+, files $FILES})" >&2
	start=$(date +%s)
	"$GREMLINS" unleash --tags ne --workers "$WORKERS" --timeout-coefficient "$COEF" \
		"${ex[@]}" "./$pkg" >"$log" 2>&1 || true
	secs=$(($(date +%s) - start))
	# Count from the per-mutant lines of this package's files (gremlins' own totals also count
	# the excluded files as "not covered").
	k=$(grep -cE '^ *KILLED ' "$log" || true)
	l=$(grep -cE '^ *LIVED ' "$log" || true)
	t=$(grep -cE '^ *TIMED OUT ' "$log" || true)
	v=$(grep -cE '^ *NOT VIABLE ' "$log" || true)
	nc=0
	while read -r f; do
		b=$(basename "$f" .go)
		if [ -z "${FILES:-}" ] || [[ "$b" =~ ^(${FILES})$ ]]; then
			nc=$((nc + $(grep -cE "^ *NOT COVERED .* at $b\\.go:" "$log" || true)))
		fi
	done < <(ls "$pkg"/*.go | grep -v '_test\.go$')
	eff=$(awk -v k="$k" -v l="$l" 'BEGIN{ if (k+l>0) printf "%.1f", 100*k/(k+l); else print "-" }')
	summary+=("$(printf '| %s | %d | %d | %d | %d | %d | %s%% | %ds |' "$pkg" "$k" "$l" "$t" "$v" "$nc" "$eff" "$secs")")
	grep -E '^ *LIVED ' "$log" | sed 's/^ */  /' >&2 || true
done
echo "| package | killed | lived | timed out | not viable | not covered | efficacy (killed / (killed+lived)) | wall |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${summary[@]}"
