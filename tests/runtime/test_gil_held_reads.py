"""The watchdog's schedstat reads keep the GIL (gil_held_reads.py): they must read what os.pread reads, fail as it
fails (a thread that ended: its file is gone), and fall back to os.pread where the C library's cannot be called."""
import os
import sys

import pytest

from asynccheck.runtime import gil_held_reads

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="schedstat is Linux's")


def _open(path):
    return os.open(path, os.O_RDONLY)


def test_reads_what_os_pread_reads():
    fd = _open("/proc/self/stat")  # (its first fields never move: pid, name, state)
    try:
        held = gil_held_reads.pread_small(fd)
        plain = os.pread(fd, gil_held_reads.SIZE, 0)
    finally:
        os.close(fd)
    assert held.split()[:3] == plain.split()[:3]
    assert gil_held_reads._pread is not gil_held_reads._os_pread  # (the GIL-keeping read, not the fallback)


def test_schedstat_reads_as_three_numbers():
    fd = _open("/proc/thread-self/schedstat")
    try:
        fields = gil_held_reads.pread_small(fd).split()
    finally:
        os.close(fd)
    assert len(fields) == 3 and all(int(field) >= 0 for field in fields)


def test_a_closed_descriptor_fails_as_os_pread_does():
    fd = _open("/proc/thread-self/schedstat")
    os.close(fd)
    with pytest.raises(OSError):
        gil_held_reads.pread_small(fd)


def test_falls_back_to_os_pread_when_the_answers_differ():
    fd = _open("/proc/thread-self/schedstat")
    try:
        assert gil_held_reads._checked(lambda fd: b"1 2", fd) is gil_held_reads._os_pread
        assert gil_held_reads._checked(lambda fd: b"", fd) is gil_held_reads._os_pread
    finally:
        os.close(fd)
