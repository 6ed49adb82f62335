"""suspended_memory N: memory held per task while N tasks are suspended on one asyncio.Event.

bytes_per_task = (tracemalloc traced bytes once all N tasks are parked in
`await event.wait()`) minus (traced bytes just before creating them), divided by N.
That covers each Task, its coroutine/frame, the Event's waiter future and deque slot,
and the list slot holding the task. The event is then set and all tasks gathered
(results checked: N entries summing to N*(N-1)/2).

seconds (time.perf_counter, inside the running loop) covers create + park + set +
gather, slowed by tracemalloc: it is not a speed figure.
"""
import asyncio
import gc
import time
import tracemalloc

import benchutil

parked = 0


async def waiter(event, i):
    global parked
    parked += 1
    await event.wait()
    return i


async def main(n):
    event = asyncio.Event()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    t0 = time.perf_counter()
    tasks = [asyncio.create_task(waiter(event, i)) for i in range(n)]
    await asyncio.sleep(0)  # every task runs once, up to event.wait(), before we resume
    benchutil.check(parked == n and not any(t.done() for t in tasks),
                    f"only {parked} of {n} tasks parked")
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    event.set()
    results = await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - t0
    benchutil.check(len(results) == n and sum(results) == n * (n - 1) // 2,
                    "gathered results are wrong")
    return elapsed, (after - before) / n


if __name__ == "__main__":
    args = benchutil.parse_args(__doc__.splitlines()[0])
    seconds, per_task = benchutil.run(lambda: main(args.n), args)
    benchutil.report("suspended", args, bytes_per_task=round(per_task, 1), seconds=seconds)
