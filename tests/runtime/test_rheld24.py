"""What rheld24's held-out suite found: a task ended by `sys.exit()` made a false ACK303, and tracebacks of
exceptions that left the loop or the program (a `KeyboardInterrupt` from a callback logged by the program, a
`sys.exit()` in a task logged as never retrieved at exit, a kept SystemExit read by an `atexit` hook) showed the
checker's frames. Each output case runs the same program under python and under `asynccheck run`, on asyncio's
loop and on uvloop's, and compares exit status, stdout and stderr."""
import json

import pytest

from tests.runtime.both_loops import LOOPS, PREAMBLE, run_program
from tests.runtime.test_programs import python

PROGRAMS = {
    # a fatal job ends the service from inside its task: asyncio stores the SystemExit in the task, re-raises it
    # out of the loop, and logs the task at exit as never retrieved (with the traceback python leaves on it)
    "sys_exit_in_task": """
        import asyncio

        async def fatal_job():
            await asyncio.sleep(0.01)
            print("fatal: disk quota exceeded", file=sys.stderr)
            sys.exit(3)

        async def main():
            job = asyncio.ensure_future(fatal_job())
            await asyncio.sleep(1)
            print("not reached", job)

        asyncio.run(main())
        """,
    # Ctrl-C arrives in a callback while the program runs the loop itself, and the program logs it
    "interrupt_logged_by_program": """
        import asyncio, logging, traceback

        logging.basicConfig(format="%(levelname)s %(message)s")

        def interrupt():
            raise KeyboardInterrupt

        async def tick():
            await asyncio.sleep(0.01)
            asyncio.get_running_loop().call_soon(interrupt)

        loop = asyncio.new_event_loop()
        task = loop.create_task(tick())
        try:
            loop.run_forever()
        except KeyboardInterrupt:
            logging.exception("interrupted")
            traceback.print_exc(file=sys.stdout)
            print(len(traceback.extract_tb(sys.exc_info()[2])))
        finally:
            loop.close()
        """,
    # the exit's SystemExit, kept by the program and read by its atexit hook: the frames python left on it
    "kept_system_exit_read_at_exit": """
        import asyncio, atexit, traceback

        kept = []

        async def main():
            await asyncio.sleep(0)
            exc = SystemExit(4)
            kept.append(exc)
            try:
                raise exc
            finally:
                print("leaving main")

        atexit.register(lambda: print("at exit:", [f.name for f in traceback.extract_tb(kept[0].__traceback__)]))
        asyncio.run(main())
        """,
}


@pytest.mark.parametrize("loop", LOOPS)
@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_the_program_prints_what_python_prints(tmp_path, name, loop):
    plain = run_program(tmp_path, PROGRAMS, name, loop, checked=False)
    checked = run_program(tmp_path, PROGRAMS, name, loop, checked=True)
    assert (plain.returncode != 0) == (name != "interrupt_logged_by_program"), plain.stderr
    assert (checked.returncode, checked.stdout, checked.stderr) == (plain.returncode, plain.stdout, plain.stderr)
    assert "asynccheck" not in checked.stdout + checked.stderr
    assert "Traceback" in plain.stdout + plain.stderr or name == "kept_system_exit_read_at_exit"
    report = (tmp_path / "report.txt").read_text()
    assert "ACK" not in report, report


# a task's exception nobody retrieves is ACK303 when asyncio stored it and went on; not when asyncio re-raised it
# out of the loop after storing it (SystemExit, KeyboardInterrupt), which ended the program
FAILED_TASKS = """
import asyncio, gc

class Abort(BaseException):
    pass

async def job(exc):
    await asyncio.sleep(0)
    raise exc

async def main():
    kept = [asyncio.ensure_future(job(exc)) for exc in {excs}]
    await asyncio.sleep(0.02)
    del kept
    gc.collect()
    await asyncio.sleep(1)

asyncio.run(main())
"""


@pytest.mark.parametrize("loop", LOOPS)
@pytest.mark.parametrize("excs, expected", [
    ("[SystemExit(2)]", []),
    ("[KeyboardInterrupt()]", []),
    ("[Abort()]", [("ACK303", 12)]),  # stored by the task, and nothing else sees it: it vanished
    ("[RuntimeError('x')]", [("ACK303", 12)]),
])
def test_a_task_ended_by_an_exit_is_no_lost_exception(tmp_path, loop, excs, expected):
    program = tmp_path / "program.py"
    program.write_text(PREAMBLE + FAILED_TASKS.format(excs=excs))
    report = tmp_path / "report.json"
    checked = python("-m", "asynccheck", "run", "--format", "json", "--output", str(report), str(program), loop,
                     cwd=tmp_path)
    plain = python(str(program), loop, cwd=tmp_path)
    assert checked.returncode == plain.returncode, checked.stderr
    lines = PREAMBLE.count("\n")
    found = sorted((f["code"], f["line"] - lines) for f in json.loads(report.read_text())["findings"])
    assert found == expected


# a job's result() read on the loop's thread waits for the worker, unless the coroutine already waited for the
# job through the loop: asyncio copied its outcome into a future of the loop's, which the coroutine awaited
JOB_RESULTS = """
import asyncio, concurrent.futures, time

def work(x):
    time.sleep(0.01)
    return x * 2

async def main():
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        job = pool.submit(work, 1)
        await asyncio.wrap_future(job)
        print(job.result())
        jobs = [pool.submit(work, i) for i in range(3)]
        await asyncio.wait([asyncio.wrap_future(j) for j in jobs])
        print([j.result() for j in jobs], jobs[0].exception())
        early = pool.submit(work, 2)
        wrapped = asyncio.wrap_future(early)
        print(early.result())  # read before the loop was told: waits for the worker
        await wrapped
        plain = pool.submit(work, 3)
        print(plain.result())  # never handed to the loop: waits

asyncio.run(main())
"""


@pytest.mark.parametrize("loop", LOOPS)
def test_a_job_awaited_through_the_loop_has_a_result_that_cannot_wait(tmp_path, loop):
    program = tmp_path / "program.py"
    program.write_text(PREAMBLE + JOB_RESULTS)
    report = tmp_path / "report.json"
    checked = python("-m", "asynccheck", "run", "--format", "json", "--output", str(report), str(program), loop,
                     cwd=tmp_path)
    plain = python(str(program), loop, cwd=tmp_path)
    assert (checked.returncode, checked.stdout) == (plain.returncode, plain.stdout), checked.stderr
    lines = PREAMBLE.count("\n")
    found = sorted((f["code"], f["line"] - lines) for f in json.loads(report.read_text())["findings"])
    assert found == [("ACK106", 18), ("ACK106", 21)]
