"""A CPython asyncio echo client that checks every byte a server sends back.

Usage: echo_client.py HOST PORT CONNECTIONS MESSAGES

Opens CONNECTIONS connections at once; each sends MESSAGES messages of varied sizes (up to
256 KiB), one at a time, and reads each echo back in full before the next. One more connection
sends 1 MiB, half-closes (write_eof) and reads until the server's EOF. Prints
"ok <bytes echoed>" and exits 0, or prints what went wrong and exits 1.
Run by jasyncio's InteropTest; stops by itself after 60 s at most.
"""
import asyncio
import sys


def payload(conn, i):
    size = [1, 100, 1024, 4096, 65536, 262144, 7][(conn + i) % 7]
    seed = (conn * 1000 + i) % 251
    return bytes((seed + k * 31) % 251 for k in range(size))


async def ping_pong(host, port, conn, messages):
    reader, writer = await asyncio.open_connection(host, port)
    total = 0
    try:
        for i in range(messages):
            data = payload(conn, i)
            writer.write(data)
            await writer.drain()
            got = await reader.readexactly(len(data))
            if got != data:
                raise AssertionError(f"connection {conn} message {i}: echo differs")
            total += len(data)
    finally:
        writer.close()
        await writer.wait_closed()
    return total


async def half_close(host, port):
    data = bytes(k * 7 % 256 for k in range(1 << 20))
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(data)
        writer.write_eof()
        got = await reader.read()  # until EOF
        if got != data:
            raise AssertionError(f"half-close: got {len(got)} bytes back of {len(data)}, or different ones")
    finally:
        writer.close()
        await writer.wait_closed()
    return len(data)


async def main(host, port, connections, messages):
    jobs = [ping_pong(host, port, c, messages) for c in range(connections)]
    jobs.append(half_close(host, port))
    totals = await asyncio.wait_for(asyncio.gather(*jobs), 60)
    print("ok", sum(totals), flush=True)


if __name__ == "__main__":
    try:
        asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])))
    except BaseException as e:  # report anything, including a timeout, on stdout
        print("failed:", type(e).__name__, e, flush=True)
        sys.exit(1)
