"""What the runtime checker costs: whole processes of `asynccheck run` against plain `python`, and start-up.

    python bench/runtime_bench.py [--runs 7] [--scale 1.0] [--only tasks,queue_lock,tcp_echo,startup]
                                  [--json] [--uvloop] [--compare] [--calibrate] [--before PYTHON] [--save FILE]
                                  [--instructions]

Workloads (issue 10), each one whole process per run: 60k tasks x 5 `await asyncio.sleep(0)`; 200k asyncio
Queue+Lock round trips; 45k TCP echo round trips over 127.0.0.1. Variants run alternately (plain, asynccheck,
plain, asynccheck ...), so a slow spell of a shared machine lands on both; each figure is the best of --runs
processes, with the spread (slowest / best - 1) beside it. Start-up is an empty program: `asynccheck run empty.py`
against `python -c 'import asyncio'`. Target: asynccheck <= 1.05x plain on each workload (best against best),
start-up <= +50 ms.

Wall time is what a user sees, but only on an idle machine; CPU time (user + system of the child process, from
os.wait4, the watchdog thread's included) is the figure that survives a loaded one. Beside the best-of ratios,
each variant's runs are paired with the plain run of the same round: the median of those ratios, with the lowest
and highest. --calibrate runs plain python a second time as a variant of its own (plain-again): on a machine
whose speed moves, its ratios (1.000x in principle) say how far noise alone takes each figure, so a cost is
told apart from noise only when it is further from 1 than plain-again's.

--json adds `asynccheck run --format json` (nothing to report on most workloads: it must cost what text costs).
--uvloop runs the same workloads on uvloop's loop (`uvloop.run`) in every variant.
--compare adds asyncio's debug mode (PYTHONASYNCIODEBUG=1, one run: it is 10-20x) and blockbuster (installed from
PyPI into the bench's own venv bench/.cache/tools; skipped, with the reason, when that fails).

The workload program first allocates and frees a few MB: glibc raises its mmap threshold after freeing a large
block, after which asyncio's 256 KiB receive buffers come from the heap instead of mmap. Whether that has happened
by the time the first buffer is allocated depends on what the process did before (asynccheck's imports do free
large blocks), which made the TCP figure luck; warmed alike, both processes allocate the same way.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
TOOLS = HERE / ".cache" / "tools"
WORKLOADS = ("tasks", "queue_lock", "tcp_echo")

PROGRAM = r'''
import asyncio, json, sys, time

# as glibc sees the process (see the bench's docstring): a large block allocated and freed raises the mmap threshold
_warm = [bytearray(1 << 20) for _ in range(4)] + [bytearray(8 << 20)]
del _warm

NAME, SCALE, LOOP = sys.argv[1], float(sys.argv[2]), sys.argv[3]


async def tasks():
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
    n = int(45_000 * SCALE)

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


def loop_thread():
    """The loop's thread as Linux sees it: seconds on a CPU, seconds runnable but waiting for one, context switches
    it made (waits: for the GIL, for I/O) and was made to make (preempted); zeros where /proc does not say."""
    try:
        with open("/proc/thread-self/schedstat") as f:
            on_cpu, waiting = (int(x) / 1e9 for x in f.read().split()[:2])
        with open("/proc/thread-self/status") as f:
            switches = dict(line.split(":") for line in f if "ctxt_switches" in line)
        return [on_cpu, waiting, int(switches["voluntary_ctxt_switches"]),
                int(switches["nonvoluntary_ctxt_switches"])]
    except (OSError, ValueError, KeyError):
        return [0.0, 0.0, 0, 0]


def main():
    if NAME == "empty":
        return
    workload = globals()[NAME]
    before = loop_thread()
    wall, cpu = time.perf_counter(), time.process_time()
    if LOOP == "uvloop":
        import uvloop
        uvloop.run(workload())
    else:
        asyncio.run(workload())
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    on_cpu, waiting, voluntary, preempted = (b - a for a, b in zip(before, loop_thread()))
    sys.stdout.write(json.dumps({"wall": wall, "cpu": cpu, "loop_cpu": on_cpu, "loop_cpu_wait": waiting,
                                 "loop_switches": voluntary, "loop_preempted": preempted}) + "\n")


main()
'''


class Run:
    """One child process: wall and CPU (user + system) of the whole process, and of the workload alone."""

    def __init__(self, wall: float, cpu: float, inner: Optional[dict], stderr: str):
        self.wall, self.cpu, self.inner, self.stderr = wall, cpu, inner, stderr


def child_env(**extra: str) -> Dict[str, str]:
    """The children's environment: with bytecode caching on (a user's asynccheck is imported from .pyc files:
    with PYTHONDONTWRITEBYTECODE every run would compile asynccheck's modules again, ~40 ms)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def run_once(command: List[str], env: Optional[Dict[str, str]] = None) -> Run:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=err, env=env or child_env())
        # os.wait4 hands back this child's own rusage (RUSAGE_CHILDREN would add up every child so far)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({proc.returncode}):\n{stderr[-2000:]}")
    lines = stdout.strip().splitlines()
    inner = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else None
    return Run(wall, usage.ru_utime + usage.ru_stime, inner, stderr)


