"""switch N: cost of N task switches between two tasks.

Tasks A and B each loop (about) N/2 times doing `await asyncio.sleep(0)`; with both
tasks ready, the loop alternates A, B, A, B, ... so there are N yields in total.
Timed (time.perf_counter, inside the running loop): creating both tasks and
gathering them. Checks that exactly N yields happened.
"""
import asyncio
import time

import benchutil


async def spinner(iterations, counter):
    for _ in range(iterations):
        await asyncio.sleep(0)
        counter[0] += 1


async def main(n):
    counter = [0]
    t0 = time.perf_counter()
    a = asyncio.create_task(spinner(n - n // 2, counter))
    b = asyncio.create_task(spinner(n // 2, counter))
    await asyncio.gather(a, b)
    elapsed = time.perf_counter() - t0
    benchutil.check(counter[0] == n, f"{counter[0]} switches != {n}")
    return elapsed


if __name__ == "__main__":
    args = benchutil.parse_args(__doc__.splitlines()[0])
    seconds = benchutil.run(lambda: main(args.n), args)
    benchutil.report("switch", args, seconds=seconds)
