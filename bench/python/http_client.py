"""http_client: aiohttp's ClientSession as the peer of the http-client workload.

GETs --url N times with --concurrency requests in flight (one ClientSession, a TCPConnector
limited to that many connections, so the sockets are bounded like jasyncio's pool), after
--warmup unmeasured GETs on the same session; each response's status must be 200 and its body
--expect-bytes long. Prints one JSON line: workload http-client, runtime asyncio or uvloop,
requests, seconds (the N measured GETs only), req_per_s, client_cpu_us_per_req (this
process's CPU time over them, per request). Exit codes: 0 ok, 1 a check failed,
3 --uvloop requested but uvloop missing, 4 aiohttp missing.
"""
import asyncio
import resource
import sys
import time

import benchutil

try:
    import aiohttp
except ImportError as e:
    print(f"error: aiohttp not importable: {e}", file=sys.stderr)
    sys.exit(4)


def extra(p):
    p.add_argument("--url", required=True)
    p.add_argument("--concurrency", type=int, default=100)
    p.add_argument("--warmup", type=int, default=0)
    p.add_argument("--expect-bytes", type=int, default=-1)


async def fetch_all(session, url, count, concurrency, expect):
    left = count

    async def worker():
        nonlocal left
        while left > 0:
            left -= 1
            async with session.get(url) as r:
                body = await r.read()
                benchutil.check(r.status == 200, "status %d" % r.status)
                benchutil.check(expect < 0 or len(body) == expect, "body of %d bytes" % len(body))

    await asyncio.gather(*(worker() for _ in range(min(concurrency, count))))


def cpu_seconds():
    """This process's user+system CPU time so far (all threads)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main():
    args = benchutil.parse_args("aiohttp client GETs", extra)
    result = {}

    async def go():
        connector = aiohttp.TCPConnector(limit=args.concurrency)
        async with aiohttp.ClientSession(connector=connector) as session:
            if args.warmup > 0:
                await fetch_all(session, args.url, args.warmup, args.concurrency, args.expect_bytes)
            cpu = cpu_seconds()
            start = time.perf_counter()
            await fetch_all(session, args.url, args.n, args.concurrency, args.expect_bytes)
            result["seconds"] = time.perf_counter() - start
            result["cpu"] = cpu_seconds() - cpu

    benchutil.run(go, args)
    seconds = result["seconds"]
    benchutil.report("http-client", args, requests=args.n, seconds=seconds, req_per_s=args.n / seconds,
                     concurrency=args.concurrency, warmup_requests=args.warmup,
                     client_cpu_us_per_req=result["cpu"] * 1e6 / args.n)


if __name__ == "__main__":
    main()
