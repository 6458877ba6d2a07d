"""Shapes from the tenth round on real projects (bench/real/real52-labels.tsv): each overclaimed shape beside the
true case next to it, which must still be found."""
from __future__ import annotations

from .helpers import check_marked


def test_method_called_on_its_own_instance_under_a_truthy_attribute_keeps_that_test():
    # agno's media: `to_dict()` base64s the content only `elif self.content:`, and the getter returns
    # `self.content` first, reading `self.filepath` only without it: the file is never read from `to_dict()`.
    # The same getter reached without the test, or the test made on another instance, still reads it.
    check_marked('''
        class Image:
            def __init__(self, content=None, filepath=None, reference=None):
                self.content = content
                self.filepath = filepath
                self.reference = reference

            def get_content_bytes(self):
                if self.content:
                    return self.content
                elif self.filepath:
                    with open(self.filepath, "rb") as f:
                        return f.read()
                return None

            def to_base64(self):
                data = self.get_content_bytes()
                return data.hex() if data else None

            def to_dict(self, include=True):
                result = {"filepath": self.filepath}
                if include and self.content:
                    result["content"] = self.to_base64()
                return result

            def to_dict_referenced(self, include=True):
                result = {}
                if self.reference is not None:
                    result["reference"] = self.reference
                elif include and self.content:
                    result["content"] = self.to_base64()
                return result

            def to_dict_always(self):
                return {"content": self.to_base64()}

            def copy_from(self, other: "Image"):
                if self.content:
                    return other.to_base64()
                return None

            def to_dict_without_content(self):
                if not self.content:
                    return {"content": self.to_base64()}
                return {}


        async def handler(image: Image):
            return image.to_dict()


        async def handler_referenced(image: Image):
            return image.to_dict_referenced()


        async def handler_always(image: Image):
            return image.to_dict_always()  # ACK103


        async def handler_other(image: Image, other: Image):
            return image.copy_from(other)  # ACK103


        async def handler_without_content(image: Image):
            return image.to_dict_without_content()  # ACK103
    ''', {"ACK103"})


def test_else_of_an_isinstance_test_is_not_the_type_a_cast_in_the_if_branch_gives():
    # agno's routers: `if isinstance(db, AsyncBaseDb): db = cast(AsyncBaseDb, db); await db.delete(...)` then
    # `else: db.delete(...)`: the `else` works on the sync database, whatever the `if` rebinds `db` to.
    # A cast made in the `else` itself still gives the type it names there.
    check_marked('''
        from typing import Union, cast


        class BaseDb:
            def delete_memory(self, memory_id):
                return None


        class AsyncBaseDb:
            async def delete_memory(self, memory_id):
                return None


        async def get_db() -> Union[BaseDb, AsyncBaseDb]:
            return BaseDb()


        async def delete_memory(memory_id):
            db = await get_db()
            if isinstance(db, AsyncBaseDb):
                db = cast(AsyncBaseDb, db)
                await db.delete_memory(memory_id)
            else:
                db.delete_memory(memory_id)


        async def get_topics(memory_id):
            db = await get_db()
            if isinstance(db, AsyncBaseDb):
                db = cast(AsyncBaseDb, db)
                return await db.delete_memory(memory_id)
            else:
                return db.delete_memory(memory_id)


        async def delete_memory_wrongly(memory_id):
            db = await get_db()
            if isinstance(db, BaseDb):
                db.delete_memory(memory_id)
            else:
                db = cast(AsyncBaseDb, db)
                db.delete_memory(memory_id)  # ACK301
    ''', {"ACK301"})


def test_coroutine_function_test_of_a_method_looked_up_with_getattr_covers_its_call():
    # agno's scheduler: `if asyncio.iscoroutinefunction(getattr(db, "create_run", None)): await db.create_run(r)`
    # `else: db.create_run(r)`, twice in one function: each `else` calls a sync method. A test of another method
    # says nothing of this one, which is awaited elsewhere.
    check_marked('''
        import asyncio


        async def run_schedule(db, run):
            if asyncio.iscoroutinefunction(getattr(db, "create_run", None)):
                await db.create_run(run)
            else:
                db.create_run(run)
            for _ in range(3):
                if asyncio.iscoroutinefunction(getattr(db, "create_run", None)):
                    await db.create_run(run)
                else:
                    db.create_run(run)


        async def run_schedule_other(db, run):
            await db.create_run(run)
            if asyncio.iscoroutinefunction(getattr(db, "update_run", None)):
                await db.update_run(run)
            else:
                db.create_run(run)  # ACK301
    ''', {"ACK301"})


