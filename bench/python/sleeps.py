"""sleeps N [SPAN_MS] [--warm]: wall overshoot of N concurrent asyncio.sleep calls.

Task i sleeps for the i-th delay uniform in [0, SPAN_MS) drawn by splitmix64 from a
fixed seed: the same delays, bit for bit, as io.jasyncio.bench.Delays. The main
coroutine creates the N tasks and gathers them; overshoot_ms is how long after the
longest delay that finished, counted from before the first task was created (so spawn
cost and timer lateness both count). With --warm the same process runs it twice,
each on a fresh loop, and reports the second (workload sleeps-warm), as the Java
programs do.
"""
import asyncio
import time

import benchutil

SEED = 20_240_501
MASK = (1 << 64) - 1


def uniform_nanos(n, span_nanos):
    out, state = [], SEED
    for _ in range(n):
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        z ^= z >> 31
        out.append(int((z >> 11) * 2.0 ** -53 * span_nanos))
    return out


async def main(delays):
    t0 = time.perf_counter_ns()
    tasks = [asyncio.create_task(asyncio.sleep(d / 1e9)) for d in delays]
    await asyncio.gather(*tasks)
    return time.perf_counter_ns() - t0


if __name__ == "__main__":
    def options(p):
        p.add_argument("span_ms", type=int, nargs="?", default=1000, help="delays are uniform in [0, span_ms)")
        p.add_argument("--warm", action="store_true", help="run twice in this process, report the second")
    args = benchutil.parse_args(__doc__.splitlines()[0], options)
    delays = uniform_nanos(args.n, args.span_ms * 1_000_000)
    longest = max(delays)
    cold = benchutil.run(lambda: main(delays), args)
    benchutil.check(cold >= longest, "finished before the longest delay")
    took = benchutil.run(lambda: main(delays), args) if args.warm else cold
    benchutil.check(took >= longest, "finished before the longest delay")
    extra = {"cold_overshoot_ms": (cold - longest) / 1e6} if args.warm else {}
    benchutil.report("sleeps-warm" if args.warm else "sleeps", args, overshoot_ms=(took - longest) / 1e6,
                     seconds=took / 1e9, span_ms=args.span_ms, **extra)
