#!/usr/bin/env bash
# Runs the core workloads on jasyncio and on CPython asyncio in turn (A B A B ..., ROUNDS rounds)
# and prints the median of each with the ratio. Usage: bench/compare-core.sh [N] [ROUNDS]
# Both sides time only the work inside the running loop (not process start-up).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-1000000}"
rounds="${2:-3}"
py=/usr/bin/python3
[ -x "$py" ] || { echo "needs $py (Debian's python3)" >&2; exit 1; }
JAVA_HOME="$("$root/jasyncio" java-home)"
export JAVA_HOME
cd "$root"
export MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow"
mvn -B -q -ntp -DskipTests -pl core,bench -am compile >&2
cp="$root/core/target/classes:$root/bench/target/classes"
# Default heap settings would measure G1 copying a heap where everything survives, and first-touch
# page faults of a growing heap; both sides are measured as a long-running server would run them.
jflags=(--add-exports java.base/jdk.internal.vm=ALL-UNNAMED -Xms4g -Xmx8g -Xmn2g -XX:+AlwaysPreTouch)

field() { sed -n "s/.*\"$2\": \([0-9.e+-]*\).*/\1/p" <<<"$1"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

printf '%-14s %10s %12s %12s %8s\n' workload n jasyncio_s asyncio_s ratio
for w in spawn_gather:SpawnGather:spawn_gather.py switch:Switch:switch.py suspended:Suspended:suspended_memory.py; do
  IFS=: read -r name cls script <<<"$w"
  js=(); ps=(); jm=""; pm=""
  for ((r = 0; r < rounds; r++)); do
    out="$("$JAVA_HOME/bin/java" "${jflags[@]}" -cp "$cp" "io.jasyncio.bench.$cls" "$n")"
    js+=("$(field "$out" seconds)"); jm="$(field "$out" heap_bytes_per_task)"
    if [ "$name" = suspended ]; then pout="$("$py" "bench/python/$script" "$n" --no-tracemalloc)"; else pout="$("$py" "bench/python/$script" "$n")"; fi
    ps+=("$(field "$pout" seconds)")
  done
  jmed="$(printf '%s\n' "${js[@]}" | median)"; pmed="$(printf '%s\n' "${ps[@]}" | median)"
  printf '%-14s %10s %12.3f %12.3f %7.1fx\n' "$name" "$n" "$jmed" "$pmed" "$(awk "BEGIN{print $pmed/$jmed}")"
  [ -n "$jm" ] && [ "$jm" != null ] && echo "  jasyncio heap per suspended task: $jm bytes (asyncio: run bench/python/suspended_memory.py $n for its tracemalloc figure)"
done
