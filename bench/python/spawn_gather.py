"""spawn_gather N: cost of creating N trivial tasks and gathering them.

Each task's coroutine does `await asyncio.sleep(0)` once and returns its index.
Timed (time.perf_counter, inside the running loop): creating the N tasks plus
`await asyncio.gather(*tasks)`. Interpreter start-up and loop creation are not timed.
Checks that the result list has N entries summing to N*(N-1)/2.
"""
import asyncio
import time

import benchutil


async def child(i):
    await asyncio.sleep(0)
    return i


async def main(n):
    t0 = time.perf_counter()
    tasks = [asyncio.create_task(child(i)) for i in range(n)]
    results = await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - t0
    benchutil.check(len(results) == n, f"len {len(results)} != {n}")
    benchutil.check(sum(results) == n * (n - 1) // 2, "sum of results is wrong")
    return elapsed


if __name__ == "__main__":
    args = benchutil.parse_args(__doc__.splitlines()[0])
    seconds = benchutil.run(lambda: main(args.n), args)
    benchutil.report("spawn", args, seconds=seconds)
