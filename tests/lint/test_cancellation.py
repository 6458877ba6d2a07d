"""ACK601/ACK602: what a swallowed cancellation costs (carrying on vs ending), and the look-alikes found on real
libraries that must stay clean."""
from __future__ import annotations

import pytest

from .helpers import check_marked

CODES = "ACK601 ACK602"

CASES = {
    # -- carrying on: the task can no longer be cancelled -----------------------------------------------------
    "carries-on": '''
        import asyncio
        import contextlib

        async def worker(queue, handle):
            while True:
                job = await queue.get()
                try:
                    await handle(job)
                except asyncio.CancelledError:  # ACK601
                    continue

        async def retrying(connect, log):
            for attempt in range(5):
                try:
                    return await connect()
                except BaseException:  # ACK601
                    log.warning("attempt %d failed", attempt)

        async def then_more(op, client):
            try:
                await op()
            except asyncio.CancelledError:  # ACK601
                pass
            await client.close()

        async def break_then_more(stream, client):
            while True:
                try:
                    await stream.read()
                except asyncio.CancelledError:  # ACK601
                    break
            await client.flush()

        async def quiet_then_more(op, client):
            with contextlib.suppress(asyncio.CancelledError):  # ACK601
                await op()
            async with client:
                pass

        async def one_branch_goes_on(op, conn):
            while True:
                try:
                    await op()
                except asyncio.CancelledError:  # ACK601
                    if conn.lost:
                        return
                await conn.ack()

        async def round_again_inside_async_with(lock, op):
            while True:
                async with lock:
                    try:
                        await op()
                    except asyncio.CancelledError:  # ACK601
                        pass

        async def loops_again_from_inner_block(events, handle):
            async for event in events:
                if event:
                    try:
                        await handle(event)
                    except asyncio.CancelledError:  # ACK601
                        print("skipped")
    ''',
    # -- returning a result, or to a caller here: the awaiting caller carries on as if nothing had happened -----
    "returns-to-a-caller": '''
        import asyncio

        async def fetch(client, url):
            try:
                return await client.get(url)
            except asyncio.CancelledError:  # ACK601
                return None

        async def count(conn):
            total = 0
            try:
                total = await conn.count()
            except asyncio.CancelledError:  # ACK601
                pass
            return total

        async def fetch_one(conn):
            try:
                return await conn.fetch()
            except asyncio.CancelledError:  # raced with `wait`, which cancels nothing: no awaiter relies on it
                return False

        async def poll(conns):
            tasks = [asyncio.create_task(fetch_one(c)) for c in conns]
            done, _ = await asyncio.wait(tasks)
            return [t.result() for t in done]

        class Client:
            async def _read_loop(self):
                try:
                    return await self.reader.read()
                except asyncio.CancelledError:  # a dropped task's root: its owner alone cancels it
                    return b""

            def start(self, loop):
                loop.add_callback(self._read_loop)

            async def _flush(self):
                try:
                    await self.transport.drain()
                except asyncio.CancelledError:  # ACK601
                    pass

            async def publish(self, data):
                self.transport.write(data)
                await self._flush()

            async def close(self):
                try:
                    await self.writer.wait_closed()
                except asyncio.CancelledError:  # ACK602
                    pass

            async def shutdown(self):
                await self.writer.close()

        class Base:
            async def run(self, op):
                raise NotImplementedError

        class Impl(Base):
            async def run(self, op):
                try:
                    await op()
                except asyncio.CancelledError:  # ACK601
                    pass

            async def serve(self, op):
                await self.run(op)
                await op()

        async def helper(op):
            try:
                await op()
            except asyncio.CancelledError:  # ACK601
                pass

        async def main(op):
            await helper(op)
            await op()
    ''',
    # -- ending: the task stops, but as completed instead of cancelled ---------------------------------------
    "ends": '''
        import asyncio
        import contextlib

        async def reader(stream, on_data):
            while True:
                try:
                    on_data(await stream.read())
                except asyncio.CancelledError:  # ACK602
                    break
            print("reader done")

        async def keepalive(conn, log):
            try:
                while True:
                    await asyncio.sleep(20)
                    await conn.ping()
            except asyncio.CancelledError:  # ACK602
                log.debug("keepalive cancelled")
                await conn.close()
            finally:
                await conn.release()

        async def serve(conn, app):
            try:
                await app(conn)
            except BaseException as exc:  # ACK602
                if conn.started:
                    return
                print("failed", exc)
            else:
                await conn.finish()

        async def request_loop(conn):
            while conn.keep_alive:
                try:
                    await conn.handle_one()
                except asyncio.CancelledError:  # ACK602
                    conn.keep_alive = False

        async def in_a_lock(lock, op):
            async with lock:
                try:
                    await op()
                except asyncio.CancelledError:  # ACK602
                    pass

        async def quiet(op):
            with contextlib.suppress(asyncio.CancelledError):  # ACK602
                await op()
            print("done")

        async def every_branch_leaves(op, conn, log):
            while True:
                try:
                    await op()
                except asyncio.CancelledError:  # ACK602
                    if conn.lost:
                        log.info("lost")
                        return
                    else:
                        break
                await conn.ack()

        async def nested_in_an_outer_handler(op, conn):
            try:
                await op()
            except OSError:
                try:
                    await conn.reset()
                except asyncio.CancelledError:  # ACK602
                    pass
            finally:
                await conn.release()
    ''',
    # -- a raise in a nested handler re-raises the inner exception, not the cancellation -------------------
    "nested-raise-is-not-a-reraise": '''
        import asyncio

        async def stop(op, cleanup):
            try:
                await op()
            except asyncio.CancelledError:  # ACK602
                try:
                    await cleanup()
                except OSError:
                    raise

        async def stop_converting(op, cleanup):
            try:
                await op()
            except asyncio.CancelledError:  # ACK602
                try:
                    await cleanup()
                except OSError as err:
                    raise RuntimeError("cleanup failed") from err
    ''',
    # a raise only under `isinstance(exc, <builtin exceptions that are not CancelledError>)` lets it through
    "raise-only-for-other-exceptions": '''
        import asyncio
        import logging

        log = logging.getLogger(__name__)

        async def consume(ws, handler):
            async for msg in ws:
                try:
                    await handler(msg)
                except BaseException as e:  # ACK601
                    if isinstance(e, KeyboardInterrupt):
                        raise
                    log.error("handler failed: %s", e)

        async def pump(source, sink):
            while True:
                try:
                    await sink(await source())
                except BaseException as exc:  # ACK601
                    if isinstance(exc, (SystemExit, MemoryError)):
                        raise RuntimeError("fatal") from exc
                    log.warning("dropped: %r", exc)
    ''',
    "raise-for-cancellation-too": '''
        import asyncio
        import logging

        log = logging.getLogger(__name__)

        async def consume(ws, handler):
            async for msg in ws:
                try:
                    await handler(msg)
                except BaseException as e:
                    if not isinstance(e, Exception):
                        raise
                    log.error("handler failed: %s", e)

        async def pump(source, sink):
            while True:
                try:
                    await sink(await source())
                except BaseException as exc:
                    if isinstance(exc, (asyncio.CancelledError, KeyboardInterrupt)):
                        raise
                    log.warning("dropped: %r", exc)

        async def relay(source, sink):
            while True:
                try:
                    await sink(await source())
                except BaseException as exc:
                    if isinstance(exc, Exception):
                        log.warning("dropped: %r", exc)
                    else:
                        raise

        async def relay_other(source, sink, other):
            while True:
                try:
                    await sink(await source())
                except BaseException as exc:
                    if isinstance(other, KeyboardInterrupt):
                        raise
                    log.warning("dropped: %r", exc)
    ''',
    "reraise-looks": '''
        import asyncio

        async def at_handler_level(op, cleanup):
            try:
                await op()
            except asyncio.CancelledError:
                await cleanup()
                raise

        async def outer_name_in_nested_handler(op, cleanup):
            try:
                await op()
            except asyncio.CancelledError as cancelled:
                try:
                    await cleanup()
                except OSError:
                    raise cancelled

        async def in_finally_of_nested_try(op, cleanup):
            try:
                await op()
            except asyncio.CancelledError:
                try:
                    await cleanup()
                finally:
                    raise

        async def base_exception_reraised(op, log):
            try:
                await op()
            except BaseException:
                log.exception("op failed")
                raise

        async def stop_own_task(worker):
            worker.cancel()
            try:
                await worker
            except asyncio.CancelledError:
                pass
            await worker.cleanup()

        async def converted(op):
            try:
                await op()
            except asyncio.CancelledError as exc:
                raise ConnectionAbortedError("cancelled") from exc

        class Conn:
            async def close(self, op):
                try:
                    await op()
                except asyncio.CancelledError:
                    if not self._closing:
                        raise
    ''',
    # -- look-alikes found on real libraries -----------------------------------------------------------------
    "earlier-handler-took-the-cancellation": '''
        import asyncio

        async def run(app, log):
            try:
                await app()
            except asyncio.CancelledError:
                raise
            except BaseException:
                log.exception("app failed")

        async def run_quietly(app, log):
            try:
                await app()
            except (asyncio.CancelledError, KeyboardInterrupt):
                raise
            except:
                log.exception("app failed")
    ''',
    "inner-handler-took-the-cancellation": '''
        import asyncio

        async def close_all(clients, log):
            try:
                for client in clients:
                    try:
                        await client.disconnect()
                    except BaseException as exc:  # ACK601
                        log.debug("disconnect failed: %s", exc)
            except BaseException as exc:
                log.debug("cleanup failed: %s", exc)

        async def close_then_flush(clients, flush, log):
            try:
                for client in clients:
                    try:
                        await client.disconnect()
                    except BaseException:  # ACK601
                        log.debug("disconnect failed")
                await flush()
            except BaseException:  # ACK602
                log.debug("cleanup failed")

        async def inner_reraises(client, log):
            try:
                try:
                    await client.disconnect()
                except asyncio.CancelledError:
                    raise
            except BaseException:  # ACK602
                log.debug("cleanup failed")

        async def inner_handler_awaits(client, log):
            try:
                try:
                    await client.disconnect()
                except BaseException:  # ACK602
                    await client.abort()
            except BaseException:  # ACK602
                log.debug("cleanup failed")
    ''',
    "uncancel-consumes-its-own-cancellation": '''
        import asyncio

        async def with_deadline(op, handle):
            try:
                await op()
            except asyncio.CancelledError:
                if asyncio.current_task().uncancel() == 0 and handle.expired:
                    return None
    ''',
    "awaiting-a-task-the-class-cancelled": '''
        import asyncio

        class Protocol:
            def abort(self):
                self.transfer_task.cancel()
                self.done.cancel()

            async def close(self, log):
                try:
                    async with asyncio.timeout(5):
                        await self.transfer_task
                except (asyncio.TimeoutError, asyncio.CancelledError):
                    pass
                await asyncio.shield(self.closer)

            async def auto_close(self, log):
                try:
                    await self.done
                    log.debug("data phase finished")
                except asyncio.CancelledError:
                    log.debug("data phase cancelled")
                await self.closer

            async def not_cancelled_here(self, log):
                try:
                    await self.reader
                except asyncio.CancelledError:  # ACK601
                    pass
                await self.closer

            async def awaits_more_than_the_task(self, other):
                try:
                    await self.done
                    await other()
                except asyncio.CancelledError:  # ACK601
                    pass
                await self.closer
    ''',
    # -- task roots started by other spawners: a task group's, tornado's loop callbacks, a thread's hand-over --
    "owner-ended-task-roots-other-spawners": '''
        import asyncio
        import threading

        import anyio
        from tornado.ioloop import IOLoop


        class Group:
            async def main(self):
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(self._pump())
                async with anyio.create_task_group() as tg2:
                    tg2.start_soon(self._beat, 5)

            async def _pump(self):
                try:
                    await asyncio.sleep(10)
                except asyncio.CancelledError:
                    pass

            async def _beat(self, n):
                try:
                    await asyncio.sleep(n)
                except asyncio.CancelledError:
                    return


        class Tornado:
            def start(self):
                IOLoop.current().add_callback(self._run)
                self.io_loop.spawn_callback(self._other)

            async def _run(self):
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError:
                    pass

            async def _other(self):
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError:
                    pass


        class Threaded:
            def __init__(self, loop):
                self._loop = loop

            def start(self):
                self._loop.call_soon_threadsafe(self._loop.create_task, self._serve())
                self._fut = asyncio.run_coroutine_threadsafe(self._watch(), self._loop)
                asyncio.run_coroutine_threadsafe(self._waited(), self._loop).result()

            def stop(self):
                self._fut.cancel()

            async def _serve(self):
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError:
                    pass

            async def _watch(self):
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError:
                    pass

            async def _waited(self):
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError:  # ACK602: a thread waits on its outcome
                    pass



        class Registry:
            def start(self, cb, loop):
                cb.add_callback(self._cb_run)  # a callback registry, not tornado's loop: out of sight
                self._kept_future = asyncio.run_coroutine_threadsafe(self._kept(), loop)
                return self._kept_future

            async def _cb_run(self):
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError:  # handed to a call: no awaiter in sight
                    pass

            async def _kept(self):
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError:  # the future is handed back to a caller out of sight
                    pass
    ''',
    # -- a task root whose cancel can only come from its owner, which wants it to end: nobody's cancel is lost --
    "owner-ended-task-roots": '''
        import asyncio
        import logging

        log = logging.getLogger(__name__)

        class Server:
            def __init__(self, loop):
                self.loop = loop
                self.tasks = set()
                self.connections = {}

            def data_received(self, app, request):
                task = self.loop.create_task(self.run_app(app, request))
                task.add_done_callback(self.tasks.discard)
                self.tasks.add(task)

            async def run_app(self, app, request):
                try:
                    await app(request)
                except BaseException as exc:
                    log.error("Exception in application", exc_info=exc)
                    if not request.started:
                        await request.send_500()

            def connection_made(self, conn):
                self.connections[conn] = asyncio.ensure_future(self._serve(conn))

            async def _serve(self, conn):
                while True:
                    try:
                        await conn.handle_one()
                    except asyncio.CancelledError:
                        break

            async def shutdown(self):
                for task in list(self.tasks):
                    task.cancel()
                for task in self.connections.values():
                    task.cancel()
                await asyncio.gather(*self.tasks, *self.connections.values(), return_exceptions=True)

        class Keepalive:
            def start(self, conn):
                self._pinger = asyncio.create_task(self._ping(conn))

            async def _ping(self, conn):
                try:
                    while True:
                        await asyncio.sleep(20)
                        await conn.ping()
                except asyncio.CancelledError:
                    log.debug("keepalive stopped")
                    await conn.flush()

            async def stop(self):
                if self._pinger is not None:
                    self._pinger.cancel()
                    try:
                        await self._pinger
                    except asyncio.CancelledError:
                        pass
                    self._pinger = None

        class Pool:
            def start(self, conns):
                self._readers = [asyncio.create_task(self._read(c)) for c in conns]

            async def _read(self, conn):
                try:
                    await conn.read()
                except asyncio.CancelledError:
                    return

            async def close(self):
                for reader in self._readers:
                    reader.cancel()
                await asyncio.gather(*self._readers, return_exceptions=True)

        async def relay(reader, writer):
            try:
                while True:
                    writer.write(await reader.read(100))
            except asyncio.CancelledError:
                pass

        async def pipe(a, b):
            tasks = [asyncio.create_task(relay(a, b)), asyncio.create_task(relay(b, a))]
            done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            for task in pending:
                task.cancel()
                await task

        BACKGROUND = set()

        async def monitor(bus):
            try:
                await bus.wait_disconnected()
            except asyncio.CancelledError:
                bus.send_disconnect()

        def start_monitor(bus):
            task = asyncio.create_task(monitor(bus))
            BACKGROUND.add(task)
            task.add_done_callback(BACKGROUND.discard)

        async def stop_monitors():
            for task in BACKGROUND:
                task.cancel()
            await asyncio.gather(*BACKGROUND, return_exceptions=True)

        def fire_and_forget(conn):
            asyncio.get_running_loop().create_task(_notify(conn))

        async def _notify(conn):
            try:
                await conn.notify()
            except asyncio.CancelledError:
                pass
    ''',
    "task-roots-someone-else-cancels": '''
        import asyncio

        class Runner:
            def start(self):
                self._task = asyncio.create_task(self._run())

            async def _run(self):
                try:
                    await asyncio.sleep(60)
                except asyncio.CancelledError:  # ACK602
                    pass

            async def wait_closed(self):
                await self._task

        class Joined:
            def start(self):
                self._workers = [asyncio.create_task(self._work(i)) for i in range(4)]

            async def _work(self, i):
                try:
                    await asyncio.sleep(i)
                except asyncio.CancelledError:  # gathered only: `gather` raises its waiter's CancelledError whatever the task returns
                    pass

            async def join(self):
                await asyncio.gather(*self._workers)

        class CancelledElsewhere:
            def start(self):
                self._reader = asyncio.create_task(self._read())

            def abort(self):
                self._reader.cancel()

            async def _read(self):
                try:
                    await asyncio.sleep(60)
                except asyncio.CancelledError:  # ACK602
                    return

            async def close(self):
                await asyncio.wait_for(self._reader, 5)

        async def awaited_with_a_timeout():
            try:
                await asyncio.sleep(60)
            except asyncio.CancelledError:  # ACK602
                pass

        async def main():
            task = asyncio.create_task(awaited_with_a_timeout())
            await asyncio.wait_for(task, 1)

        async def handed_away():
            try:
                await asyncio.sleep(60)
            except asyncio.CancelledError:  # handed back to a caller out of sight: no awaiter in sight
                pass

        def start_handed_away():
            return asyncio.create_task(handed_away())

        async def also_awaited():
            try:
                await asyncio.sleep(60)
            except asyncio.CancelledError:  # ACK602
                pass

        async def both():
            asyncio.create_task(also_awaited())
            await also_awaited()

        async def goes_round_again(queue):
            while True:
                try:
                    await queue.get()
                except asyncio.CancelledError:  # ACK601
                    continue

        def start_round(queue):
            asyncio.create_task(goes_round_again(queue))

        async def relay(reader, writer):
            try:
                while True:
                    writer.write(await reader.read(100))
            except asyncio.CancelledError:  # gathered only: `gather` raises its waiter's CancelledError whatever the task returns
                pass

        async def pipe(a, b):
            tasks = [asyncio.create_task(relay(a, b)), asyncio.create_task(relay(b, a))]
            done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            await asyncio.gather(*pending)

        RUNNING = set()

        async def watch(feed):
            try:
                await feed.changes()
            except asyncio.CancelledError:  # gathered only: `gather` raises its waiter's CancelledError whatever the task returns
                pass

        def start_watching(feed):
            task = asyncio.create_task(watch(feed))
            RUNNING.add(task)

        async def drain():
            await asyncio.gather(*RUNNING)

        async def in_a_group():
            try:
                await asyncio.sleep(60)
            except asyncio.CancelledError:  # the group cancels it, then raises its own outcome whatever it returns
                pass

        async def group_owner():
            async with asyncio.TaskGroup() as group:
                group.create_task(in_a_group())

    ''',
    # -- a jump out of `finally:` throws away whatever exception is in flight ------------------------------------
    "finally-jumps": '''
        import asyncio

        async def poll(client, key):
            result = None
            try:
                result = await client.fetch(key)
            finally:
                return result  # ACK601

        async def leader(cluster):
            found = None
            for _ in range(30):
                try:
                    found = await cluster.leader()
                finally:
                    if found is None:
                        break  # ACK601
            return found

        async def drain(stream):
            while True:
                try:
                    await stream.read()
                finally:
                    continue  # ACK601
    ''',
    "process-exits-in-the-handler": '''
        import asyncio
        import os
        import sys

        async def main(server, log):
            try:
                await server.serve()
            except BaseException:
                log.exception("fatal")
                sys.exit(1)
            await server.close()

        async def hard(server):
            try:
                await server.serve()
            except asyncio.CancelledError:
                os._exit(3)
            return 1

        async def soft(server, log):
            try:
                await server.serve()
            except asyncio.CancelledError:  # ACK601
                log.info("exit(1) is only a message here")
            return 1
    ''',
    "finally-jumps-look-alikes": '''
        import asyncio

        async def release_all(locks):
            try:
                await asyncio.sleep(1)
            finally:
                for lock in locks:  # a loop of its own inside the `finally:`
                    if lock.locked():
                        break
                    continue

        async def cleanup(conn):
            try:
                await conn.send(b"bye")
            finally:
                def later():
                    return conn.close()  # another function's return
                conn.on_close = later

        async def no_await_in_try(cache, key):
            try:
                value = cache[key]
            finally:
                return None
    ''',
    # -- a raise only for some other exception still lets cancellation be swallowed ----------------------------------
    "narrow-reraise": '''
        import asyncio

        async def ping(peer, log):
            try:
                await peer.ping()
                return True
            except BaseException as exc:  # ACK601
                if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                    raise
                log.info("unreachable: %r", exc)
                return False

        async def ping_else(peer, log):
            try:
                await peer.ping()
                return True
            except BaseException as exc:
                if isinstance(exc, KeyboardInterrupt):
                    log.info("interrupted")
                else:
                    raise
                return False

        async def ping_cancel(peer):
            try:
                await peer.ping()
                return True
            except BaseException as exc:
                if isinstance(exc, asyncio.CancelledError):
                    raise
                return False

        async def ping_not_exception(peer):
            try:
                await peer.ping()
                return True
            except BaseException as exc:
                if not isinstance(exc, Exception):
                    raise
                return False
    ''',
    # -- an async generator that yields after swallowing hands its consumer a value and goes on ------------------
    "async-generator-yields-on": '''
        import asyncio

        async def rows(cursor, log):
            try:
                while row := await cursor.fetchone():
                    yield row
            except asyncio.CancelledError:  # ACK601
                log.info("stream cancelled")
            yield None

        async def rows_ok(cursor):
            try:
                while row := await cursor.fetchone():
                    yield row
            except asyncio.CancelledError:
                yield None
                raise
    ''',
}


