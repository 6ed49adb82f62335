"""spawn_gather N [--plain]: cost of creating N trivial tasks and gathering them.

Each task's coroutine does `await asyncio.sleep(0)` once and returns its index
(workload spawn); with --plain it returns its index at once (workload spawn-plain).
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


async def plain_child(i):
    return i


async def main(n, plain):
    body = plain_child if plain else child
    t0 = time.perf_counter()
    tasks = [asyncio.create_task(body(i)) for i in range(n)]
    results = await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - t0
    benchutil.check(len(results) == n, f"len {len(results)} != {n}")
    benchutil.check(sum(results) == n * (n - 1) // 2, "sum of results is wrong")
    return elapsed


if __name__ == "__main__":
    args = benchutil.parse_args(__doc__.splitlines()[0], lambda p: p.add_argument(
        "--plain", action="store_true", help="tasks return at once instead of yielding once"))
    seconds = benchutil.run(lambda: main(args.n, args.plain), args)
    benchutil.report("spawn-plain" if args.plain else "spawn", args, seconds=seconds,
                     us_per_task=seconds * 1e6 / args.n)
