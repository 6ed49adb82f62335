"""An aiohttp server the jasyncio client tests talk to (AiohttpInteropTest).

Run as ``/usr/bin/python3 aiohttp_server.py``: listens on a free 127.0.0.1 port, prints
``PORT <n>`` on stdout once it accepts connections, and exits when its stdin closes (the test
closes it; a test JVM that dies takes the pipe with it, so the server never outlives it).

Routes:
  GET  /hello             "Hello, World!" (text/plain)
  GET  /json              {"name": "jasyncio", "n": [1, 2, 3]}
  POST /digest            "<length> <sha256 hex> <Content-Length header or -1>" of the request body
  GET  /chunked?n=N       N lines "line i\\n", chunked, each written and drained on its own
  GET  /gzip?n=N          N lines, Content-Encoding: gzip
  GET  /deflate?n=N       N lines, Content-Encoding: deflate
  GET  /bytes?n=N         N bytes of a fixed pattern (i % 251)
  GET  /redirect          302 to /hello
  GET  /set-cookie        sets a=1 and b=2 (Path=/)
  GET  /cookies           the Cookie header it got, or "" without one
  GET  /close             "bye" with Connection: close
"""
import asyncio
import hashlib
import sys

from aiohttp import web


def lines(n):
    return "".join("line %d\n" % i for i in range(n)).encode("ascii")


async def hello(request):
    return web.Response(text="Hello, World!")


async def json_doc(request):
    return web.json_response({"name": "jasyncio", "n": [1, 2, 3]})


async def digest(request):
    h = hashlib.sha256()
    total = 0
    async for piece in request.content.iter_any():
        h.update(piece)
        total += len(piece)
    declared = request.headers.get("Content-Length", "-1")
    return web.Response(text="%d %s %s" % (total, h.hexdigest(), declared))


async def chunked(request):
    n = int(request.query.get("n", "10"))
    resp = web.StreamResponse()
    resp.content_type = "text/plain"
    resp.enable_chunked_encoding()
    await resp.prepare(request)
    for i in range(n):
        await resp.write(b"line %d\n" % i)
    await resp.write_eof()
    return resp


def compressed(method):
    async def handler(request):
        n = int(request.query.get("n", "1000"))
        resp = web.Response(body=lines(n), content_type="text/plain")
        resp.enable_compression(method)
        return resp
    return handler


async def pattern(request):
    n = int(request.query.get("n", "0"))
    return web.Response(body=bytes(i % 251 for i in range(n)), content_type="application/octet-stream")


async def redirect(request):
    raise web.HTTPFound("/hello")


async def set_cookie(request):
    resp = web.Response(text="set")
    resp.set_cookie("a", "1", path="/")
    resp.set_cookie("b", "2", path="/")
    return resp


async def cookies(request):
    return web.Response(text=request.headers.get("Cookie", ""))


async def close(request):
    return web.Response(text="bye", headers={"Connection": "close"})


async def main():
    app = web.Application()
    app.router.add_get("/hello", hello)
    app.router.add_get("/json", json_doc)
    app.router.add_post("/digest", digest)
    app.router.add_get("/chunked", chunked)
    app.router.add_get("/gzip", compressed(web.ContentCoding.gzip))
    app.router.add_get("/deflate", compressed(web.ContentCoding.deflate))
    app.router.add_get("/bytes", pattern)
    app.router.add_get("/redirect", redirect)
    app.router.add_get("/set-cookie", set_cookie)
    app.router.add_get("/cookies", cookies)
    app.router.add_get("/close", close)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    print("PORT %d" % port, flush=True)
    loop = asyncio.get_running_loop()
    # Blocks a worker thread until the test closes stdin (EOF), then shuts down.
    await loop.run_in_executor(None, sys.stdin.read)
    await runner.cleanup()


if __name__ == "__main__":
    asyncio.run(main())
