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

# ACK103 by what the path is, where it is not a file on a disk (by a literal path or a device's API): what the call
# waits for, and what to do instead (the file-system words and advice are the rule's own)
SERIAL_PORT, DEVICE, FIFO, KERNEL_FILE = "serial port", "device", "fifo", "kernel file"
CAMERA, AUDIO = "camera", "audio"
PATH_WHAT = {
    SERIAL_PORT: ("waits for a serial port on the event loop's thread: a read until bytes arrive (or the timeout), "
                  "a write until the device takes them"),
    DEVICE: "does I/O on a device file on the event loop's thread: how long it waits is up to the device",
    CAMERA: ("waits for the capture's next frame on the event loop's thread (a camera's, or a stream's next "
             "packet)"),
    AUDIO: ("waits for the audio device on the event loop's thread: a read until it has recorded the frames asked "
            "for, a write until its buffer has room"),
    FIFO: ("uses a named pipe (FIFO) on the event loop's thread: it waits for the process at the other end (an "
           "open until that end opens it too, a read until it writes)"),
    KERNEL_FILE: ("reads or writes a file the kernel makes up (`/proc`, `/sys`) on the event loop's thread: no "
                  "disk is involved, but the kernel does the work during the call"),
}
PATH_ADVICE = {
    SERIAL_PORT: "use `serial_asyncio` (pyserial-asyncio) or `await asyncio.to_thread(...)`",
    DEVICE: ("open it with `os.O_NONBLOCK` and let the loop watch the descriptor (`loop.add_reader(...)`), or "
             "`await asyncio.to_thread(...)`"),
    CAMERA: "read frames with `await asyncio.to_thread(...)`, or on a thread of their own",
    AUDIO: ("give the stream a callback (PortAudio's thread runs it: hand data to the loop with "
            "`loop.call_soon_threadsafe(...)`), or `await asyncio.to_thread(...)`"),
    FIFO: ("open it with `os.O_NONBLOCK` and let the loop watch it (`loop.connect_read_pipe(...)`), or "
           "`await asyncio.to_thread(...)`"),
}

# ACK302 for a task whose coroutine something beyond the program holds until it is done: dropping its handle loses
# its outcome, not its work (the worker thread's job holds the future the task waits on; a sleep's timer, its own)
HELD_BY_WORKER = "the worker thread running its function"
HELD_BY_TIMER = "the loop's timer"
HELD_UNTIL_DONE = ("{holder} holds it until it is done, so it is not garbage-collected and its work runs to the end, "
                   "but no code of yours waits for it or retrieves its exception (at most the loop logs it)")
