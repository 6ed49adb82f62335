"""Talks to the jasyncio HTTP server with aiohttp's client: GET, POST, keep-alive, chunked.

Run by AiohttpInteropTest: ``/usr/bin/python3 aiohttp_peer.py PORT``. Exits 1 with a message on
stderr on the first failed check; prints ``OK <checks>`` on success.
"""
import asyncio
import hashlib
import sys

import aiohttp

PORT = int(sys.argv[1])
BASE = "http://127.0.0.1:%d" % PORT
checks = 0


def check(cond, what):
    global checks
    if not cond:
        raise AssertionError(what)
    checks += 1


async def main():
    connections = 0

    async def on_create(session, ctx, params):
        nonlocal connections
        connections += 1

    trace = aiohttp.TraceConfig()
    trace.on_connection_create_end.append(on_create)
    connector = aiohttp.TCPConnector(limit=1)
    async with aiohttp.ClientSession(connector=connector, trace_configs=[trace]) as s:
        for _ in range(3):
            async with s.get(BASE + "/hello") as r:
                check(r.status == 200, "status")
                check(await r.text() == "Hello, World!", "body")
                check(r.headers["Content-Type"].startswith("text/plain"), "content type")
        check(connections == 1, "keep-alive: three GETs on %d connections" % connections)

        payload = bytes(range(256)) * 8192
        digest = hashlib.sha256(payload).hexdigest()
        async with s.post(BASE + "/digest", data=payload) as r:
            check(await r.text() == "%d %s %d" % (len(payload), digest, len(payload)), "POST with a length")

        async def gen():
            for i in range(0, len(payload), 50000):
                yield payload[i:i + 50000]
                await asyncio.sleep(0)

        async with s.post(BASE + "/digest", data=gen()) as r:
            check(await r.text() == "%d %s -1" % (len(payload), digest), "chunked POST")

        async with s.get(BASE + "/chunks") as r:
            check(r.headers.get("Transfer-Encoding") == "chunked", "chunked response")
            lines = [line async for line in r.content]
            check(lines == [b"line %d\n" % i for i in range(10)], "chunked lines %r" % lines)

        n = 5 * 1024 * 1024 + 123
        async with s.get(BASE + "/bytes?n=%d" % n) as r:
            got = 0
            async for piece in r.content.iter_chunked(65536):
                got += len(piece)
            check(got == n, "streamed download %d" % got)

        async with s.head(BASE + "/hello") as r:
            check(r.status == 200 and r.headers["Content-Length"] == "13", "HEAD")
            check(await r.read() == b"", "HEAD body")

        async with s.get(BASE + "/204") as r:
            check(r.status == 204 and await r.read() == b"", "204")

        async with s.post(BASE + "/reject", data=b"x" * 100000, expect100=True) as r:
            check(r.status == 413, "413 to an Expect: 100-continue request")

        async with s.get(BASE + "/missing") as r:
            check(r.status == 404, "404")

        async with s.get(BASE + "/hello") as r:
            check(await r.text() == "Hello, World!", "after the 413, a new connection if needed")
    print("OK %d" % checks)


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except AssertionError as e:
        print("check failed: %s" % e, file=sys.stderr)
        sys.exit(1)
