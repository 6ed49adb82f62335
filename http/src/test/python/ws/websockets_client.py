"""Python's websockets (10.4) as a client of jasyncio's WebSocket server (the interop app's /echo).

Usage: websockets_client.py PORT. Exits non-zero with the failed check; prints "OK ..." when all pass.
"""
import asyncio
import sys

import websockets


async def main(port):
    uri = f"ws://127.0.0.1:{port}/echo"
    async with websockets.connect(uri, subprotocols=["chat"], max_size=2**22) as ws:
        assert ws.subprotocol == "chat", ws.subprotocol
        ext = ws.response_headers.get("Sec-WebSocket-Extensions", "")
        assert "permessage-deflate" in ext, ext
        await ws.send("hello")
        assert await ws.recv() == "echo hello"
        await ws.send(b"\x00\x01\xfe\xff")
        assert await ws.recv() == b"\x00\x01\xfe\xff"
        await ws.send(["frag", "mented ", "text \u00e9\u00e8"])  # one message in three frames
        assert await ws.recv() == "echo fragmented text \u00e9\u00e8"
        await ws.send([b"\x01" * 70000, b"\x02" * 70000])
        got = await ws.recv()
        assert got == b"\x01" * 70000 + b"\x02" * 70000, len(got)
        big = "x" * 1_000_000
        await ws.send(big)
        assert await ws.recv() == "echo " + big
        pong = await ws.ping(b"hb")
        await asyncio.wait_for(pong, 5)
        await ws.send("close:4321")
        try:
            await ws.recv()
            raise AssertionError("the server should have closed")
        except websockets.ConnectionClosed as e:
            assert e.rcvd is not None and e.rcvd.code == 4321, e
            assert e.rcvd.reason == "as asked", e.rcvd
    async with websockets.connect(uri, compression=None) as ws:
        assert ws.response_headers.get("Sec-WebSocket-Extensions") is None
        await ws.send("plain")
        assert await ws.recv() == "echo plain"
    assert ws.close_code == 1000, ws.close_code
    print("OK websockets", websockets.__version__, "client")


if __name__ == "__main__":
    asyncio.run(asyncio.wait_for(main(int(sys.argv[1])), 20))
