#!/bin/bash
# usage: split.sh SIZE SECONDS [java flags]: echo run plus the server loop thread's user/sys CPU split over the window
SIZE=$1; SECS=$2; shift 2
# Run from the repository root after ./jasyncio bench has built the classes, bench/target/jmh.classpath
# and bench/target/echo-client.
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
CP=core/target/classes:uring/target/classes:bench/target/classes:$(cat bench/target/jmh.classpath)
OUT=$(mktemp)
taskset -c 1 $J --add-exports java.base/jdk.internal.vm=ALL-UNNAMED --add-exports java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED "$@" -cp "$CP" io.jasyncio.bench.echo.JasyncioProtocolEchoServer --port 0 --max-seconds $((SECS+20)) > $OUT 2>${ERRF:-/dev/null} &
SPID=$!
for i in $(seq 100); do grep -q PORT $OUT && break; sleep 0.1; done
PORT=$(grep PORT $OUT | awk '{print $2}')
TID=$(ls /proc/$SPID/task | sort -n | sed -n 2p)
(sleep 2.2; a=$(awk '{print $14, $15}' /proc/$SPID/task/$TID/stat); p=$(awk '{print $14, $15}' /proc/$SPID/stat); sleep $((SECS-1)); b=$(awk '{print $14, $15}' /proc/$SPID/task/$TID/stat); q=$(awk '{print $14, $15}' /proc/$SPID/stat); echo "loop thread utime/stime ticks: $a -> $b ; process: $p -> $q over $((SECS-1)) s") &
taskset -c 0 bench/target/echo-client --port $PORT --pid $SPID --size $SIZE --connections 10 --seconds $SECS --warmup 2 --workload echo$SIZE --runtime x | python3 -c "import json,sys; d=json.loads(sys.stdin.read()); print('rt/s %.0f  cpu us/rt %.2f' % (d['rt_per_s'], d['server_cpu_us_per_rt']))"
wait
kill $SPID 2>/dev/null; wait $SPID 2>/dev/null
rm -f $OUT
