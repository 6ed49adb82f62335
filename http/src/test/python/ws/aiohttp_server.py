"""aiohttp's web.WebSocketResponse as the server for jasyncio's WebSocket client.

Prints its port, then serves until its stdin closes. On /: echoes every message; "close" closes
with 4002 "bye".
"""
import asyncio
import sys

from aiohttp import WSMsgType, web


async def ws_handler(request):
    ws = web.WebSocketResponse(protocols=("chat",), compress=True, max_msg_size=2**22)
    await ws.prepare(request)
    async for msg in ws:
        if msg.type == WSMsgType.TEXT:
            if msg.data == "close":
                await ws.close(code=4002, message=b"bye")
                break
            await ws.send_str(msg.data)
        elif msg.type == WSMsgType.BINARY:
            await ws.send_bytes(msg.data)
    return ws


async def main():
    app = web.Application()
    app.router.add_get("/", ws_handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    print(runner.addresses[0][1], flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await runner.cleanup()


if __name__ == "__main__":
    asyncio.run(main())
