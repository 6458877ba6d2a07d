"""The recompiled asyncio methods kept on disk (runtime/code_cache.py): a run that finds them compiles nothing,
gets the same code, and a cache that is corrupt, stale or cannot be written changes nothing but the time."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from asynccheck.runtime import threads
from asynccheck.runtime.code_cache import MISSING, CodeCache
from asynccheck.runtime.frames import FrameFilter
from asynccheck.runtime.patches import Patches
from asynccheck.runtime.recorder import Recorder

CHECKED = ((asyncio.Queue, "put_nowait"), (asyncio.Queue, "get"), (asyncio.Queue, "get_nowait"),
           (asyncio.Event, "set"), (asyncio.Lock, "release"), (asyncio.Condition, "notify_all"))


def installed_code(monkeypatch: pytest.MonkeyPatch, folder: Path, compile_allowed: bool = True) -> dict:
    """The code of each checked method after one installation of the foreign-thread checks (and ACK501's) with
    the cache in ``folder``; compiling from source fails the test unless ``compile_allowed``."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    if not compile_allowed:
        def refuse(*args: object) -> None:
            raise AssertionError("compiled from source although the cache has it")

        monkeypatch.setattr(threads, "_edited_code", refuse)
    patches = Patches()
    recorder = Recorder(frozenset({"ACK401", "ACK501"}), FrameFilter())
    threads.ForeignObjects(recorder, lambda queue: None, 10).install(patches)
    try:
        return {(cls, name): cls.__dict__[name].__code__ for cls, name in CHECKED}
    finally:
        patches.undo()
        monkeypatch.undo()


def _lines(code: object) -> bytes:
    return getattr(code, "co_linetable", None) or code.co_lnotab  # type: ignore[attr-defined]  # (3.9)


def cache_files(folder: Path) -> list:
    return sorted((folder / "asynccheck" / "runtime").glob("recompiled-*"))


def test_a_second_installation_loads_the_same_code(monkeypatch, tmp_path):
    first = installed_code(monkeypatch, tmp_path)
    assert len(cache_files(tmp_path)) == 1
    again = installed_code(monkeypatch, tmp_path, compile_allowed=False)
    for key, code in first.items():
        assert again[key] == code and _lines(again[key]) == _lines(code), key
    assert again[asyncio.Queue, "put_nowait"] is not asyncio.Queue.put_nowait.__code__  # (recompiled on 3.9 too)


def test_a_corrupt_cache_is_compiled_again_and_replaced(monkeypatch, tmp_path):
    expected = installed_code(monkeypatch, tmp_path)
    (path,) = cache_files(tmp_path)
    for damaged in (b"", b"\x00garbage", path.read_bytes()[:100]):
        path.write_bytes(damaged)
        assert installed_code(monkeypatch, tmp_path) == expected
        assert path.read_bytes() not in (b"", b"\x00garbage") and len(path.read_bytes()) > 100


def test_an_unwritable_cache_folder_changes_nothing(monkeypatch, tmp_path):
    expected = installed_code(monkeypatch, tmp_path / "usable")
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")  # (permissions would not stop root: a file where the folder should be)
    assert installed_code(monkeypatch, blocked) == expected
    assert blocked.read_text() == "not a folder"
    refused = CodeCache(threads.SOURCES, folder=str(tmp_path / "nul\0byte"))  # a path the system refuses
    refused.put("key", asyncio.Queue.put_nowait.__code__, None)
    refused.save()
    assert refused.get("key", asyncio.Queue.put_nowait.__code__) is None  # (what this run made, kept in memory)


def test_an_entry_made_from_other_code_is_not_used(monkeypatch, tmp_path):
    """A method replaced before the checker starts has the same name but not the same code: not the cached one."""
    cache = CodeCache(threads.SOURCES, folder=str(tmp_path))
    made = compile("def put_nowait(self, item):\n    return item\n", "x.py", "exec").co_consts[0]
    cache.put("asyncio.queues.Queue.put_nowait: v", asyncio.Queue.put_nowait.__code__, made)
    cache.save()
    loaded = CodeCache(threads.SOURCES, folder=str(tmp_path))
    assert loaded.get("asyncio.queues.Queue.put_nowait: v", asyncio.Queue.put_nowait.__code__) == made
    assert loaded.get("asyncio.queues.Queue.put_nowait: v", asyncio.Queue.get_nowait.__code__) is MISSING
    assert loaded.get("asyncio.queues.Queue.put_nowait: other", asyncio.Queue.put_nowait.__code__) is MISSING
    # other sources (an edit of threads.py, another asyncio): another file
    edited = tmp_path / "threads.py"
    edited.write_text(Path(threads.__file__).read_text() + "\n# edited\n")
    other = CodeCache((str(edited), *threads.SOURCES[1:]), folder=str(tmp_path))
    assert other.path != loaded.path and other.entries == {}
    assert CodeCache((*threads.SOURCES, str(tmp_path / "missing.py")), folder=str(tmp_path)).path is None


PROGRAM = textwrap.dedent("""\
    import asyncio, threading

    def feed(queue):
        queue.put_nowait(1)

    async def main():
        queue = asyncio.Queue()
        try:
            await asyncio.wait_for(queue.get(), 0.01)  # (a queue is bound to its loop when it first waits)
        except asyncio.TimeoutError:
            pass
        thread = threading.Thread(target=feed, args=(queue,))
        thread.start()
        thread.join()
        print("got", queue.get_nowait())

    asyncio.run(main())
    """)


def test_programs_are_checked_alike_with_and_without_the_cache(tmp_path):
    program = tmp_path / "app.py"
    program.write_text(PROGRAM)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-m", "asynccheck", "run", "--select", "ACK401", str(program)],
                           capture_output=True, text=True, env=env, timeout=120) for _ in range(2)]
    assert len(cache_files(tmp_path / "cache")) == 1
    for run in runs:
        assert run.stdout == "got 1\n" and run.returncode == 0
        assert "ACK401" in run.stderr and f"{program}:4" in run.stderr


