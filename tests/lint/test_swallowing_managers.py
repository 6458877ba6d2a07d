"""ACK601/602 where an `async with` of a project class whose `__aexit__` returns True for a cancelled block (the
definition is reported on its own) wraps an await: the body's cancellation stops there, as under
`suppress(CancelledError)`. The class may be another module's. Look-alikes: a manager that suppresses only
`Exception`s, one that returns False, a library's manager, and the cancel-then-wait idiom."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_an_async_with_of_a_swallowing_manager():
    check_marked('''
        import asyncio
        import logging

        log = logging.getLogger(__name__)


        class Quietly:
            async def __aenter__(self):
                return self

            async def __aexit__(self, exc_type, exc, tb):
                if exc is not None:
                    log.warning("dropped %r", exc)
                return True  # ACK601


        class QuietlyErrors:
            async def __aenter__(self):
                return self

            async def __aexit__(self, exc_type, exc, tb):
                return exc_type is not None and issubclass(exc_type, Exception)


        class Loud:
            async def __aenter__(self):
                return self

            async def __aexit__(self, exc_type, exc, tb):
                return False


        async def close_feed(feed) -> None:
            async with Quietly():  # ACK602
                await feed.close()


        async def close_feeds(feeds) -> None:
            for feed in feeds:
                async with Quietly():  # ACK601
                    await feed.close()
                log.info("closed %s", feed)


        async def close_errors(feed, lock: asyncio.Lock) -> None:
            async with QuietlyErrors():
                await feed.close()
            async with Loud(), lock:
                await feed.close()


        async def stop(task: asyncio.Task) -> None:
            task.cancel()
            async with Quietly():
                await task
    ''', ["ACK601", "ACK602"])


def test_another_modules_swallowing_manager(tmp_path):
    files = {
        "feeds/__init__.py": "",
        "feeds/util.py": '''
            class Quietly:
                async def __aenter__(self):
                    return self

                async def __aexit__(self, *exc_info):
                    return True


            class Passing:
                async def __aenter__(self):
                    return self

                async def __aexit__(self, *exc_info):
                    return None
        ''',
        "feeds/close.py": '''
            from .util import Passing, Quietly


            async def close_feed(feed) -> None:
                async with Quietly():
                    await feed.close()


            async def close_passing(feed) -> None:
                async with Passing():
                    await feed.close()
        ''',
    }
    found = project_findings(tmp_path, files, ["ACK601", "ACK602"])
    assert found == {("feeds/util.py", 6, "ACK601"), ("feeds/close.py", 5, "ACK602")}
