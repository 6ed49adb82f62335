"""Python's websockets (10.4) as the server for jasyncio's WebSocket client.

Prints its port, then serves until its stdin closes. On /: echoes every message; "fragments"
is answered with one text message in three frames; "close" closes with 4002 "bye".
"""
import asyncio
import sys

import websockets


async def handler(ws, path=None):
    async for msg in ws:
        if msg == "fragments":
            await ws.send(["one ", "two ", "three"])
        elif msg == "close":
            await ws.close(4002, "bye")
            return
        else:
            await ws.send(msg)


async def main():
    async with websockets.serve(handler, "127.0.0.1", 0, subprotocols=["chat"], max_size=2**22) as server:
        print(server.sockets[0].getsockname()[1], flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


if __name__ == "__main__":
    asyncio.run(main())
