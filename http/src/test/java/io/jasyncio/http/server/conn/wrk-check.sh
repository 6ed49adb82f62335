#!/bin/sh
# Manual performance check of the connection layer (not part of the test suite): wrk with one
# thread and 100 keep-alive connections against HelloMain and against nginx (1 worker,
# return 200), the server pinned to CPU 0 and wrk to CPU 1; prints req/s and the server's CPU
# time per request (utime+stime from /proc/PID/stat, before and after the measured run).
# Run from the repository root after `mvn -pl http -am test-compile`.
set -eu
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
DURATION=${DURATION:-5s}
CP=core/target/classes:http/target/classes:http/target/test-classes
TMP=$(mktemp -d)
trap 'kill $JPID $NPID 2>/dev/null || true; rm -rf "$TMP"' EXIT
JPID=""; NPID=""

cpu_ticks() { awk '{print $14 + $15}' /proc/$1/stat; }

measure() {  # name pid url
  taskset -c 1 wrk -t1 -c100 -d3s "$3" >/dev/null     # warm-up
  before=$(cpu_ticks $2)
  out=$(taskset -c 1 wrk -t1 -c100 -d$DURATION "$3")
  after=$(cpu_ticks $2)
  reqs=$(echo "$out" | awk '/requests in/ {print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  hz=$(getconf CLK_TCK)
  awk -v n="$1" -v r="$reqs" -v rps="$rps" -v t=$((after - before)) -v hz=$hz \
    'BEGIN { printf "%-10s %10s req/s  %6.2f us CPU/request (%d requests)\n", n, rps, t / hz * 1e6 / r, r }'
}

taskset -c 0 "$JAVA_HOME/bin/java" --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -Xmx256m \
  -cp "$CP" io.jasyncio.http.server.conn.HelloMain 18080 >"$TMP/java.log" 2>&1 &
JPID=$!
cat >"$TMP/nginx.conf" <<CONF
worker_processes 1;
daemon off;
error_log $TMP/error.log;
pid $TMP/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $TMP; proxy_temp_path $TMP; fastcgi_temp_path $TMP; uwsgi_temp_path $TMP; scgi_temp_path $TMP;
  server { listen 127.0.0.1:18081; location / { default_type text/plain; return 200 "Hello, World!"; } }
}
CONF
taskset -c 0 nginx -p "$TMP" -c "$TMP/nginx.conf" &
NPID=$!
sleep 2
# nginx's master forks one worker: measure the worker (the master does nothing per request).
NWORKER=$(pgrep -P $NPID | head -1)
measure jasyncio $JPID http://127.0.0.1:18080/
measure nginx $NWORKER http://127.0.0.1:18081/
