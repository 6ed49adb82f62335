"""file_read N CHUNK FILE: read one N MiB file in CHUNK-byte reads with aiofiles.

aiofiles runs each blocking read on the loop's default thread pool executor and returns a new
bytes object per read; a CRC-32 (zlib.crc32) is updated per chunk. Timed (time.perf_counter,
inside the running loop): from before the open to after the close. Checks the total bytes and
the CRC-32 against FILE.manifest once at the end, as the Java programs do.
"""
import time
import zlib

import benchutil


async def main(args, aiofiles):
    t0 = time.perf_counter()
    crc = 0
    total = 0
    async with aiofiles.open(args.file, "rb") as f:
        while True:
            chunk = await f.read(args.chunk)
            if not chunk:
                break
            crc = zlib.crc32(chunk, crc)
            total += len(chunk)
    return time.perf_counter() - t0, total, crc


def extra(p):
    p.add_argument("chunk", type=int, help="bytes per read")
    p.add_argument("file", help="the file (FILE.manifest beside it)")


if __name__ == "__main__":
    args = benchutil.parse_args(__doc__.splitlines()[0], extra)
    aiofiles = benchutil.require_aiofiles()
    want_bytes, want_crc = benchutil.read_manifest(args.file)
    seconds, total, crc = benchutil.run(lambda: main(args, aiofiles), args)
    benchutil.check(total == want_bytes and crc == want_crc,
                    f"read {total} bytes with crc32 {crc}, the file has {want_bytes} bytes with crc32 {want_crc}")
    benchutil.report("file-read", args, seconds=seconds, bytes=total, crc32=crc)
