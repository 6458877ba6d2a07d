"""False-alarm shapes found by linting more real asyncio code (aiosmtpd, semantic-kernel, livekit, pipecat, ...):
each look-alike must stay clean, beside the close case it must still flag."""
from tests.lint.helpers import check_marked


def test_branch_for_a_stopped_loop_is_not_taken_on_the_loop():
    # aiosmtpd's controller: `end()` schedules the shutdown when the loop runs and runs it to completion when it
    # does not; handed to `call_soon_threadsafe`, it runs on the loop, where only the first branch is taken.
    # The same helper without the test, or with the test the other way round, starts a loop inside the loop.
    check_marked(
        """
        import asyncio


        class Controller:
            def __init__(self, loop):
                self.loop = loop

            async def finalize(self):
                await asyncio.sleep(0)

            def end(self):
                if self.loop.is_running():
                    self.loop.create_task(self.finalize())
                else:
                    self.loop.run_until_complete(self.finalize())

            def end_early(self):
                if not self.loop.is_running():
                    return self.loop.run_until_complete(self.finalize())
                return self.loop.create_task(self.finalize())

            def end_guarded_by_return(self):
                loop = asyncio.get_event_loop()
                if loop.is_running():
                    return loop.create_task(self.finalize())
                loop.run_until_complete(self.finalize())

            def end_inverted(self):
                if self.loop.is_running():
                    self.loop.run_until_complete(self.finalize())

            def end_unguarded(self):
                self.loop.run_until_complete(self.finalize())

            def end_other_test(self):
                if self.server.is_running():
                    return
                self.loop.run_until_complete(self.finalize())


        async def stop(loop):
            controller = Controller(loop)
            loop.call_soon_threadsafe(controller.end)
            loop.call_soon_threadsafe(controller.end_early)
            loop.call_soon_threadsafe(controller.end_guarded_by_return)
            loop.call_soon_threadsafe(controller.end_inverted)  # ACK108
            loop.call_soon_threadsafe(controller.end_unguarded)  # ACK108
            loop.call_soon_threadsafe(controller.end_other_test)  # ACK108
            if not loop.is_running():
                loop.run_until_complete(controller.finalize())
            controller.end()
            controller.end_unguarded()  # ACK108
        """,
        ["ACK108"],
    )


def test_redis_module_command_groups_are_made_on_the_spot():
    # semantic-kernel's redis connector: `await r.ft(name).search(q)` on redis.asyncio awaits the search;
    # `ft()`/`json()` only make the command group. On the sync client the command is the round trip.
    check_marked(
        """
        import redis
        from redis.asyncio import Redis


        class Store:
            def __init__(self, url):
                self.db: Redis = Redis.from_url(url)
                self.sync = redis.Redis.from_url(url)
                self._ft = self.sync.ft

            async def search(self, name, query):
                found = await self.db.ft(name).search(query)
                await self.db.json().set("k", "$", {"a": 1})
                self.db.json().set("k", "$", {"a": 1})  # ACK301
                group = self.db.ft(name)
                return found, group

            async def search_sync(self, name, query):
                info = self.sync.ft(name).info()  # ACK105
                group = self.sync.json()
                found = self._ft(name).search(query)  # ACK105
                return info, group, found
        """,
        ["ACK105", "ACK301"],
    )


def test_a_task_that_swallows_its_cancel_then_only_winds_down_ends_completed():
    # aiortc's RTCP task and livekit's process spawner: the task's own function catches the cancel that stops
    # it, awaits its cleanup (send BYE, close the half-started process) and ends. The cancel is deferred, not
    # lost: ACK602 (the task ends completed instead of cancelled). Going round a loop, doing more than run to
    # its end, or returning to a caller in this module that carries on is still ACK601.
    check_marked(
        """
        import asyncio


        class Sender:
            def start(self):
                self._rtcp = asyncio.ensure_future(self._run_rtcp())
                self._spawn = asyncio.create_task(self._spawn_one())
                self._pump = asyncio.create_task(self._pump_after())
                self._retry = asyncio.create_task(self._retry_loop())

            async def wait_closed(self):  # awaits them with nobody's cancel first: swallowing costs its caller
                for task in (self._rtcp, self._spawn, self._pump, self._retry):
                    await task

            async def _run_rtcp(self):
                try:
                    while True:
                        await asyncio.sleep(1)
                        await self._send(b"report")
                except asyncio.CancelledError:  # ACK602
                    pass
                await self._send(b"bye")
                self.exited.set()

            async def _spawn_one(self):
                proc = self.make()
                started = False
                try:
                    await proc.start()
                    started = True
                except asyncio.CancelledError:  # ACK602
                    pass
                if not started:
                    await proc.aclose()
                    return
                for waiter in self.waiters:
                    await waiter.notify(proc)

            async def _pump_after(self):
                try:
                    await self._handshake()
                except asyncio.CancelledError:  # ACK601
                    pass
                while True:
                    await self._send(await self.queue.get())

            async def _retry_loop(self):
                while self.on:
                    try:
                        await self._connect()
                    except asyncio.CancelledError:  # ACK601
                        pass
                    await asyncio.sleep(1)

            async def close_once(self):
                try:
                    await self._connect()
                except asyncio.CancelledError:  # ACK601
                    pass
                await self._send(b"bye")

            async def stop(self):
                await self.close_once()
                await self.conn.close()
                await Sender.finalize(self.conn)

            @staticmethod
            async def finalize(conn):
                try:
                    await conn.aclose()
                except BaseException:  # ACK601
                    pass
                await conn.release()

            _finalize = finalize
        """,
        ["ACK601", "ACK602"],
    )



