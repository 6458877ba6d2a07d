"""ACK602 on a602v's real-code shapes (faust, distributed, aiomonitor, kopf, textual, nats): a stopping method that
waits for its own tasks, an awaiter that suppresses the cancel itself, a module function handed to a library that
only shares its name with some object's awaited method; and references to a task handed on to a helper that
waits on it. Each shape has the code it must flag beside the look-alike it must leave alone."""
from __future__ import annotations

from .helpers import check_marked, project_findings

CODES = ["ACK601", "ACK602"]


def test_a_stopping_method_that_waits_for_its_own_tasks_is_quiet():
    """faust's service `on_stop`: the framework cancels the futures it runs for the service, and the stop waits
    for them with the CancelledError suppressed: that error is theirs. A public method that is no stop, or a stop
    that awaits a coroutine it calls, still swallows its awaiter's cancel."""
    check_marked(
        """
        import asyncio
        from contextlib import suppress


        class Agent:
            async def on_stop(self):
                await self.supervisor.stop()
                with suppress(asyncio.CancelledError):
                    await asyncio.gather(*[actor.task for actor in self._actors if actor.task is not None])
                self._actors.clear()

            async def aclose(self):
                fut, self._fut = self._fut, None
                try:
                    await asyncio.wait_for(fut, timeout=5)
                except asyncio.TimeoutError:
                    print("did not stop in time")
                except asyncio.CancelledError:
                    pass

            async def wait_for_actors(self):
                with suppress(asyncio.CancelledError):  # ACK602
                    await asyncio.gather(*[actor.task for actor in self._actors])

            async def stop(self):
                try:
                    await self.conn.close()
                except asyncio.CancelledError:  # ACK602
                    pass
        """,
        CODES,
    )


def test_a_stopping_method_that_goes_on_after_the_wait_is_still_reported():
    """Going on past the swallow, the stop carries on after its own awaiter's cancel: ACK601 stays."""
    check_marked(
        """
        import asyncio


        class Service:
            async def on_stop(self):
                try:
                    await self._serve_fut
                except asyncio.CancelledError:  # ACK601
                    pass
                await self.conn.close()
        """,
        CODES,
    )


def test_a_wait_for_inside_a_suppress_of_the_cancel_relies_on_nothing():
    """distributed's close: `with suppress(TimeoutError, CancelledError): await wait_for(task, 2)`. Cancelled there,
    the closer goes on whether the task re-raises or swallows, so the task's swallow costs it nothing. The same wait
    that lets a cancel through to its caller still counts on the task re-raising."""
    check_marked(
        """
        import asyncio
        from contextlib import suppress


        class Client:
            def start(self):
                self._report = asyncio.create_task(self._handle_report())
                self._pump = asyncio.create_task(self._handle_pump())

            async def _handle_report(self):
                try:
                    while True:
                        await self.comm.read()
                except asyncio.CancelledError:
                    pass

            async def _handle_pump(self):
                try:
                    while True:
                        await self.comm.write()
                except asyncio.CancelledError:  # ACK602
                    pass

            async def close(self):
                with suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(self._pump, 2)
                with suppress(asyncio.TimeoutError, asyncio.CancelledError):
                    await asyncio.wait_for(self._report, 2)
        """,
        CODES,
    )


def test_a_module_function_is_not_awaited_by_an_objects_method_of_its_name(tmp_path):
    """aiomonitor's `interact(monitor, connection)` is handed to prompt_toolkit's telnet server through `partial`;
    `await client.interact()` in another module is some object's method, not this function. Awaited by its bare
    name in a module that imports it, it is relied on."""
    handler = '''
        import asyncio


        async def interact(monitor, connection):
            try:
                while True:
                    await connection.read()
            except asyncio.CancelledError:{mark}
                return
    '''
    files = {
        "mon/__init__.py": "",
        "mon/commands.py": handler.format(mark=""),
        "mon/server.py": '''
            import functools

            from telnetlib3 import TelnetServer

            from mon.commands import interact


            def serve(monitor):
                return TelnetServer(interact=functools.partial(interact, monitor))
        ''',
        "mon/cli.py": '''
            async def main(client):
                await client.interact()
                print("done")
        ''',
    }
    assert project_findings(tmp_path / "handed", files, ["ACK602"]) == set()
    files["mon/cli.py"] = '''
        from mon.commands import interact


        async def main(monitor, connection):
            await interact(monitor, connection)
            print("done")
    '''
    assert project_findings(tmp_path / "awaited", files, ["ACK602"]) == {("mon/commands.py", 8, "ACK602")}


def test_a_helper_that_waits_on_the_handle_it_is_given_relies_on_it():
    """`await stop_task(self._task, 5)`: the helper waits on the task with `wait_for`, whose timeout counts on the
    cancel coming back; a helper that cancels the handle before awaiting it is the owner's stop, and a helper that
    does neither with it (only logs it) shows no awaiter."""
    check_marked(
        """
        import asyncio


        async def stop_task(task, timeout):
            await asyncio.wait_for(task, timeout)


        async def cancel_task(task):
            task.cancel()
            await task


        async def describe(task):
            print(task.get_name())
            await asyncio.sleep(0)


        class Feeds:
            def start(self):
                self._task = asyncio.create_task(self._pump("news"))
                self._other = asyncio.create_task(self._pump_quietly("sport"))
                self._third = asyncio.create_task(self._pump_quietly("weather"))

            async def _pump(self, feed):
                try:
                    async for item in self.source(feed):
                        await self.sink.put(item)
                except asyncio.CancelledError:  # ACK602
                    self.log.info("%s pump stopped", feed)

            async def _pump_quietly(self, feed):
                try:
                    async for item in self.source(feed):
                        await self.sink.put(item)
                except asyncio.CancelledError:
                    self.log.info("%s pump stopped", feed)

            async def close(self):
                await stop_task(self._task, timeout=5)
                await cancel_task(self._other)
                await describe(self._third)
        """,
        CODES,
    )


def test_a_coroutine_awaited_through_a_wrapper_it_is_handed_to_is_relied_on():
    """faust's `await T(self.on_revoked)(revoked)`: the tracing wrapper calls what it is handed, and the await is
    the caller's. Handed to a wrapper that is not called and awaited there (`register(self._poll)`), it is not."""
    check_marked(
        """
        import asyncio

        from tracing import traced


        class Agent:
            async def on_partitions_revoked(self, revoked):
                await traced(self._on_revoked)(revoked)
                print("revoked")

            async def _on_revoked(self, revoked):
                try:
                    await self.flush(revoked)
                except asyncio.CancelledError:  # ACK602
                    print("flush cancelled")

            def start(self, loop):
                loop.register(self._poll)

            async def _poll(self):
                try:
                    await self.fetch()
                except asyncio.CancelledError:
                    print("poll cancelled")
        """,
        CODES,
    )
