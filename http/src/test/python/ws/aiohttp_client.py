"""aiohttp's ClientSession.ws_connect as a client of jasyncio's WebSocket server (the interop app's /echo).

Usage: aiohttp_client.py PORT. Exits non-zero with the failed check; prints "OK ..." when all pass.
"""
import asyncio
import sys

import aiohttp
from aiohttp import WSMsgType


async def main(port):
    url = f"http://127.0.0.1:{port}/echo"
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(url, protocols=("chat",), compress=15, heartbeat=0.4) as ws:
            assert ws.protocol == "chat", ws.protocol
            assert ws.compress == 15, ws.compress
            await ws.send_str("hello")
            m = await ws.receive()
            assert m.type == WSMsgType.TEXT and m.data == "echo hello", m
            await ws.send_bytes(b"\x00\xff" * 50000)
            m = await ws.receive()
            assert m.type == WSMsgType.BINARY and m.data == b"\x00\xff" * 50000, m.type
            # aiohttp's heartbeat pings every 0.4 s and gives up after 0.2 s without a pong; it
            # reads pongs only inside receive(), so wait in one for the server's late answer.
            await ws.send_str("sleep:1500")
            m = await ws.receive()
            assert m.type == WSMsgType.TEXT and m.data == "slept", m
            assert not ws.closed, ws.close_code
            await ws.send_str("close:4000")
            m = await ws.receive()
            assert m.type == WSMsgType.CLOSE and m.data == 4000, m
            assert m.extra == "as asked", m
        async with session.ws_connect(url) as ws:
            await ws.send_str("bye")
            m = await ws.receive()
            assert m.data == "echo bye", m
            await ws.close()
            assert ws.close_code == 1000, ws.close_code
    print("OK aiohttp", aiohttp.__version__, "client")


if __name__ == "__main__":
    asyncio.run(asyncio.wait_for(main(int(sys.argv[1])), 20))
