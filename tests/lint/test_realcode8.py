"""False-alarm shapes found by linting more real asyncio drivers and clients (bleak, arq, asyncssh, nats-py,
telethon, ...): each look-alike must stay clean, beside the close case it must still flag."""
from tests.lint.helpers import check_marked


def test_tasks_cancelled_through_a_loop_over_their_collection_are_the_cancel_idiom():
    # A BLE client races a services query against a "services changed" event with `asyncio.wait`, cancels what
    # is still pending with `for p in pending: p.cancel()`, then awaits the query and catches its own
    # cancellation: as with `job.cancel(); await job`. Cancelling every task of a list, tuple or set (spelled
    # out, or through a local bound to one) is the same. A task outside the cancelled collection, or a loop
    # that does not cancel, still flags: the CancelledError can only be the caller's.
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
        """,
        ["ACK601", "ACK602"],
    )


def test_a_service_restarted_each_pass_is_not_a_task_per_item():
    # A reload-on-change loop awaits `worker.close()` and then starts `worker.run()` again, or cancels the handle
    # it is about to overwrite: one run is in flight at a time, however many changes arrive. Awaiting some other
    # method of the worker, closing another object, or cancelling another handle bounds nothing: those flag.
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
        """,
        ["ACK502"],
    )
