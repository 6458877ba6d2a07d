"""Words both engines use for the same finding, so that the linter and the runtime checker say the same thing
(the runtime imports no part of the linter)."""
from __future__ import annotations

# Holding a re-entrant lock (owned by the thread, which all the loop's tasks share) across an await
REENTRANT_HELD = ("it is re-entrant, so the loop's other tasks take it too while the holder is suspended (it keeps "
                  "nothing out between them) and other threads that take it wait until the holder resumes")

# `select.select()` and the poll objects wait for descriptors (a socket, a pipe), not for another thread
SELECT_WAIT = "waits on the event loop's thread until a socket, pipe or other file descriptor is ready"
SELECT_ADVICE = ("let the loop watch the descriptor (`loop.add_reader(...)`, `loop.sock_recv(...)`, asyncio "
                 "streams), or `await asyncio.to_thread(...)`")
# `signal.pause()` and the `sigwait` family wait for a signal, whoever sends it
SIGNAL_WAIT = "waits for a signal on the event loop's thread"
SIGNAL_ADVICE = "let the loop take the signal: `loop.add_signal_handler(...)` setting an `asyncio.Event` you await"