def test_a_helper_that_blocks_only_under_an_option_of_its_instance_says_so():
    # crawl4ai's AsyncLogger appends every line to a file only when it was given one (`if self.log_file:`):
    # the finding stays, and says what it depends on; an unguarded write is still said to block.
    import textwrap

    from asynccheck.lint import lint_source
    from tests.lint.helpers import ALL

    source = textwrap.dedent(
        """
        class Logger:
            def __init__(self, log_file=None):
                self.log_file = log_file

            def _write(self, line):
                if self.log_file:
                    with open(self.log_file, "a") as f:
                        f.write(line)

            def info(self, line):
                self._write(line)

            def always(self, line):
                with open("/tmp/log", "a") as f:
                    f.write(line)


        async def crawl(logger: Logger):
            logger.info("start")
            logger.always("start")
        """
    )
    found = {f.line: f.message for f in lint_source(source, "example.py", ALL).findings if f.code == "ACK103"}
    assert sorted(found) == [20, 21]
    assert found[20].startswith('`logger.info("start")` may block the event loop, depending on `self.log_file`')
    assert found[21].startswith('`logger.always("start")` blocks the event loop')


def test_asyncio_run_only_when_no_loop_runs_here():
    # crawl4ai's `generate_schema`: `asyncio.run(coro)` when `get_running_loop()` raised, else a thread runs
    # it and the caller waits for that thread (that wait is what blocks a coroutine calling it). A name that
    # may be some other loop, or a test the other way round, still starts a loop inside the running one.
    check_marked(
        """
        import asyncio
        import concurrent.futures


        async def build(html):
            return html


        def generate(html):
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                loop = None
            if loop is None:
                return asyncio.run(build(html))
            with concurrent.futures.ThreadPoolExecutor(max_workers=1) as executor:
                return executor.submit(asyncio.run, build(html)).result()


        def generate_inverted(html):
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                loop = None
            if loop is not None:
                return asyncio.run(build(html))


        def generate_other(html, loop=None):
            if loop is None:
                return asyncio.run(build(html))


        def dispatch(html):
            try:
                loop = asyncio.get_event_loop()
            except RuntimeError:
                loop = None
            if loop is None:
                asyncio.run(build(html))
            elif loop.is_running():
                loop.create_task(build(html))
            else:
                loop.run_until_complete(build(html))


        async def handler(html):
            first = generate(html)  # ACK106
            second = generate_inverted(html)  # ACK108
            third = generate_other(html)  # ACK108
            dispatch(html)
            return first, second, third
        """,
        ["ACK106", "ACK108"],
    )


def test_cancellation_handed_on_by_returning_it_or_kept_by_an_outer_handler():
    # The agents SDK: a delivery helper returns the exception it caught for its caller to raise; a close keeps
    # the first cancel (`cancellation = exc`) and absorbs repeats while each close finishes, then raises it.
    # Returning something else, or an outer handler that only logs, still swallows.
    check_marked(
        """
        import asyncio
        import logging


        class Session:
            async def _deliver(self, events):
                try:
                    await self._broadcast(events)
                except BaseException as error:
                    return error
                return None

            async def _deliver_quietly(self, events):
                try:
                    await self._broadcast(events)
                except BaseException as error:  # ACK601
                    return str(error)
                return None

            async def close(self):
                cancellation = None
                for conn in self.conns:
                    task = asyncio.create_task(conn.close())
                    try:
                        await asyncio.shield(task)
                    except asyncio.CancelledError as exc:
                        cancellation = exc
                        try:
                            await task
                        except asyncio.CancelledError:
                            pass
                if cancellation is not None:
                    raise cancellation

            async def close_logging(self):
                for conn in self.conns:
                    task = asyncio.create_task(conn.close())
                    try:
                        await asyncio.shield(task)
                    except asyncio.CancelledError as exc:  # ACK601
                        logging.info("cancelled: %s", exc)
                        try:
                            await task
                        except asyncio.CancelledError:  # ACK601
                            pass

            async def run(self):
                await self._deliver([])
                await self._deliver_quietly([])
        """,
        ["ACK601", "ACK602"],
    )


def test_an_archive_over_memory_handed_to_a_helper_stays_in_memory():
    # The agents SDK's sandboxes validate `tarfile.open(fileobj=io.BytesIO(raw))` through `validate_tarfile(tar)`:
    # reading the members of an in-memory archive touches no disk. The same helper handed an archive opened on
    # a path, or reading its own file, still blocks.
    check_marked(
        """
        import io
        import tarfile
        import tempfile


        def validate_tarfile(tar: tarfile.TarFile) -> None:
            for member in tar.getmembers():
                if member.name.startswith("/"):
                    raise ValueError(member.name)


        def validate_bytes(raw: bytes) -> None:
            with tarfile.open(fileobj=io.BytesIO(raw), mode="r:*") as tar:
                validate_tarfile(tar)


        def validate_path(path: str) -> None:
            with tarfile.open(path) as tar:
                validate_tarfile(tar)


        async def hydrate(raw: bytes, path: str, tar: tarfile.TarFile):
            validate_bytes(raw)
            validate_path(path)  # ACK103
            validate_tarfile(tar)  # ACK103
            buffered = tarfile.open(fileobj=io.BytesIO(raw))
            validate_tarfile(buffered)
            names = buffered.getnames()
            spool = tempfile.SpooledTemporaryFile(max_size=1 << 20)
            named = tempfile.NamedTemporaryFile()  # ACK103
            return names, spool, named
        """,
        ["ACK103"],
    )
