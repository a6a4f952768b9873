#!/usr/bin/env bash
# Runs every test project against real engines and prints one summary line: "N passed, N failed, N skipped".
# PostgreSQL: the tests start a throwaway server from the installed binaries (or use HOSPITAL_TEST_POSTGRES).
set -uo pipefail
cd "$(dirname "$0")"
results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

status=0
dotnet build OrleansHospital.sln -nologo -v:q || exit 1
for project in tests/*/*.csproj; do
  grep -q "<IsTestProject>true</IsTestProject>" "$project" || continue  # e.g. the load harness
  name=$(basename "$project" .csproj)
  dotnet test "$project" --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || status=1
done

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); a=$(get aborted)
  passed=$((passed + p))
  failed=$((failed + f + e + t + a))
  # A crashed test host leaves counters that look clean; the run's outcome says it did not complete.
  grep -q '<ResultSummary outcome="Completed"' "$trx" || { echo "$trx: test run did not complete"; failed=$((failed + 1)); }
  skipped=$((skipped + total - executed))
done

echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
