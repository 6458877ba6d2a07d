"""False-alarm shapes found by linting more real asyncio drivers and clients (bleak, arq, asyncssh, nats-py,
telethon, ...): each look-alike must stay clean, beside the close case it must still flag."""
from tests.lint.helpers import check_marked


def test_tasks_cancelled_through_a_loop_over_their_collection_are_the_cancel_idiom():
    # A BLE client races a services query against a "services changed" event with `asyncio.wait`, cancels what
    # is still pending with `for p in pending: p.cancel()`, then awaits the query and catches its own
    # cancellation: as with `job.cancel(); await job`. Cancelling every task of a list, tuple or set (spelled
    # out, or through a local bound to one) is the same. A task outside the cancelled collection, a loop
    # that does not cancel, or a cancel made only in the handler (after the caller's cancel arrived) still
    # flags: the CancelledError can only be the caller's.
    check_marked(
        """
        import asyncio


        async def race(event, query):
            while True:
                waiter = asyncio.create_task(event.wait())
                job = asyncio.create_task(query())
                _, pending = await asyncio.wait([waiter, job], return_when=asyncio.FIRST_COMPLETED)
                for p in pending:
                    p.cancel()
                try:
                    await job
                except asyncio.CancelledError:
                    pass


        async def stop_all(reader, writer):
            tasks = [reader, writer]
            for t in tasks:
                t.cancel()
            try:
                await asyncio.gather(*tasks)
            except asyncio.CancelledError:
                pass
            await asyncio.sleep(0)


        async def stop_pair(reader, writer):
            for t in (reader, writer):
                t.cancel()
            try:
                await reader
            except asyncio.CancelledError:
                pass
            await asyncio.sleep(0)


        async def race_other(event, query, other):
            while True:
                waiter = asyncio.create_task(event.wait())
                job = asyncio.create_task(query())
                _, pending = await asyncio.wait([waiter, job], return_when=asyncio.FIRST_COMPLETED)
                for p in pending:
                    p.cancel()
                try:
                    await other
                except asyncio.CancelledError:  # ACK601
                    pass


        async def collect(reader, writer):
            for t in (reader, writer):
                t.result()
            try:
                await reader
            except asyncio.CancelledError:  # ACK601
                pass
            await asyncio.sleep(0)


        async def supervise(workers):
            tasks = [asyncio.create_task(w()) for w in workers]
            try:
                await asyncio.gather(*tasks)
            except asyncio.CancelledError:  # ACK601
                for t in tasks:
                    t.cancel()
            await asyncio.sleep(0)


        async def supervise_one(worker):
            try:
                await worker
            except asyncio.CancelledError:  # ACK601
                worker.cancel()
            await asyncio.sleep(0)
        """,
        ["ACK601", "ACK602"],
    )


def test_cancelling_after_catching_is_not_the_cancel_idiom_but_the_one_before_still_is():
    # The idiom is "I cancelled it, so its CancelledError is mine": the cancel must come before the await.
    # A handler that only cancels the children after catching passes the caller's cancel on and swallows it.
    # A cancel in an outer handler, before an inner `try` that awaits the task, is still the idiom.
    check_marked(
        """
        import asyncio


        async def stop(worker, sleeper):
            try:
                await sleeper
            except asyncio.CancelledError:
                worker.cancel()
                try:
                    await worker
                except asyncio.CancelledError:
                    pass
                raise


        async def stop_late(worker):
            try:
                await worker
            except asyncio.CancelledError:  # ACK601
                worker.cancel()
            await worker
        """,
        ["ACK601", "ACK602"],
    )


def test_a_service_restarted_each_pass_is_not_a_task_per_item():
    # A reload-on-change loop awaits `worker.close()` and then starts `worker.run()` again, or cancels the handle
    # it is about to overwrite: one run is in flight at a time, however many changes arrive. Awaiting some other
    # method of the worker, closing another object, cancelling another handle, or stopping only on some passes
    # (under a test that is not about the handle, or after the spawn) bounds nothing: those flag.
    check_marked(
        """
        import asyncio

        running = set()


        async def reload_on_change(changes, worker):
            async for _ in changes:
                await worker.close()
                running.add(asyncio.ensure_future(worker.run()))


        async def restart_on_change(changes, worker):
            runner = None
            async for _ in changes:
                if runner is not None:
                    runner.cancel()
                runner = asyncio.create_task(worker.run())
            return runner


        async def feed(changes, worker):
            async for change in changes:
                await worker.process(change)
                running.add(asyncio.ensure_future(worker.run()))  # ACK502


        async def close_other(changes, worker, pool):
            async for _ in changes:
                await pool.close()
                running.add(asyncio.ensure_future(worker.run()))  # ACK502


        async def cancel_other(changes, worker, previous):
            runner = None
            async for _ in changes:
                previous.cancel()
                runner = asyncio.create_task(worker.run())  # ACK502
            return runner


        async def cancel_sometimes(changes, worker, wanted):
            runner = None
            async for change in changes:
                if wanted(change):
                    runner.cancel()
                runner = asyncio.create_task(worker.run())  # ACK502
            return runner


        async def cancel_the_new_one(changes, worker, wanted):
            runner = None
            async for change in changes:
                runner = asyncio.create_task(worker.run())  # ACK502
                if wanted(change):
                    runner.cancel()
            return runner


        async def close_sometimes(changes, worker):
            async for change in changes:
                if change:
                    await worker.close()
                running.add(asyncio.ensure_future(worker.run()))  # ACK502
        """,
        ["ACK502"],
    )


