"""A third-party suite for test_stdlib_matrix.py, run with and without the asynccheck plugin (not a test of the
project: its name keeps pytest from collecting it)."""
import asyncio
import os

import stdlib_mix


def test_threads():
    stdlib_mix.threads_and_sync()


def test_processes():
    stdlib_mix.processes(os.environ["MIX_START_METHOD"])


def test_loop():
    asyncio.run(stdlib_mix.in_the_loop())


def test_exit_from_thread():
    stdlib_mix.exit_from_thread()
