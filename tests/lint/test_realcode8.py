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

