#!/usr/bin/env bash
# Runs a command with busy processes beside it, to check verdicts on a loaded machine:
#   bash scripts/with-cpu-burner.sh [--burners N] [--runs R] -- <command...>
# N busy loops (default: one per core) run at normal priority for the whole time; the command
# runs R times in a row (default 1) and the script stops at the first failure. The burners are
# ended by PID when the script ends, also on Ctrl-C.
set -euo pipefail
burners=$(nproc)
runs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --burners) burners="$2"; shift 2;;
    --runs) runs="$2"; shift 2;;
    --) shift; break;;
    *) echo "with-cpu-burner: unknown option $1 (usage: --burners N --runs R -- command)" >&2; exit 2;;
  esac
done
[ $# -gt 0 ] || { echo "with-cpu-burner: no command after --" >&2; exit 2; }

pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap stop EXIT INT TERM
for _ in $(seq "$burners"); do
  # Bounded: each burner ends by itself after 2 hours even if this script is killed -9.
  timeout 7200 sh -c 'while :; do :; done' &
  pids+=("$!")
done
echo "with-cpu-burner: $burners busy loop(s) running (pids ${pids[*]}), $runs run(s) of: $*"
for i in $(seq "$runs"); do
  start=$(date +%s)
  if ! "$@"; then echo "with-cpu-burner: run $i of $runs FAILED (load $(cut -d' ' -f1 /proc/loadavg))"; exit 1; fi
  echo "with-cpu-burner: run $i of $runs passed in $(( $(date +%s) - start )) s (load $(cut -d' ' -f1 /proc/loadavg))"
done
