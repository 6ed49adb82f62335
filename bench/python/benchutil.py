"""Shared plumbing for the CPython asyncio peer benchmarks (standard library only).

Every benchmark script takes a positional N and an optional --uvloop flag, runs one
coroutine on a fresh event loop and prints exactly one JSON line on stdout: workload,
runtime, n, the measured fields and peak_rss_kib, the shape the Java programs print
(io.jasyncio.bench.BenchReport) and the harness parses.
Exit codes: 0 ok, 1 result check failed, 3 --uvloop requested but uvloop missing.
"""
import argparse
import asyncio
import json
import resource
import sys


def parse_args(description, extra=None):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("n", type=int, help="workload size")
    p.add_argument("--uvloop", action="store_true", help="run on uvloop instead of asyncio's loop")
    if extra:
        extra(p)
    args = p.parse_args()
    if args.n < 1:
        p.error("n must be >= 1")
    return args


def run(coro_fn, args):
    """Run coro_fn() to completion on asyncio's default loop, or uvloop with --uvloop."""
    factory = None
    if args.uvloop:
        try:
            import uvloop
        except ImportError as e:
            print(f"error: --uvloop given but uvloop cannot be imported ({e}); "
                  "install it, e.g. apt-get install python3-uvloop", file=sys.stderr)
            sys.exit(3)
        factory = uvloop.new_event_loop
    with asyncio.Runner(loop_factory=factory) as runner:
        return runner.run(coro_fn())


def check(ok, message):
    if not ok:
        print(f"error: result check failed: {message}", file=sys.stderr)
        sys.exit(1)


def report(workload, args, **fields):
    record = {
        "workload": workload,
        "runtime": "uvloop" if args.uvloop else "asyncio",
        "n": args.n,
    }
    record.update(fields)
    # ru_maxrss is in KiB on Linux: peak resident set of the whole process.
    record["peak_rss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(record))


def read_manifest(data):
    """The (bytes, crc32) a file workload's data set must read back as: DATA.manifest, one line
    'bytes=N crc32=C', written by the harness (io.jasyncio.bench.files.FileManifest)."""
    with open(str(data) + ".manifest", encoding="ascii") as f:
        fields = dict(part.split("=", 1) for part in f.read().split())
    return int(fields["bytes"]), int(fields["crc32"])


def require_aiofiles():
    """aiofiles, or exit 3 with the Debian package to install (as --uvloop does for uvloop)."""
    try:
        import aiofiles
    except ImportError as e:
        print(f"error: aiofiles cannot be imported ({e}); install it, e.g. apt-get install python3-aiofiles",
              file=sys.stderr)
        sys.exit(3)
    return aiofiles