def test_urlopen_of_a_data_url_is_decoded_in_memory():
    # agno's AG-UI input: `if value.startswith("data:"): return urlopen(value).read()`: urllib decodes a data:
    # URL itself, no connection. A URL tested for another scheme, or tested not to be a data: URL, is fetched.
    check_marked('''
        import base64
        import urllib.request


        def decode(value: str):
            try:
                if value.startswith("data:"):
                    return urllib.request.urlopen(value).read()
                return base64.b64decode(value, validate=True)
            except Exception:
                return None


        def fetch(value: str):
            if value.startswith("http:"):
                return urllib.request.urlopen(value).read()
            return None


        def fetch_unless_inline(value: str):
            if not value.startswith("data:"):
                return urllib.request.urlopen(value).read()
            return None


        async def handler(items):
            return [decode(i) for i in items]


        async def handler_fetch(items):
            return [fetch(i) for i in items]  # ACK102


        async def handler_fetch_unless_inline(items):
            return [fetch_unless_inline(i) for i in items]  # ACK102


        async def handler_inline():
            return urllib.request.urlopen("data:text/plain,hi").read()


        async def handler_tested(value: str):
            if value.startswith("data:"):
                return urllib.request.urlopen(value)
            return urllib.request.urlopen(value)  # ACK102
    ''', {"ACK102"})


def test_signal_handler_chosen_by_a_conditional_expression_is_a_signal_handler():
    # hatchet's worker: `signal.signal(SIGTERM, self._quit if force else self._exit)`: either method runs in the
    # signal handler, where `loop.create_task()` does not wake the loop. A handler the loop runs
    # (`loop.add_signal_handler`) may create tasks; there only the dropped task is said.
    check_marked('''
        import asyncio
        import signal


        class Worker:
            def __init__(self, force: bool):
                self.force = force
                self._loop = asyncio.get_event_loop()

            async def exit_gracefully(self):
                await asyncio.sleep(0)

            async def exit_forcefully(self):
                await asyncio.sleep(0)

            def _exit(self, signum, frame):
                self._loop.create_task(self.exit_gracefully())  # ACK402

            def _quit(self, signum, frame):
                self._loop.create_task(self.exit_forcefully())  # ACK402

            def _other(self, signum, frame):
                self._loop.create_task(self.exit_forcefully())  # ACK302

            def setup(self):
                signal.signal(signal.SIGTERM, self._quit if self.force else self._exit)
                self._loop.add_signal_handler(signal.SIGINT, self._other, signal.SIGINT, None)
    ''', {"ACK402", "ACK302"})


def test_every_prefix_that_makes_a_call_harmless_names_a_blocking_call():
    from asynccheck.lint import knowledge

    for target, prefixed in knowledge.NON_BLOCKING_PREFIXES.items():
        assert target in knowledge.BLOCKING, target
        for position, keyword, prefixes in prefixed:
            assert keyword and position >= 0 and prefixes and all(isinstance(p, str) and p for p in prefixes)


def test_call_awaited_only_for_another_type_of_receiver_is_no_twin():
    # agno's routers: `if isinstance(db, RemoteDb): await db.delete(...); return`, then `db.delete(...)` for the
    # local database: the awaited call is of another kind of object. Where the test may have held (no return
    # after it), or without a test, the awaited call is the same receiver's.
    check_marked('''
        class RemoteDb:
            async def delete(self, x):
                return x


        async def delete_returning(db, x):
            if isinstance(db, RemoteDb):
                await db.delete(x)
                return
            db.delete(x)


        async def delete_falling_through(db, x):
            if isinstance(db, RemoteDb):
                await db.delete(x)
            db.delete(x)  # ACK301


        async def delete_untested(db, x):
            await db.delete(x)
            db.delete(x)  # ACK301
    ''', {"ACK301"})
