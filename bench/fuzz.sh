#!/usr/bin/env bash
# The fuzz properties (every parser a user's input reaches: port/volume/resource/duration strings, stack YAML and
# imports, .env, interpolation, Jinja templates, compose files, REST bodies) with many more tries than the test
# suite's 300, round after round with a new random seed each, until MINUTES (default 10) have passed (the round
# under way then finishes).
# The seed documents the properties mutate are the corpus in */src/test/resources/fuzz/. The first failing input
# stops the run: Capstan's harness (Fuzz) writes it whole to <module>/src/test/resources/fuzz/found/, next to the
# failure's report (property, seed, try, message); it becomes a plain @Test once the parser is fixed, and
#   -Dcapstan.fuzz.seed=SEED -Dcapstan.fuzz.tries=TRY
# replays it.
# Usage: bench/fuzz.sh [MINUTES] [TRIES_PER_PROPERTY]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-10}"
tries="${2:-5000}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
modules=capstan-tck,capstan-stack,capstan-server
classes=CoreParsersFuzzTest,StackParsersFuzzTest,RequestBodiesFuzzTest,HistoryQueryFuzzTest
found=src/test/resources/fuzz/found   # relative to each module: the tests run in their module's directory
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

end=$((SECONDS + minutes * 60))
round=0
while ((SECONDS < end)); do
  round=$((round + 1))
  started=$SECONDS
  seed="$(od -An -N6 -tu8 /dev/urandom | tr -d ' ')"
  if mvn -B -ntp -q -pl "$modules" -am test -Dtest="$classes" -Dsurefire.failIfNoSpecifiedTests=false \
      -Dsurefire.skipAfterFailureCount=1 -Dcapstan.fuzz.seed="$seed" -Dcapstan.fuzz.tries="$tries" \
      -Dcapstan.fuzz.found="$found" >"$log" 2>&1; then
    echo "round $round: seed $seed, $tries tries per property, no crash ($((SECONDS - started)) s)"
    continue
  fi
  kept=0
  for report in capstan-*/target/surefire-reports/*FuzzTest.txt; do
    grep -q '<<< FAILURE!\|<<< ERROR!' "$report" || continue
    module="${report%%/*}"
    mkdir -p "$module/$found"
    summary="$module/$found/$(date -u +%Y%m%dT%H%M%SZ)-seed$seed-$(basename "$report")"
    # the failure (property, seed, try, shortened input, cause) without the stack frames
    grep -v '^[[:space:]]*at \|^[[:space:]]*\.\.\. [0-9]* more' "$report" >"$summary"
    echo "round $round: crash found with seed $seed, kept in $summary and its input in $module/$found/" >&2
    kept=1
  done
  if ((kept == 0)); then
    echo "round $round: the build failed without a property failing:" >&2
    tail -40 "$log" >&2
  fi
  exit 1
done
echo "fuzzed for $minutes min: $round rounds of $tries tries per property, no crash"
