#!/bin/bash
# bench/uring-features/runall.sh SECS ROUNDS (from the repository root): every configuration at 1 KiB and 64 KiB; raw lines to results.txt
SECS=$1; ROUNDS=$2
U="-Djasyncio.loop=uring"
declare -a NAMES=("selector" "uring-default" "uring-coop" "uring-defer" "defer-multishot-off" "defer-batching-off" "sqpoll(->default)")
declare -a FLAGS=("-Djasyncio.loop=selector" "$U -Djasyncio.uring.taskrun=default" "$U -Djasyncio.uring.taskrun=coop" "$U -Djasyncio.uring.taskrun=defer" "$U -Djasyncio.uring.taskrun=defer -Djasyncio.uring.multishot=false" "$U -Djasyncio.uring.taskrun=defer -Djasyncio.uring.submitEach=true" "$U -Djasyncio.uring.sqpoll=true")
for r in $(seq $ROUNDS); do
 for size in 1024 65536; do
  for i in "${!NAMES[@]}"; do
   out=$(bench/uring-features/split.sh $size $SECS ${FLAGS[$i]} 2>&1 | tr '\n' ' ')
   echo "round=$r size=$size cfg=${NAMES[$i]} flags='${FLAGS[$i]}' :: $out" >> bench/uring-features/results.txt
  done
 done
done
echo ALLDONE >> bench/uring-features/results.txt
