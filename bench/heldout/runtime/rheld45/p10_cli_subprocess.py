"""A CLI with subcommands; `status` shells out with subprocess.run from the coroutine."""
import argparse
import asyncio
import subprocess
import sys


async def cmd_status(args):
    await asyncio.sleep(0)
    proc = subprocess.run([sys.executable, "-c", "print('git ok')"], capture_output=True, text=True)  # PLANT ACK104
    print("status:", proc.stdout.strip())
    return 0


async def cmd_version(args):
    print("version 1.2")
    return 0


def build():
    p = argparse.ArgumentParser(prog="tool")
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("status").set_defaults(fn=cmd_status)
    sub.add_parser("version").set_defaults(fn=cmd_version)
    return p


async def run(argv):
    rc = 0
    for word in argv:
        args = build().parse_args([word])
        rc |= await args.fn(args)
    return rc


sys.exit(asyncio.run(run(["version", "status"])))
