"""What rheld48's blind held-out suites found: the objects the checker puts in place of blocking functions were
told apart by a program that looks at them.

`type(time.sleep).__name__` was "CheckedFunction" (a job runner's child printed it), `inspect.ismethoddescriptor`
said True of it, `time.sleep.__wrapped__` existed (`inspect.unwrap(time.sleep)` was another object), its
`__dict__` held its names (copied by `functools.wraps` onto every decorator of it), and `open` pickled as
`builtins.open` where python writes `io.open`. Now a stand-in's type is a subclass named as the original's type
(`builtin_function_or_method`, `function`, module `builtins`), with no `__get__` for a builtin's, and nothing of
the stand-in's own is an attribute of it (runtime/frameless.py)."""
import asyncio
import copy
import functools
import inspect
import io
import os
import pickle
import socket
import subprocess
import time

import asynccheck

FUNCTIONS = (time.sleep, open, input, os.read, socket.create_connection, socket.getaddrinfo, subprocess.run,
             asyncio.run, asyncio.sleep)


def _looks(functions):
    """What a program reads off each function: its type's names, inspect's answers, its attributes, pickle."""
    seen = []
    for fn in functions:
        kind = type(fn)
        wrapper = functools.wraps(fn)(lambda *a: None)
        seen.append((kind.__name__, kind.__qualname__, kind.__module__, str(kind), fn.__name__, fn.__qualname__,
                     fn.__module__, fn.__doc__, repr(fn), inspect.isbuiltin(fn), inspect.isfunction(fn),
                     inspect.ismethoddescriptor(fn), inspect.isroutine(fn), hasattr(fn, "__wrapped__"),
                     inspect.unwrap(fn) is fn, getattr(fn, "__dict__", "none"), sorted(vars(wrapper)),
                     pickle.dumps(fn), pickle.loads(pickle.dumps(fn)) is fn, copy.copy(fn) is fn,
                     copy.deepcopy(fn) is fn))
    return seen


def _set_attribute(fn):
    try:
        fn.asynccheck_test_mark = 1
    except AttributeError as e:
        return str(e)
    del fn.asynccheck_test_mark
    return "set"


def test_stand_ins_look_like_the_functions_they_replace():
    plain, plain_set = _looks(FUNCTIONS), [_set_attribute(fn) for fn in FUNCTIONS]
    with asynccheck.watch():
        now = (time.sleep, open, input, os.read, socket.create_connection, socket.getaddrinfo, subprocess.run,
               asyncio.run, asyncio.sleep)
        assert now[0] is not FUNCTIONS[0] and now[1] is not FUNCTIONS[1]  # (what this test is about: stand-ins)
        checked, checked_set = _looks(now), [_set_attribute(fn) for fn in now]
        assert io.open is open and type(time.sleep) is not type(FUNCTIONS[0])  # (type() itself still tells)
    assert checked == plain
    assert checked_set == plain_set


def test_a_python_function_stand_in_binds_and_keeps_the_functions_attributes():
    class Holder:
        sleep = time.sleep

    with asynccheck.watch():
        class Checked:
            sleep = time.sleep
            run = asyncio.run

        assert Checked.sleep is time.sleep and Checked().sleep is time.sleep  # a builtin does not bind
        bound = Checked().run
        assert inspect.ismethod(bound) and bound.__func__ is asyncio.run
        assert asyncio.run.__dict__ is vars(asyncio.runners.run)  # (the module's own object under the stand-in)
        checked_signature = inspect.signature(asyncio.run)
    assert checked_signature == inspect.signature(asyncio.runners.run)
    assert Holder.sleep is time.sleep


def _socket_looks(sock):
    seen = []
    for method in (socket.socket.recv, socket.socket.sendall, socket.socket.connect):
        seen.append((type(method).__name__, type(method).__module__, method.__name__, method.__qualname__,
                     getattr(method, "__module__", None), method.__doc__, repr(method), inspect.ismethoddescriptor(method),
                     inspect.isroutine(method), pickle.dumps(method), pickle.loads(pickle.dumps(method)) == method,
                     copy.copy(method) is method, copy.deepcopy(method) is method))
    for bound in (sock.recv, sock.send, sock.sendall):
        seen.append((type(bound).__name__, type(bound).__module__, bound.__name__, bound.__qualname__,
                     bound.__self__ is sock, inspect.isbuiltin(bound), inspect.ismethod(bound), bound == bound,
                     repr(bound).split(" object at ")[0]))
    return seen


def test_socket_methods_look_like_socket_methods_and_still_report():
    """socket.socket's C methods (recv, sendall...) were replaced by Python functions: `socket.socket.recv`
    could not be pickled ("attribute lookup recv on asynccheck.runtime.blocking failed"), and `sock.recv` was a
    bound method, not a builtin."""
    a, b = socket.socketpair()
    with a, b:
        plain = _socket_looks(a)
        with asynccheck.watch() as session:
            assert "recv" in vars(socket.socket)  # (what this test is about: the stand-ins are in place)
            checked = _socket_looks(a)

            async def blocking_recv():
                b.sendall(b"x")
                return a.recv(1)  # a blocking socket, read on the loop's thread

            assert asyncio.run(blocking_recv()) == b"x"
        assert checked == plain
        assert [f.code for f in session.findings] == ["ACK105", "ACK105"]  # the sendall and the recv


def test_a_tracer_of_the_programs_sees_no_frame_of_the_checker():
    """A coverage tool of the program's own (sys.settrace, threading.settrace) listed twenty of asynccheck's
    modules among the files it saw: the stand-ins' slots, the import finder, the task tracker's checks."""
    import sys
    import threading

    files = set()

    def tracer(frame, event, arg):
        files.add(frame.f_code.co_filename)
        return tracer

    async def main():
        await asyncio.sleep(0)
        await asyncio.gather(asyncio.to_thread(time.sleep, 0), asyncio.create_task(asyncio.sleep(0)))

    with asynccheck.watch():
        threading.settrace(tracer)
        sys.settrace(tracer)
        try:
            assert sys.gettrace() is tracer
            time.sleep(0)
            asyncio.run(main())
        finally:
            sys.settrace(None)
            threading.settrace(None)
    ours = os.path.dirname(asynccheck.__file__) + os.sep
    assert files and not [f for f in files if f.startswith(ours)]
    assert any(f == asyncio.tasks.__file__ for f in files)  # (asyncio's frames still are the tracer's)