@pytest.mark.parametrize("name", CASES)
def test_examples(name):
    check_marked(CASES[name], CODES.split())


TRIO_ONLY = '''
    import trio

    async def close(stream):
        try:
            await stream.send_all(b"bye")
        except BaseException:
            await trio.aclose_forcefully(stream)
'''


@pytest.mark.parametrize("imports, flagged", [
    ("import trio", False),
    ("import trio.abc\nfrom trio import Cancelled", False),
    ("import trio\nimport asyncio", True),
    ("import trio\nimport anyio", True),
    ("import trio\nimport trio_asyncio", True),
    ("import contextlib", True),
])
def test_trio_only_modules_are_not_asyncio_business(imports, flagged):
    source = TRIO_ONLY.replace("    import trio\n", "".join(f"    {line}\n" for line in imports.splitlines()), 1)
    marked = source.replace("except BaseException:", "except BaseException:  # ACK602") if flagged else source
    check_marked(marked, CODES.split())


def test_task_root_spawned_from_another_module_is_its_owners(tmp_path):
    """A public coroutine function another module starts as a task it cancels, then waits for: the project runs it
    as its owner's task, no awaiter is in sight (a602x); awaited there without the cancel, it is reported."""
    from .helpers import project_findings
    files = {
        "pkg/__init__.py": "",
        "pkg/work.py": '''
            import asyncio

            async def poll(feed):
                try:
                    await feed.refresh()
                except asyncio.CancelledError:
                    pass
        ''',
        "pkg/runner.py": '''
            import asyncio
            from pkg.work import poll

            class Runner:
                def start(self, feed):
                    self._task = asyncio.create_task(poll(feed))

                async def stop(self):
                    self._task.cancel()
                    await self._task
        ''',
    }
    assert project_findings(tmp_path, files, ["ACK601", "ACK602"]) == set()
    files["pkg/runner.py"] = files["pkg/runner.py"].replace("self._task.cancel()", "print('stopping')")
    assert project_findings(tmp_path, files, ["ACK601", "ACK602"]) == {("pkg/work.py", 6, "ACK602")}


