"""file_small N SIZE OPEN DIR: read N small files (DIR/0 .. DIR/N-1) with aiofiles, at most OPEN at once.

OPEN worker coroutines each take the next file number, open it with aiofiles, read it whole
(f.read(): until end of file), close it and add its CRC-32 (zlib.crc32) to the sum; every
open, read and close is a round trip to the default thread pool executor. Timed
(time.perf_counter, inside the running loop): from before the first worker starts to after the
last one ends. Checks the total bytes and the sum against DIR.manifest once at the end.
"""
import asyncio
import time
import zlib

import benchutil


async def main(args, aiofiles):
    t0 = time.perf_counter()
    numbers = iter(range(args.n))
    totals = [0, 0]

    async def worker():
        for i in numbers:
            async with aiofiles.open(f"{args.dir}/{i}", "rb") as f:
                data = await f.read()
            totals[0] += len(data)
            totals[1] += zlib.crc32(data)

    await asyncio.gather(*(worker() for _ in range(min(args.open, args.n))))
    return time.perf_counter() - t0, totals[0], totals[1]


def extra(p):
    p.add_argument("size", type=int, help="bytes per file")
    p.add_argument("open", type=int, help="files open at once")
    p.add_argument("dir", help="the directory of the files (DIR.manifest beside it)")


if __name__ == "__main__":
    args = benchutil.parse_args(__doc__.splitlines()[0], extra)
    aiofiles = benchutil.require_aiofiles()
    want_bytes, want_crc = benchutil.read_manifest(args.dir)
    seconds, total, crc = benchutil.run(lambda: main(args, aiofiles), args)
    benchutil.check(total == want_bytes and crc == want_crc,
                    f"read {total} bytes with crc32 sum {crc}, the files have {want_bytes} bytes with sum {want_crc}")
    benchutil.report("file-small", args, seconds=seconds, bytes=total, crc32=crc)
