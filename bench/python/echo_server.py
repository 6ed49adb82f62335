"""echo_server: the CPython asyncio (or uvloop) TCP echo server of the echo workloads.

--style protocol: an asyncio.Protocol whose data_received writes every chunk straight back.
--style streams:  asyncio.start_server; each connection's handler reads up to 64 KiB,
                  writes it back and awaits drain(), until end of stream.
Listens on 127.0.0.1:PORT (0: any free port), prints "PORT <n>" once it accepts connections,
and exits by itself after --max-seconds (the harness also kills it after the run).
Exit codes: 0 ok, 3 --uvloop requested but uvloop missing.
"""
import argparse
import asyncio
import sys

READ_SIZE = 65536


class EchoProtocol(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.transport.write(data)


async def echo_streams(reader, writer):
    try:
        while True:
            data = await reader.read(READ_SIZE)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def main(args):
    loop = asyncio.get_running_loop()
    if args.style == "protocol":
        server = await loop.create_server(EchoProtocol, "127.0.0.1", args.port)
    else:
        server = await asyncio.start_server(echo_streams, "127.0.0.1", args.port)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    # the hard lifetime: the server stops by itself even if nobody kills it; leaving the
    # Runner then cancels the connection handlers still running
    await asyncio.sleep(args.max_seconds)
    server.close()


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--style", choices=["protocol", "streams"], required=True)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--max-seconds", type=float, default=600)
    p.add_argument("--uvloop", action="store_true", help="run on uvloop instead of asyncio's loop")
    args = p.parse_args()
    factory = None
    if args.uvloop:
        try:
            import uvloop
        except ImportError as e:
            print(f"error: --uvloop given but uvloop cannot be imported ({e})", file=sys.stderr)
            sys.exit(3)
        factory = uvloop.new_event_loop
    with asyncio.Runner(loop_factory=factory) as runner:
        runner.run(main(args))
