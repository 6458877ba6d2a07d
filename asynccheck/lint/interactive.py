"""What the linter knows about the libraries of interactive programs: pygame's clock and waits, matplotlib's
pyplot pause, and prompt_toolkit's prompts.

A game's frame limiter and a live plot's refresh both sleep on the calling thread: `clock.tick(60)` waits out
what is left of the frame (SDL_Delay; `tick_busy_loop` spins instead), `plt.pause(0.2)` runs the GUI's event
loop for that long (or sleeps, with no figure shown). A prompt_toolkit prompt waits for the user at the terminal;
its `prompt_async()` is the coroutine to await instead. knowledge.py merges these tables into its own; the names
follow its conventions (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

PYGAME_CLOCK = "pygame.time.Clock"
PROMPT_SESSION = "prompt_toolkit.PromptSession"

CANONICAL: Dict[str, str] = {
    "prompt_toolkit.shortcuts.PromptSession": PROMPT_SESSION,
    "prompt_toolkit.shortcuts.prompt.PromptSession": PROMPT_SESSION,
}
RETURNS: Dict[str, str] = {PYGAME_CLOCK: PYGAME_CLOCK, PROMPT_SESSION: PROMPT_SESSION}

BLOCKING_FUNCTIONS: Dict[str, str] = {
    # `wait` sleeps, `delay` spins on the processor: both hold the thread for the milliseconds asked
    "pygame.time.wait": "ACK101", "pygame.time.delay": "ACK101",
    # runs the figure's GUI event loop for the interval (a plain sleep when no figure is shown)
    "matplotlib.pyplot.pause": "ACK101",
    # the shortcut functions make a session and wait for its answer
    **{f"prompt_toolkit.{where}prompt": "ACK107" for where in ("", "shortcuts.", "shortcuts.prompt.")},
    **{f"prompt_toolkit.{where}confirm": "ACK107" for where in ("shortcuts.", "shortcuts.prompt.")},
    **{f"prompt_toolkit.{where}choice": "ACK107" for where in ("", "shortcuts.", "shortcuts.choice_input.")},
}
BLOCKING_METHODS: Tuple[Tuple[Tuple[str, ...], str, str], ...] = (
    ((PYGAME_CLOCK,), "ACK101", "tick tick_busy_loop"),
    # (with `in_thread=True` the prompt runs on a thread of its own, and the caller still waits for it)
    ((PROMPT_SESSION,), "ACK107", "prompt"),
)
# a clock ticked without a frame rate (or with 0) only measures the time since the last tick
NON_BLOCKING_ARGS: Dict[str, Tuple[Tuple[Tuple[int, str, str], ...], ...]] = {
    f"{PYGAME_CLOCK}.{m}": (((0, "framerate", "false_or_absent"),),) for m in ("tick", "tick_busy_loop")
}
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset({f"{PROMPT_SESSION}.prompt_async"})