def asynccheck_command(python: str = sys.executable) -> List[str]:
    """`asynccheck` as a user runs it: the console script installed beside this Python (else `-m asynccheck`)."""
    script = Path(python).parent / "asynccheck"
    return [str(script)] if script.exists() else [python, "-m", "asynccheck"]


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


BLOCKBUSTER_RUNNER = r'''
import runpy, sys
from blockbuster import blockbuster_ctx
with blockbuster_ctx():
    sys.argv = sys.argv[1:]
    runpy.run_path(sys.argv[0], run_name="__main__")
'''


# `asynccheck run` with every detector but no watchdog thread (its start() made a no-op): what the thread's wake-ups
# cost the loop's thread, apart from the checks made on the loop's thread itself
NO_WATCHDOG_RUNNER = r'''
import sys
from asynccheck.runtime import watchdog
watchdog.Watchdog.start = lambda self: None
from asynccheck.cli import main
sys.exit(main())
'''


def variants(args: argparse.Namespace, program: str) -> Dict[str, List[str]]:
    """variant name -> command prefix; the workload's arguments follow it."""
    found = {"plain": [sys.executable, program]}
    if args.calibrate:
        found["plain-again"] = [sys.executable, program]  # the same command: what noise alone makes of a ratio
    found["asynccheck"] = [*asynccheck_command(), "run", program]
    if args.no_watchdog:
        found["asynccheck-no-watchdog"] = [sys.executable, "-c", NO_WATCHDOG_RUNNER, "run", program]
    if args.json:
        found["asynccheck-json"] = [*asynccheck_command(), "run", "--format", "json", program]
    if args.before:
        found["asynccheck-before"] = [*asynccheck_command(args.before), "run", program]
        if args.json:
            found["asynccheck-before-json"] = [*asynccheck_command(args.before), "run", "--format", "json", program]
    if args.compare:
        found["debug"] = [sys.executable, program]  # with PYTHONASYNCIODEBUG=1
        python = blockbuster_python()
        if python:
            found["blockbuster"] = [python, "-c", BLOCKBUSTER_RUNNER, program]
    return found


def instructions(commands: Dict[str, List[str]], startup: Dict[str, List[str]], chosen: List[str], loop: str,
                 sizes: Tuple[float, float]) -> int:
    """Instructions executed by the loop's thread (valgrind's callgrind): nearly deterministic, whatever the
    load. A workload's figure is the difference between two sizes of it, so start-up cancels out; start-up is
    an empty program's. The hash seed is fixed (set and dict orders move the collector's timing, and with it
    the counts by 2-4% between seeds). The watchdog thread is left out (under valgrind it samples far less per unit of work
    than in a real run, by an amount that depends on the load): its cost shows in CPU time."""
    if shutil.which("valgrind") is None:
        print("--instructions needs valgrind", file=sys.stderr)
        return 1

    def count(command: List[str]) -> int:
        """Instructions run by the main thread (the loop's): the watchdog's own are left out, since how often it
        samples under valgrind depends on the machine's load."""
        with tempfile.TemporaryDirectory() as out:
            proc = subprocess.run(["valgrind", "--tool=callgrind", "--separate-threads=yes",
                                   f"--callgrind-out-file={out}/cg", *command], capture_output=True, text=True,
                                  env=child_env(PYTHONHASHSEED="0"), timeout=3600)
            main_thread = Path(out, "cg-01")
            found = re.search(r"^totals:\s+(\d+)", main_thread.read_text(), re.M) if main_thread.exists() else None
        if proc.returncode != 0 or found is None:
            raise RuntimeError(f"{' '.join(command)} failed under valgrind:\n{proc.stderr[-2000:]}")
        return int(found.group(1))

    small, large = sizes
    print(f"Python {sys.version.split()[0]}, {loop} loop; millions of instructions (valgrind); a workload's "
          f"figure is scale {large} minus scale {small}")
    for prefix in commands.values():
        subprocess.run([*prefix, "empty", "0", loop], capture_output=True, env=child_env())  # .pyc files
    for command in startup.values():
        subprocess.run(command, capture_output=True, env=child_env())
    for workload in chosen:
        rows = {}
        if workload == "startup":
            rows = {name: count(command) for name, command in startup.items()}
        for name, prefix in commands.items() if workload != "startup" else ():
            if name not in ("debug", "blockbuster"):
                rows[name] = (count([*prefix, workload, str(large), loop]) -
                              count([*prefix, workload, str(small), loop]))
        base = next(iter(rows.values()))
        print(f"\n{workload}")
        for name, value in rows.items():
            relative = f"{value - base:+12,d}" if workload == "startup" else f"{value / base:8.3f}x"
            print(f"  {name:28}{value / 1e6:10.1f}M {relative}")
    return 0


