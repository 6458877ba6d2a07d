"""What rheld53-robust's blind runs found the checker changing in what a program sees of itself. A program's
audit hook saw the checker compile a module with checked call sites (up to 3.11: a second `compile` event, its
file None, and `marshal.dumps` of the code kept in the checker's cache) where python compiles the source once;
`copy.copy(task)` and `pickle.dumps(task)` of a task the program made refused it as a 'Task' where python says
'_asyncio.Task'; `Thread.__init__`, `Timer.__init__` and `BaseEventLoop.create_task`, wrapped, read as
asynccheck's module (the first two then failed to pickle: "attribute lookup Thread.__init__ on
asynccheck.runtime.handed_futures failed") or without python's docstring."""
import asyncio
import copy
import importlib
import pickle
import socket
import sys
import threading

import asynccheck

_RECORDING = []  # [thread ident] while a test records audit events
_EVENTS = []
_HOOKED = []


def _audit(event, args):
    if _RECORDING and threading.get_ident() == _RECORDING[0] and event.startswith(("compile", "marshal.")):
        _EVENTS.append((event, args[1] if event == "compile" else None))


def _hook_once():
    if not _HOOKED:  # (for good: audit hooks cannot be removed; it records only while a test asks)
        sys.addaudithook(_audit)
        _HOOKED.append(True)


def _import_events(folder, name, body):
    (folder / f"{name}.py").write_text(body)
    importlib.invalidate_caches()
    sys.path.insert(0, str(folder))
    writes = sys.dont_write_bytecode
    sys.dont_write_bytecode = True
    _EVENTS.clear()
    _RECORDING.append(threading.get_ident())
    try:
        module = importlib.import_module(name)
    finally:
        _RECORDING.clear()
        sys.dont_write_bytecode = writes
        sys.path.remove(str(folder))
        sys.modules.pop(name, None)
    return module, list(_EVENTS)


def test_audit_hook_sees_one_compile_of_a_checked_module(tmp_path):
    body = "def finish(fut):\n    fut.set_result('ok')\n    return fut\n"
    with asynccheck.watch(select=["ACK401", "ACK402"]):
        _hook_once()
        module, events = _import_events(tmp_path, "rheld53_checked_sites", body)
        loop = asyncio.new_event_loop()
        try:
            assert module.finish(loop.create_future()).result() == "ok"
        finally:
            loop.close()
    path = str(tmp_path / "rheld53_checked_sites.py")
    assert events == [("compile", path)]


def test_audit_hook_sees_a_plain_modules_compile(tmp_path):
    with asynccheck.watch(select=["ACK401", "ACK402"]):
        _hook_once()
        _, events = _import_events(tmp_path, "rheld53_plain_sites", "def finish(box):\n    return box\n")
    assert events == [("compile", str(tmp_path / "rheld53_plain_sites.py"))]


async def _refusals():
    task = asyncio.ensure_future(asyncio.sleep(0))
    said = []
    for attempt in (copy.copy, copy.deepcopy, *(lambda t, p=p: pickle.dumps(t, protocol=p) for p in range(6))):
        try:
            attempt(task)
        except TypeError as exc:
            said.append(str(exc))
    await task
    return said, type(task)


def test_program_task_refuses_pickling_in_pythons_words():
    plain, plain_kind = asyncio.run(_refusals())
    with asynccheck.watch(select=["ACK401"]):
        checked, checked_kind = asyncio.run(_refusals())
    assert checked_kind is not plain_kind and issubclass(checked_kind, plain_kind)  # (the checker's subclass)
    assert checked == plain and len(plain) == 8


def test_wrapped_methods_keep_their_module_and_doc():
    shown = {}
    for label, get in (("init", lambda: threading.Thread.__init__), ("timer", lambda: threading.Timer.__init__),
                       ("create_task", lambda: asyncio.BaseEventLoop.create_task),
                       ("ensure_future", lambda: asyncio.ensure_future)):
        shown[label] = (get().__module__, get().__qualname__, get().__doc__)
    with asynccheck.watch():
        for label, get in (("init", lambda: threading.Thread.__init__), ("timer", lambda: threading.Timer.__init__),
                           ("create_task", lambda: asyncio.BaseEventLoop.create_task)):
            assert get() is not getattr(get(), "__wrapped__", None)
            assert (get().__module__, get().__qualname__, get().__doc__) == shown[label], label
        assert asyncio.ensure_future.__doc__ == shown["ensure_future"][2]
        for method in (threading.Thread.__init__, threading.Timer.__init__, asyncio.BaseEventLoop.create_task):
            assert pickle.loads(pickle.dumps(method)) is method  # (found by module and name, as python's is)
    for label, get in (("init", lambda: threading.Thread.__init__), ("timer", lambda: threading.Timer.__init__)):
        assert (get().__module__, get().__qualname__, get().__doc__) == shown[label]


def test_methods_put_on_classes_pickle_as_pythons():
    methods = [socket.socket.setblocking, socket.socket.settimeout]
    plain = [pickle.loads(pickle.dumps(m)) == m for m in methods]
    with asynccheck.watch():
        checked = [(getattr(socket.socket, name), pickle.loads(pickle.dumps(getattr(socket.socket, name))))
                   for name in ("setblocking", "settimeout")]
        assert all(loaded is method for method, loaded in checked)
        assert all(method.__module__ == "socket" for method, _ in checked)
    assert plain == [True, True]
