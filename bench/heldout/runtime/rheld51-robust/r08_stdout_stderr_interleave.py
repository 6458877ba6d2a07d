"""Standard output's buffering as the program sees it, and the order of writes when stderr is joined to stdout
(2>&1 done by the program itself): print without flush, with flush, sys.stderr writes, os.write to fd 1."""
import asyncio
import os
import sys


async def main():
    print("line_buffering", sys.stdout.line_buffering, "write_through", sys.stdout.write_through,
          "tty", sys.stdout.isatty(), "enc", sys.stdout.encoding, sys.stdout.errors)
    print("stderr", sys.stderr.line_buffering, sys.stderr.write_through, type(sys.stderr.buffer).__name__)
    sys.stdout.flush()
    os.dup2(1, 2)
    print("A buffered")
    sys.stderr.write("B stderr\n")
    print("C flushed", flush=True)
    os.write(1, b"D raw\n")
    await asyncio.sleep(0)
    print("E buffered")
    sys.stderr.write("F stderr\n")
    sys.stderr.flush()
    print(sys.stdout is sys.__stdout__, sys.stderr is sys.__stderr__, sys.stdout.fileno(), sys.stderr.fileno())


asyncio.run(main())
print("G last")