def startup_commands(args: argparse.Namespace, empty: str) -> Dict[str, List[str]]:
    found = {"python -c 'import asyncio'": [sys.executable, "-c", "import asyncio"],
             "asynccheck run empty.py": [*asynccheck_command(), "run", empty]}
    if args.json:
        found["asynccheck run --format json empty.py"] = [*asynccheck_command(), "run", "--format", "json", empty]
    if args.before:
        found["asynccheck-before run empty.py"] = [*asynccheck_command(args.before), "run", empty]
    return found


def paired(runs: List[Run], base: List[Run], key: str) -> str:
    """The median of the ratios of runs made in the same round (each next to its plain run, so a slow spell of
    the machine lands on both), with the lowest and highest: what one pair can say."""
    ratios = sorted(getattr(r, key) / getattr(b, key) for r, b in zip(runs, base))
    middle = len(ratios) // 2
    median = ratios[middle] if len(ratios) % 2 else (ratios[middle - 1] + ratios[middle]) / 2
    return f"{median:6.3f}x ({ratios[0]:.2f}-{ratios[-1]:.2f})"


def describe(values: List[float]) -> str:
    best = min(values)
    return f"{best:7.3f} +{(max(values) / best - 1) * 100:3.0f}%"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="processes per variant and workload; the best counts")
    parser.add_argument("--scale", type=float, default=1.0, help="workload size (1.0: the sizes above)")
    parser.add_argument("--only", default=",".join((*WORKLOADS, "startup")),
                        help="comma-separated: tasks, queue_lock, tcp_echo, startup")
    parser.add_argument("--json", action="store_true", help="also `asynccheck run --format json`")
    parser.add_argument("--uvloop", action="store_true", help="run the workloads on uvloop's loop")
    parser.add_argument("--no-watchdog", action="store_true",
                        help="also `asynccheck run` without its watchdog thread (every other check on)")
    parser.add_argument("--compare", action="store_true", help="also asyncio debug mode and blockbuster")
    parser.add_argument("--calibrate", action="store_true",
                        help="also plain python a second time (plain-again): its ratios to plain are the noise floor")
    parser.add_argument("--before", metavar="PYTHON",
                        help="also the asynccheck installed with this Python (another checkout's venv), to compare")
    parser.add_argument("--instructions", action="store_true",
                        help="count instructions with valgrind instead of timing (deterministic on a loaded machine)")
    parser.add_argument("--sizes", default="0.02,0.06", metavar="SMALL,LARGE",
                        help="with --instructions: the two workload sizes whose difference is counted")
    parser.add_argument("--save", type=Path, help="write every measurement to this JSON file")
    args = parser.parse_args()
    chosen = [w.strip() for w in args.only.split(",") if w.strip()]
    loop = "uvloop" if args.uvloop else "asyncio"
    results: Dict[str, Dict[str, List[Run]]] = {}
    with tempfile.TemporaryDirectory(prefix="asynccheck-bench-") as tmp:
        program = os.path.join(tmp, "workload.py")
        Path(program).write_text(PROGRAM, encoding="utf-8")
        commands = variants(args, program)
        if args.instructions:
            empty = os.path.join(tmp, "empty.py")
            Path(empty).write_text("", encoding="utf-8")
            small, large = (float(x) for x in args.sizes.split(","))
            return instructions(commands, startup_commands(args, empty), chosen, loop, (small, large))
        for prefix in commands.values():  # untimed: writes .pyc files, fills the OS's file cache
            run_once([*prefix, "empty", "0", loop])
        for workload in (w for w in chosen if w in WORKLOADS):
            per = results.setdefault(workload, {})
            for round_ in range(args.runs):
                for name, prefix in commands.items():
                    if name == "debug" and round_:
                        continue  # at 10-20x plain, one run says enough
                    env = child_env(PYTHONASYNCIODEBUG="1") if name == "debug" else None
                    per.setdefault(name, []).append(run_once([*prefix, workload, str(args.scale), loop], env))
        if "startup" in chosen:
            empty = os.path.join(tmp, "empty.py")
            Path(empty).write_text("", encoding="utf-8")
            per = results.setdefault("startup", {})
            startup = startup_commands(args, empty)
            for _ in range(max(args.runs, 15)):
                for name, command in startup.items():
                    per.setdefault(name, []).append(run_once(command))

    print(f"Python {sys.version.split()[0]}, {loop} loop, scale {args.scale}, best of {args.runs} alternating "
          "processes (start-up: of 15 or more); seconds, +spread (slowest/best - 1)")
    for workload, per in results.items():
        base_name = next(iter(per))
        base = per[base_name]
        print(f"\n{workload}")
        paired_head = f"{'pairs wall':>22}{'pairs CPU':>22}" if workload != "startup" else ""
        print(f"  {'variant':28}{'wall':>14}{'CPU':>14}{'ratio wall':>12}{'ratio CPU':>11}{'in-loop CPU':>13}"
              + paired_head)
        for name, runs in per.items():
            walls, cpus = [r.wall for r in runs], [r.cpu for r in runs]
            inner = [r.inner["cpu"] for r in runs if r.inner]
            if workload == "startup":
                ratio = (f"{(min(walls) - min(r.wall for r in base)) * 1000:+10.1f}ms"
                         f"{(min(cpus) - min(r.cpu for r in base)) * 1000:+9.1f}ms")
            else:
                ratio = (f"{min(walls) / min(r.wall for r in base):11.3f}x"
                         f"{min(cpus) / min(r.cpu for r in base):10.3f}x")
            inner_text = f"{min(inner):13.3f}" if inner else f"{'':13}"
            pairs = (f"{paired(runs, base, 'wall'):>22}{paired(runs, base, 'cpu'):>22}"
                     if workload != "startup" and len(runs) == len(base) else "")
            print(f"  {name:28}{describe(walls):>14}{describe(cpus):>14}{ratio}{inner_text}{pairs}")
        if workload != "startup" and all(r.inner and "loop_cpu" in r.inner for runs in per.values() for r in runs):
            print("  the loop's thread inside the workload, best of each column, seconds (CPU: on a CPU; waiting: "
                  "runnable, no CPU free;\n  blocked: the rest of the wall time, waiting for the GIL or I/O; other "
                  "threads: CPU of the process's other threads;\n  switches: the loop's thread's voluntary context "
                  "switches, preempted: its involuntary ones)")
            print(f"  {'variant':28}{'wall':>8}{'CPU':>8}{'waiting':>9}{'blocked':>9}{'other thr':>10}"
                  f"{'switches':>10}{'preempted':>10}")
            for name, runs in per.items():
                inner = [r.inner for r in runs]
                print(f"  {name:28}{min(i['wall'] for i in inner):8.3f}{min(i['loop_cpu'] for i in inner):8.3f}"
                      f"{min(i['loop_cpu_wait'] for i in inner):9.3f}"
                      f"{min(i['wall'] - i['loop_cpu'] - i['loop_cpu_wait'] for i in inner):9.3f}"
                      f"{min(i['cpu'] - i['loop_cpu'] for i in inner):10.3f}"
                      f"{min(i['loop_switches'] for i in inner):10d}{min(i['loop_preempted'] for i in inner):10d}")
        reports = {r.stderr.strip() for name, runs in per.items() if name.startswith("asynccheck") for r in runs}
        reports.discard("")
        if reports and workload != "startup":
            shown = sorted(reports, key=len)[-1]
            print("  asynccheck's report: " + shown.replace("\n", "\n    ")[:600])
    if args.save:
        args.save.write_text(json.dumps({w: {n: [{"wall": r.wall, "cpu": r.cpu, "inner": r.inner} for r in runs]
                                             for n, runs in per.items()} for w, per in results.items()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
