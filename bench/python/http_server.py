"""http_server: the aiohttp server of the HTTP workloads, on asyncio's loop or on uvloop.

GET /     -> 200 "Hello, World!" (text/plain), aiohttp's web.Response(text=...)
GET /json -> 200 the document in --json FILE (application/json), serialised per request by
             web.json_response with json.dumps (compact separators, so every server sends the
             same 1,024 bytes)
Listens on 127.0.0.1:PORT (0: any free port), prints "PORT <n>" once it accepts connections,
and exits by itself after --max-seconds (the harness also kills it after the run). No access
log. Exit codes: 0 ok, 3 --uvloop requested but uvloop missing, 4 aiohttp missing.
"""
import argparse
import asyncio
import functools
import json
import sys

try:
    from aiohttp import web
except ImportError as e:
    print(f"error: aiohttp not importable: {e}", file=sys.stderr)
    sys.exit(4)

compact_dumps = functools.partial(json.dumps, separators=(",", ":"))


def make_app(document):
    async def hello(request):
        return web.Response(text="Hello, World!")

    async def as_json(request):
        return web.json_response(document, dumps=compact_dumps)

    app = web.Application()
    app.router.add_get("/", hello)
    app.router.add_get("/json", as_json)
    return app


async def main(args, document):
    runner = web.AppRunner(make_app(document), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", args.port, backlog=1024)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)
    try:
        await asyncio.sleep(args.max_seconds)
    finally:
        await runner.cleanup()


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--json", required=True, help="the document GET /json returns (JSON text)")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--max-seconds", type=float, default=600)
    p.add_argument("--uvloop", action="store_true", help="run on uvloop instead of asyncio's loop")
    args = p.parse_args()
    with open(args.json, encoding="ascii") as f:
        document = json.load(f)
    if args.uvloop:
        try:
            import uvloop
        except ImportError as e:
            print(f"error: uvloop not importable: {e}", file=sys.stderr)
            sys.exit(3)
        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    asyncio.run(main(args, document))
