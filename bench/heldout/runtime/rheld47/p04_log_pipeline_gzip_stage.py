"""A log pipeline: sort and uniq run as asyncio subprocesses, the result is gzipped by a helper that runs gzip."""
import asyncio
import subprocess


def compress(data):
    done = subprocess.run(["gzip", "-c", "-9"], input=data, capture_output=True, check=True)
    return done.stdout


async def stage(argv, data):
    proc = await asyncio.create_subprocess_exec(*argv, stdin=asyncio.subprocess.PIPE,
                                                stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate(data)
    return out


async def main():
    lines = "".join(f"host{i % 7} GET /page{i % 5}\n" for i in range(400)).encode()
    ordered = await stage(["sort"], lines)
    unique = await stage(["uniq", "-c"], ordered)
    packed = compress(unique)  # PLANT ACK104
    print("unique lines", unique.count(b"\n"), "gzip magic", packed[:2].hex())


asyncio.run(main())
