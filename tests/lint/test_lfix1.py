"""Known faults of the linter fixed by shape: the sleep autofix, zmq sockets in threads, loop-scheduled tasks and
the advice given for a task made from a thread. Each beside the look-alikes that must keep their answer."""
from __future__ import annotations

import textwrap

import pytest

from asynccheck.lint import lint_source

from .helpers import ALL, check_marked
from .test_fix import fixed


# -- 1. `--fix` rewrites only sleeps that count seconds ----------------------------------------------------------
SECONDS = {
    "module": ("import time\n", "time.sleep(0.5)"),
    "module alias": ("import time as clock\n", "clock.sleep(0.5)"),
    "imported name": ("from time import sleep\n", "sleep(0.5)"),
    "imported alias": ("from time import sleep as snooze\n", "snooze(0.5)"),
}
OTHER_UNITS = {  # milliseconds, a frame rate, a redraw, a measurement: each keeps its finding, without a fix
    "sounddevice ms": ("import sounddevice as sd\n", "sd.sleep(500)"),
    "pygame wait ms": ("import pygame\n", "pygame.time.wait(500)"),
    "pygame delay ms": ("from pygame.time import delay\n", "delay(500)"),
    "pygame tick fps": ("import pygame\nclock = pygame.time.Clock()\n", "clock.tick(30)"),
    "pyplot pause": ("import matplotlib.pyplot as plt\n", "plt.pause(0.5)"),
    "psutil interval": ("import psutil\n", "psutil.cpu_percent(interval=0.5)"),
}


def _in_coroutine(imports: str, call: str) -> str:
    return f"{imports}\n\nasync def poll():\n    {call}\n"


@pytest.mark.parametrize("imports, call", SECONDS.values(), ids=list(SECONDS))
def test_the_sleep_fix_rewrites_a_time_sleep_however_it_is_imported(imports, call):
    after = fixed(_in_coroutine(imports, call))
    assert "await asyncio.sleep(0.5)" in after
    assert not [f for f in lint_source(after, "after.py", ALL).findings if f.code == "ACK101"]


@pytest.mark.parametrize("imports, call", OTHER_UNITS.values(), ids=list(OTHER_UNITS))
def test_a_sleep_in_other_units_or_with_side_effects_keeps_its_finding_and_gets_no_fix(imports, call):
    source = _in_coroutine(imports, call)
    assert [f for f in lint_source(source, "example.py", ALL).findings if f.code == "ACK101"], source
    assert fixed(source) == source


def test_a_helper_or_partial_around_time_sleep_is_not_rewritten():
    # the delay is written elsewhere: `pause()` has no argument that could become asyncio.sleep's
    source = textwrap.dedent('''
        import functools
        import time

        nap = functools.partial(time.sleep, 2)

        def pause():
            time.sleep(1)

        async def main():
            pause()
            nap()
    ''')
    assert "asyncio.sleep" not in fixed(source)