def test_a_task_that_breaks_out_of_its_loop_to_clean_up_winds_down():
    # A websocket writer task catches everything around its send, `break`s out of its loop and closes the
    # socket: the cancel is only deferred until the close is done, and the task then ends completed (ACK602),
    # as when no loop is around the `try`. The same when the handler sets a flag and the block that tests it
    # cleans up and breaks. A handler that stays in the loop, a break that leaves only an inner loop, a flag
    # block that does not leave, or a loop after the break still carry on (ACK601).
    check_marked(
        """
        import asyncio


        class Link:
            def start(self):
                self.tasks = [
                    asyncio.create_task(self.writer()),
                    asyncio.create_task(self.retry()),
                    asyncio.create_task(self.stays()),
                    asyncio.create_task(self.inner()),
                    asyncio.create_task(self.flag_stays()),
                    asyncio.create_task(self.loops_after()),
                ]

            async def wait_closed(self):  # awaits them with nobody's cancel first: swallowing costs its caller
                for task in self.tasks:
                    await task

            async def writer(self):
                while True:
                    packet = await self.outbox.get()
                    try:
                        await self.ws.send(packet)
                    except:  # ACK602
                        break
                await self.ws.close()

            async def retry(self):
                while True:
                    aborted = False
                    try:
                        await asyncio.sleep(1)
                    except asyncio.CancelledError:  # ACK602
                        aborted = True
                    if aborted:
                        await self.notify()
                        break
                    await self.connect()

            async def stays(self):
                while True:
                    packet = await self.outbox.get()
                    try:
                        await self.ws.send(packet)
                    except:  # ACK601
                        pass
                await self.ws.close()

            async def inner(self):
                while True:
                    for packet in await self.outbox.get():
                        try:
                            await self.ws.send(packet)
                        except:  # ACK601
                            break
                    await self.ws.flush()

            async def flag_stays(self):
                while True:
                    aborted = False
                    try:
                        await asyncio.sleep(1)
                    except asyncio.CancelledError:  # ACK601
                        aborted = True
                    if aborted:
                        await self.notify()
                    await self.connect()

            async def loops_after(self):
                while True:
                    try:
                        await self.ws.send(await self.outbox.get())
                    except:  # ACK601
                        break
                while True:
                    await self.ws.ping()
        """,
        ["ACK601", "ACK602"],
    )


def test_a_free_list_that_puts_back_what_it_took_is_bounded():
    # An FTP server keeps its passive ports in a queue: each PASV command takes one and, when binding it
    # fails, puts it back. However often the command comes, the queue never holds more ports than it started
    # with. A put into another queue than the one taken from, a put of something else than what was taken, or
    # one in a loop below the take (a crawler queueing every link of the page it took), can grow it: those flag.
    check_marked(
        """
        import asyncio


        class Ports(asyncio.Protocol):
            def __init__(self, ports):
                self._free = asyncio.Queue()
                for port in ports:
                    self._free.put_nowait(port)

            def data_received(self, data):
                self._open_passive(data)

            def _open_passive(self, data):
                port = self._free.get_nowait()
                try:
                    bind(port, data)
                except OSError:
                    self._free.put_nowait(port)
                    raise


        class Relay(asyncio.Protocol):
            def __init__(self):
                self._inbox = asyncio.Queue()
                self._outbox = asyncio.Queue()  # ACK501

            def data_received(self, data):
                item = self._inbox.get_nowait()
                self._outbox.put_nowait((item, data))


        class Echo(asyncio.Protocol):
            def __init__(self):
                self._lines = asyncio.Queue()  # ACK501

            def data_received(self, data):
                last = self._lines.get_nowait()
                self._lines.put_nowait(last)
                self._lines.put_nowait(data)


        class Crawler(asyncio.Protocol):
            def __init__(self):
                self._todo = asyncio.Queue()  # ACK501

            def data_received(self, data):
                page = self._todo.get_nowait()
                for link in links(page, data):
                    self._todo.put_nowait(link)


        def bind(port, data):
            pass


        def links(page, data):
            return [page, data]
        """,
        ["ACK501"],
    )
