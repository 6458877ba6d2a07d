"""A blocking call made inside a library is named by the call the program made, as the program wrote it: the
library's public name (the package that exports it), and a generator by the call that returned it."""
import asyncio
import concurrent.futures as cf
import sys
import time

import pytest

import asynccheck


def _slow(x):
    time.sleep(0.01)
    return x


@pytest.mark.skipif(sys.version_info < (3, 11), reason="before 3.11 a code object knows no qualified name")
def test_library_calls_are_named_by_their_public_names():
    async def main():
        pool = cf.ThreadPoolExecutor(2)
        futures = [pool.submit(_slow, i) for i in range(2)]
        cf.wait(futures)  # made in concurrent.futures._base
        assert list(pool.map(_slow, range(2))) == [0, 1]  # a generator of concurrent.futures._base
        pool.shutdown()  # a method of concurrent.futures.thread

    with asynccheck.watch() as session:
        asyncio.run(main())
    named = {f.message.split("`")[1] for f in session.findings if f.code == "ACK106"}
    assert named == {"concurrent.futures.wait()", "concurrent.futures.Executor.map()",
                     "concurrent.futures.ThreadPoolExecutor.shutdown()"}, named
