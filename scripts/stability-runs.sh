#!/usr/bin/env bash
# Consecutive `npm test` runs of this checkout on a loaded machine, the stability check of
# docs/testing.md ("Stability under load"). Each run gets a different AWS environment (an empty
# AWS_PROFILE, a profile that does not exist, real-looking credentials in the environment, none),
# and HOGS CPU-bound loops run for the whole loop on top of whatever else the machine is doing.
# One line per run in reports/stability.log: exit code, wall time, load average before and after,
# jest's tally. Stops at the first failure unless KEEP_GOING=1. Not part of CI: it takes hours.
#
#   bash scripts/stability-runs.sh            ten runs, one hog
#   RUNS=3 HOGS=2 bash scripts/stability-runs.sh
set -uo pipefail
cd "$(dirname "$0")/.."

runs="${RUNS:-10}"
hogs="${HOGS:-1}"
log=reports/stability.log
mkdir -p reports
# Shaped like a real key pair, so the SDK would use it; it grants nothing.
fake_credentials="AWS_ACCESS_KEY_ID=AKIAEXAMPLE000000000 AWS_SECRET_ACCESS_KEY=not-a-real-key-0000000000000000000000000 AWS_REGION=us-east-1"
envs=("AWS_PROFILE=" "AWS_PROFILE=missing-profile" "$fake_credentials" "")

hog_pids=()
stop_hogs() {
  for pid in "${hog_pids[@]}"; do kill "$pid" 2>/dev/null; done
}
trap stop_hogs EXIT
for _ in $(seq 1 "$hogs"); do
  sh -c 'while :; do :; done' &
  hog_pids+=("$!")
done

echo "commit $(git rev-parse --short HEAD), $runs run(s), $hogs hog(s), $(nproc) core(s), start $(date -u +%FT%TZ)" >>"$log"
failed=0
for i in $(seq 1 "$runs"); do
  e="${envs[$(((i - 1) % ${#envs[@]}))]}"
  out="reports/stability-run-$i.log"
  before=$(cut -d' ' -f1 /proc/loadavg)
  start=$(date +%s)
  # shellcheck disable=SC2086 # the environment assignments are meant to split
  env $e npm test >"$out" 2>&1
  rc=$?
  tally=$(grep -E '^Tests:' "$out" | tail -1)
  echo "run $i env=[${e%% AWS_SECRET*}] rc=$rc wall=$(($(date +%s) - start))s load=$before→$(cut -d' ' -f1 /proc/loadavg) $tally" >>"$log"
  if [ "$rc" -ne 0 ]; then
    failed=$((failed + 1))
    [ "${KEEP_GOING:-0}" = 1 ] || break
  fi
done
echo "end $(date -u +%FT%TZ): $failed failed" >>"$log"
tail -n "$((runs + 2))" "$log"
[ "$failed" -eq 0 ]
