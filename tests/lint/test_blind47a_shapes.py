"""Shapes a blind probe (model serving, chat bots, ETL, database pools, a folder-sync agent, brokers) missed.
Each flagged shape beside its look-alikes."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_a_broad_handler_that_re_raises_only_a_library_error_swallows_cancellation():
    check_marked('''
        import asyncio
        import asyncpg
        from .errors import FATAL

        RETRY_FATAL = (asyncio.CancelledError, KeyboardInterrupt)

        class Conflict(ValueError):
            pass

        class Stop(asyncio.CancelledError):
            pass

        async def with_retry(pool, query):
            for attempt in range(3):
                try:
                    return await pool.fetch(query)
                except BaseException as exc:  # ACK601
                    if isinstance(exc, asyncpg.UniqueViolationError):
                        raise
                    await asyncio.sleep(0.1 * 2**attempt)
            return []

        async def with_retry_own_class(pool, query):
            while True:
                try:
                    return await pool.fetch(query)
                except BaseException as exc:  # ACK601
                    if isinstance(exc, (Conflict, asyncpg.PostgresError)):
                        raise
                    await asyncio.sleep(0.1)

        async def retry_unless_conflict(pool, query):
            while True:
                try:
                    return await pool.fetch(query)
                except BaseException as exc:  # ACK601
                    if not isinstance(exc, asyncpg.UniqueViolationError):
                        await asyncio.sleep(0.1)
                        continue
                    raise

        async def with_retry_cancel_too(pool, query):
            while True:
                try:
                    return await pool.fetch(query)
                except BaseException as exc:
                    if isinstance(exc, (asyncio.CancelledError, asyncpg.UniqueViolationError)):
                        raise
                    await asyncio.sleep(0.1)

        async def with_retry_given_kinds(pool, query, fatal):
            while True:
                try:
                    return await pool.fetch(query)
                except BaseException as exc:
                    if isinstance(exc, fatal):
                        raise
                    await asyncio.sleep(0.1)

        async def with_retry_constant(pool, query):
            while True:
                try:
                    return await pool.fetch(query)
                except BaseException as exc:
                    if isinstance(exc, RETRY_FATAL):
                        raise
                    await asyncio.sleep(0.1)

        async def with_retry_imported_constant(pool, query):
            while True:
                try:
                    return await pool.fetch(query)
                except BaseException as exc:
                    if isinstance(exc, FATAL):
                        raise
                    await asyncio.sleep(0.1)

        async def with_retry_own_cancel_class(pool, query):
            while True:
                try:
                    return await pool.fetch(query)
                except BaseException as exc:
                    if isinstance(exc, (Stop, OSError)):
                        raise
                    await asyncio.sleep(0.1)

        async def retry_only_library_errors(pool, query):
            while True:
                try:
                    return await pool.fetch(query)
                except BaseException as exc:
                    if not isinstance(exc, (asyncpg.PostgresError, OSError)):
                        raise
                    await asyncio.sleep(0.1)
    ''', ["ACK601", "ACK602"])


def test_a_predicate_of_another_module_on_library_errors_narrows_a_re_raise_to_them(tmp_path):
    found = project_findings(tmp_path, {
        "pyproject.toml": '[project]\nname = "relay"\n',
        "relay/__init__.py": "",
        "relay/errors.py": '''
            import asyncio
            import asyncpg

            def is_fatal(exc: BaseException) -> bool:
                return isinstance(exc, (asyncpg.UniqueViolationError, PermissionError))

            def ends_task(exc: BaseException) -> bool:
                return isinstance(exc, (asyncpg.UniqueViolationError, asyncio.CancelledError))
        ''',
        "relay/workers.py": '''
            import logging
            from relay.errors import ends_task, is_fatal

            async def write_history(history, queue) -> None:
                while True:
                    room, text = await queue.get()
                    try:
                        await history.append(room, text)
                    except BaseException as exc:
                        if is_fatal(exc):
                            raise
                        logging.warning("history write failed: %r", exc)

            async def write_history_ok(history, queue) -> None:
                while True:
                    room, text = await queue.get()
                    try:
                        await history.append(room, text)
                    except BaseException as exc:
                        if ends_task(exc):
                            raise
                        logging.warning("history write failed: %r", exc)
        ''',
    }, ["ACK601", "ACK602"])
    assert found == {("relay/workers.py", 9, "ACK601")}
