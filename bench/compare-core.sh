#!/usr/bin/env bash
# Runs the core workloads on jasyncio and its peers in turn (A B A B ..., ROUNDS rounds), each
# pinned to one core, and prints the median seconds of each with the ratio peer/jasyncio.
# Usage: bench/compare-core.sh [N] [ROUNDS]. Both sides time only the work inside the running
# loop (or between thread start and join), not process start-up.
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
mvn -B -q -ntp -Dstyle.color=never -DskipTests -pl core,bench -am compile >&2
cp="$root/core/target/classes:$root/bench/target/classes"
pin=(taskset -c 0)
# Default heap settings would measure G1 copying a heap where everything survives, and first-touch
# page faults of a growing heap; the JVM runs as a long-running server would be set up.
jflags=(--add-exports java.base/jdk.internal.vm=ALL-UNNAMED -Xms4g -Xmx8g -Xmn2g -XX:+AlwaysPreTouch)
vtflags=(-Xms1g -Djdk.virtualThreadScheduler.parallelism=1 -Djdk.virtualThreadScheduler.maxPoolSize=1)

field() { sed -n "s/.*\"$2\": \([0-9.e+-]*\).*/\1/p" <<<"$1"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk "BEGIN{printf \"%.1fx\", $1/$2}"; }

printf '%-13s %9s %11s %11s %8s %11s %8s\n' workload n jasyncio_s asyncio_s ratio vthreads_s ratio
for w in spawn_gather:SpawnGather:spawn_gather.py: switch:Switch:switch.py: \
         pingpong:PingPong:pingpong.py:VirtualThreadPingPong suspended:Suspended:suspended_memory.py:; do
  IFS=: read -r name cls script vt <<<"$w"
  js=(); ps=(); vs=(); jm=""
  for ((r = 0; r < rounds; r++)); do
    out="$("${pin[@]}" "$JAVA_HOME/bin/java" "${jflags[@]}" -cp "$cp" "io.jasyncio.bench.$cls" "$n")"
    js+=("$(field "$out" seconds)"); jm="$(field "$out" heap_bytes_per_task)"
    extra=(); [ "$name" = suspended ] && extra=(--no-tracemalloc)
    ps+=("$(field "$("${pin[@]}" "$py" "bench/python/$script" "$n" "${extra[@]}")" seconds)")
    if [ -n "$vt" ]; then
      vs+=("$(field "$("${pin[@]}" "$JAVA_HOME/bin/java" "${vtflags[@]}" -cp "$cp" "io.jasyncio.bench.$vt" "$n")" seconds)")
    fi
  done
  jmed="$(printf '%s\n' "${js[@]}" | median)"; pmed="$(printf '%s\n' "${ps[@]}" | median)"
  if [ -n "$vt" ]; then
    vmed="$(printf '%s\n' "${vs[@]}" | median)"
    printf '%-13s %9s %11.3f %11.3f %8s %11.3f %8s\n' "$name" "$n" "$jmed" "$pmed" "$(ratio "$pmed" "$jmed")" "$vmed" "$(ratio "$vmed" "$jmed")"
  else
    printf '%-13s %9s %11.3f %11.3f %8s %11s %8s\n' "$name" "$n" "$jmed" "$pmed" "$(ratio "$pmed" "$jmed")" - -
  fi
  if [ "$name" = suspended ] && [ -n "$jm" ] && [ "$jm" != null ]; then
    echo "  jasyncio heap per suspended task: $jm bytes (asyncio's: bench/python/suspended_memory.py $n, tracemalloc)"
  fi
done
echo "ratio = peer seconds / jasyncio seconds (higher: jasyncio faster); medians of $rounds rounds"
