"""pingpong N: cost of N round trips between two tasks through two asyncio.Queue(maxsize=1).

The pinger puts i on `ping` and waits for it back on `pong`; the ponger echoes every
item it gets from `ping` onto `pong`. Timed (time.perf_counter, inside the running
loop): creating the queues and both tasks and gathering them. Checks that N round
trips completed and that the echoed values add up, once at the end, as the Java
programs do (no per-round-trip check or message building inside the timed loop).
"""
import asyncio
import time

import benchutil


async def pinger(n, ping, pong):
    total = 0
    for i in range(n):
        await ping.put(i)
        total += await pong.get()
    return total


async def ponger(n, ping, pong):
    for _ in range(n):
        await pong.put(await ping.get())


async def main(n):
    t0 = time.perf_counter()
    ping, pong = asyncio.Queue(maxsize=1), asyncio.Queue(maxsize=1)
    total, _ = await asyncio.gather(asyncio.create_task(pinger(n, ping, pong)),
                                   asyncio.create_task(ponger(n, ping, pong)))
    elapsed = time.perf_counter() - t0
    benchutil.check(total == n * (n - 1) // 2, f"echoed values add up to {total}, not {n * (n - 1) // 2}")
    return elapsed


if __name__ == "__main__":
    args = benchutil.parse_args(__doc__.splitlines()[0])
    seconds = benchutil.run(lambda: main(args.n), args)
    benchutil.report("pingpong", args, seconds=seconds)
