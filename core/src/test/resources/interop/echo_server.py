"""A CPython asyncio echo server (protocols, as asyncio's docs write one).

Usage: echo_server.py

Listens on 127.0.0.1, on an ephemeral port, and prints "port <n>". Echoes every byte; on the
client's EOF it closes once the echo is sent, so a half-closed client reads everything back.
Pauses reading while its write buffer is over the high-water mark. Exits when its stdin closes
(the test ends it that way) or after 60 s. Run by jasyncio's InteropTest.
"""
import asyncio
import sys


class Echo(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.transport.write(data)

    def eof_received(self):
        return False  # asyncio closes the transport, after flushing what is buffered

    def pause_writing(self):
        self.transport.pause_reading()

    def resume_writing(self):
        self.transport.resume_reading()


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Echo, "127.0.0.1", 0)
    print("port", server.sockets[0].getsockname()[1], flush=True)
    # Ends when stdin reaches EOF: the test closes it, or dies.
    stdin = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stdin), sys.stdin)
    try:
        await asyncio.wait_for(stdin.read(), 60)
    finally:
        server.close()
        await server.wait_closed()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except asyncio.TimeoutError:
        print("timed out", flush=True)
        sys.exit(1)