CROSS_MODULE_ROOTS = {
    "pkg/__init__.py": "",
    "pkg/connection.py": '''
        import asyncio

        class Connection:
            async def _run(self):
                try:
                    while True:
                        await asyncio.sleep(1)
                except asyncio.CancelledError:
                    pass

            async def _pump(self):
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError:
                    pass

            async def _drain(self):
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError:
                    pass

            async def serve(self):
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError:
                    pass
    ''',
    "pkg/server.py": '''
        import asyncio
        from pkg.connection import Connection

        class Server:
            def start(self, conn: Connection):
                self._task = asyncio.create_task(conn._run())
                self._pump_task = asyncio.create_task(conn._pump())
                self._drain_task = asyncio.create_task(conn._drain())
                self._serve_task = asyncio.create_task(conn.serve())

            async def stop(self):
                self._task.cancel()
                await self._task
                await self._pump_task
                self._serve_task.cancel()
                await self._serve_task
    ''',
    "pkg/tools.py": '''
        async def flush(conn):
            await conn._drain()
    ''',
}


def test_task_root_spawned_from_another_module(tmp_path):
    """A coroutine function that the project's modules only start as a task its owner alone cancels is quiet
    wherever it is defined (a public one too: the project runs it as its task); one whose task is awaited without a
    cancel, and one another module awaits, are reported."""
    from .helpers import project_findings
    assert project_findings(tmp_path, CROSS_MODULE_ROOTS, ["ACK601", "ACK602"]) == {
        ("pkg/connection.py", 14, "ACK602"), ("pkg/connection.py", 20, "ACK602")}


def test_task_root_across_modules_with_a_private_module(tmp_path):
    """In a private module (`pkg._connection`) a public method is the project's own: judged by its uses."""
    from .helpers import project_findings
    files = {name.replace("connection", "_connection"): text.replace("pkg.connection", "pkg._connection")
             for name, text in CROSS_MODULE_ROOTS.items()}
    assert project_findings(tmp_path, files, ["ACK601", "ACK602"]) == {
        ("pkg/_connection.py", 14, "ACK602"), ("pkg/_connection.py", 20, "ACK602")}