# -- the program's modules compiled with their call sites checked (runtime/site_calls.py) ---------------------------

SITES = b"def resolve(fut, value):\n    fut.set_result(value)\n"


def site_compiled(monkeypatch: pytest.MonkeyPatch, folder: Path, source: bytes, path: str,
                  parse_allowed: bool = True) -> object:
    """What site_calls compiles for ``source`` at ``path`` with the cache in ``folder``; parsing fails the test
    unless ``parse_allowed``."""
    from asynccheck.runtime import site_calls

    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    if not parse_allowed:
        def refuse(*args: object, **kwargs: object) -> None:
            raise AssertionError("parsed although the cache has it")

        monkeypatch.setattr(site_calls.ast, "parse", refuse)
    try:
        return site_calls.SiteCalls(Recorder(frozenset({"ACK401"}), FrameFilter())).compiled(source, path)
    finally:
        monkeypatch.undo()


def checked_files(folder: Path) -> list:
    return sorted((folder / "asynccheck" / "runtime").glob("checked-*"))


def test_a_checked_module_is_parsed_once_per_content(monkeypatch, tmp_path):
    path = str(tmp_path / "helper.py")
    first = site_compiled(monkeypatch, tmp_path, SITES, path)
    from asynccheck.runtime.site_calls import CHECK_NAME

    assert first is not None and [CHECK_NAME in const.co_names for const in first.co_consts
                                  if hasattr(const, "co_names")] == [True]
    assert len(checked_files(tmp_path)) == 1
    again = site_compiled(monkeypatch, tmp_path, SITES, path, parse_allowed=False)
    assert again == first and again.co_filename == path
    # an edited module, or the same text at another path, is compiled again
    edited = SITES.replace(b"value)", b"value + 1)")
    with pytest.raises(AssertionError, match="parsed although"):
        site_compiled(monkeypatch, tmp_path, edited, path, parse_allowed=False)
    with pytest.raises(AssertionError, match="parsed although"):
        site_compiled(monkeypatch, tmp_path, SITES, str(tmp_path / "other.py"), parse_allowed=False)
    # a module whose only match is in a string has nothing to check, and that is remembered too
    quoted = b"HELP = 'call fut.cancel() to stop'\n"
    assert site_compiled(monkeypatch, tmp_path, quoted, path) is None
    assert site_compiled(monkeypatch, tmp_path, quoted, path, parse_allowed=False) is None


def test_a_damaged_or_unwritable_module_cache_changes_nothing(monkeypatch, tmp_path):
    path = str(tmp_path / "helper.py")
    expected = site_compiled(monkeypatch, tmp_path, SITES, path)
    (cached,) = checked_files(tmp_path)
    for damaged in (b"", b"\x00garbage", cached.read_bytes()[:20]):
        cached.write_bytes(damaged)
        assert site_compiled(monkeypatch, tmp_path, SITES, path) == expected
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert site_compiled(monkeypatch, blocked, SITES, path) == expected
    assert blocked.read_text() == "not a folder"
    # a module that does not parse is the program's own error, raised by its own compile: nothing is cached
    assert site_compiled(monkeypatch, tmp_path / "fresh", b"x.cancel(\n", path) is None
    assert checked_files(tmp_path / "fresh") == []


def test_whether_a_lock_is_unbound_without_waiters_is_read_from_the_cache(monkeypatch, tmp_path):
    """Parsing asyncio.locks to tell it cost every start-up ~40M instructions: the second run reads the answer,
    and it is the answer the source gives."""
    classes = (asyncio.Lock, asyncio.Semaphore, asyncio.BoundedSemaphore, asyncio.Queue)
    from_source = {cls: threads._unbound_without_waiters(cls) for cls in classes}
    monkeypatch.setattr(threads, "_UNBOUND_ANSWERS", {})
    installed_code(monkeypatch, tmp_path)  # (fills the cache; undoes its own monkeypatching)

    def refuse(cls: type) -> bool:
        raise AssertionError(f"asyncio.locks parsed again for {cls.__name__}")

    monkeypatch.setattr(threads, "_UNBOUND_ANSWERS", {})
    monkeypatch.setattr(threads, "_unbound_without_waiters", refuse)
    cache = CodeCache(threads.SOURCES, folder=str(tmp_path / "asynccheck" / "runtime"))
    for cls in (asyncio.Lock, asyncio.Semaphore):
        assert threads.unbound_without_waiters(cls, cache) is from_source[cls], cls
    assert threads.unbound_without_waiters(asyncio.Queue, cache) is False  # (not a class of asyncio.locks)
    assert threads.unbound_without_waiters(type("Mine", (asyncio.Lock,), {}), cache) is False
