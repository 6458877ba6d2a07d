"""What the runtime checker costs: plain asyncio vs asynccheck vs asyncio debug mode vs blockbuster.

    python bench/runtime_bench.py [--repeat 3] [--rounds 3] [--scale 1.0] [--skip-blockbuster]

Each variant runs in its own process (--rounds of them, interleaved with the other variants'); inside it every
workload runs --repeat times; the best time over all of them counts.
Workloads (issue 3): 60k tasks x 5 `await asyncio.sleep(0)`; 200k asyncio Queue/Lock round trips; 15k TCP echo
round trips over 127.0.0.1. Target: asynccheck <= 1.10x plain on each, and below both others.
blockbuster comes from PyPI, installed in the bench's own venv bench/.cache/tools (made here if missing); when
that fails the bench says so and goes on without it.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOOLS = HERE / ".cache" / "tools"

WORKLOADS = r'''
import asyncio, json, sys, time

SCALE = float(sys.argv[2])
REPEAT = int(sys.argv[3])


async def many_tasks():
    async def worker():
        for _ in range(5):
            await asyncio.sleep(0)
    await asyncio.gather(*(worker() for _ in range(int(60_000 * SCALE))))


async def queue_lock():
    n = int(100_000 * SCALE)  # two queue round trips per iteration: 200k in all
    q1, q2, lock = asyncio.Queue(), asyncio.Queue(), asyncio.Lock()

    async def ping():
        for i in range(n):
            async with lock:
                await q1.put(i)
            await q2.get()

    async def pong():
        for i in range(n):
            await q1.get()
            async with lock:
                await q2.put(i)

    await asyncio.gather(ping(), pong())


async def tcp_echo():
    n = int(15_000 * SCALE)

    async def echo(reader, writer):
        while data := await reader.read(100):
            writer.write(data)
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for _ in range(n):
        writer.write(b"ping\n")
        await writer.drain()
        await reader.readline()
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()


def main():
    variant = sys.argv[1]
    debug = variant == "debug"
    if variant == "asynccheck":
        import asynccheck
        session = asynccheck.watch().start()
    elif variant == "blockbuster":
        from blockbuster import blockbuster_ctx
        ctx = blockbuster_ctx()
        ctx.__enter__()
    results = {}
    for name, fn in (("tasks", many_tasks), ("queue_lock", queue_lock), ("tcp_echo", tcp_echo)):
        best = None
        for _ in range(REPEAT):
            start = time.perf_counter()
            asyncio.run(fn(), debug=debug)
            elapsed = time.perf_counter() - start
            best = elapsed if best is None else min(best, elapsed)
        results[name] = best
    if variant == "asynccheck":
        session.stop()
        results["findings"] = sorted(f"{f.code} line {f.line}" for f in session.findings)
    print(json.dumps(results))


main()
'''


def run_variant(python: str, variant: str, scale: float, repeat: int) -> dict:
    proc = subprocess.run([python, "-c", WORKLOADS, variant, str(scale), str(repeat)], capture_output=True,
                          text=True, timeout=3600)
    if proc.returncode != 0:
        raise RuntimeError(f"{variant} failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def blockbuster_python() -> str:
    """A Python with blockbuster installed from PyPI, in the bench's own venv; '' (and why) when unavailable."""
    python = TOOLS / "bin" / "python"
    try:
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(TOOLS)], check=True, capture_output=True)
        if subprocess.run([str(python), "-c", "import blockbuster"], capture_output=True).returncode != 0:
            subprocess.run([str(python), "-m", "pip", "install", "-q", "blockbuster"], check=True,
                           capture_output=True, timeout=600)
    except (subprocess.SubprocessError, OSError) as exc:
        print(f"blockbuster skipped: could not install it from PyPI into {TOOLS} ({exc})", file=sys.stderr)
        return ""
    return str(python)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each workload inside one process")
    parser.add_argument("--rounds", type=int, default=3,
                        help="processes per variant, interleaved across variants; the best counts")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--skip-blockbuster", action="store_true")
    args = parser.parse_args()
    variants = {"plain": sys.executable, "asynccheck": sys.executable, "debug": sys.executable}
    if not args.skip_blockbuster:
        python = blockbuster_python()
        if python:
            variants["blockbuster"] = python
    workloads = ["tasks", "queue_lock", "tcp_echo"]
    results: dict = {}
    # rounds interleave the variants, so a slow spell of a shared machine does not land on one variant only
    for round_ in range(args.rounds):
        for name, python in variants.items():
            if name == "debug" and round_:
                continue  # at 10-20x plain, one careful run says enough, and more would take minutes
            got = run_variant(python, name, args.scale, 1 if name == "debug" else args.repeat)
            best = results.setdefault(name, got)
            for w in workloads:
                best[w] = min(best[w], got[w])
    plain = results["plain"]
    print(f"best of {args.rounds} processes x {args.repeat} runs, scale {args.scale}; "
          "seconds (ratio to plain asyncio)")
    print(f"{'variant':12}" + "".join(f"{w:>22}" for w in workloads))
    for name, res in results.items():
        cells = "".join(f"{res[w]:>12.3f} ({res[w] / plain[w]:5.2f}x)" for w in workloads)
        print(f"{name:12}{cells}")
    if "findings" in results["asynccheck"]:
        # 60k tasks created in one step is itself an ACK120 stall (gather() builds them all at once)
        print(f"\nasynccheck findings on the workloads: {results['asynccheck']['findings'] or 'none'}")
    worst = max(results["asynccheck"][w] / plain[w] for w in workloads)
    print(f"asynccheck worst ratio: {worst:.3f} (target <= 1.10)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
