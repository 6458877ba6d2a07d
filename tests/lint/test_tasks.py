"""ACK302 in every position a task can be lost, and the look-alikes where something keeps it."""
from __future__ import annotations

import pytest

from .helpers import check_marked

CASES = {
    "gather-not-awaited": '''
        import asyncio

        async def tick(rooms):
            asyncio.gather(*(r.tick() for r in rooms))  # ACK302
            pending = asyncio.gather(*(r.save() for r in rooms))  # ACK302

        async def fine(rooms):
            await asyncio.gather(*(r.tick() for r in rooms))
            both = asyncio.gather(rooms[0].tick(), rooms[1].tick())
            await asyncio.wait_for(asyncio.gather(*(r.save() for r in rooms)), 5)
            await both
            return asyncio.gather(*(r.tick() for r in rooms))
    ''',
    "one-local-rebound-each-round": '''
        import asyncio

        async def serve(conns):
            t = None
            for c in conns:
                t = asyncio.create_task(c.serve())  # ACK302
            if t is not None:
                await t
            while conns:
                last = asyncio.ensure_future(conns.pop().serve())  # ACK302
            return last

        async def fine(conns, tasks):
            for c in conns:
                t = asyncio.create_task(c.serve())
                tasks.append(t)
            for c in conns:
                t = asyncio.create_task(c.serve())
                await t
            for c in conns:
                first = asyncio.create_task(c.serve())
                break
            previous = None
            for c in conns:
                if previous is not None:
                    await previous
                previous = asyncio.create_task(c.serve())
            return first, previous
    ''',
    "collected-in-a-local-and-only-counted": '''
        import asyncio
        import logging

        _background = set()

        async def spawn_bots(room, n):
            bots = []
            for i in range(n):
                bots.append(asyncio.create_task(room.run_bot(i)))  # ACK302
            logging.info("spawned %d bots", len(bots))

        async def announce(rooms):
            tasks = {asyncio.create_task(r.announce()) for r in rooms}  # ACK302
            if tasks:
                logging.debug("announced to %d rooms", len(tasks))
            unused = [asyncio.create_task(r.ping()) for r in rooms]  # ACK302
            by_room = {r: asyncio.create_task(r.ping()) for r in rooms}  # ACK302
            logging.info("%d", len(by_room))

        async def fine(rooms, into):
            a = [asyncio.create_task(r.ping()) for r in rooms]
            await asyncio.gather(*a)
            b = []
            for r in rooms:
                b.append(asyncio.create_task(r.ping()))
            done, _ = await asyncio.wait(b)
            for r in rooms:
                into.append(asyncio.create_task(r.ping()))  # the caller's list
                _background.add(asyncio.create_task(r.ping()))
            c = [asyncio.create_task(r.ping()) for r in rooms]
            return c, done

        class Pool:
            def __init__(self):
                self.tasks = []

            def start(self, rooms):
                for r in rooms:
                    self.tasks.append(asyncio.create_task(r.ping()))
                kept = self.tasks
                kept.append(asyncio.create_task(rooms[0].ping()))
    ''',
    "dropped-inside-expressions": '''
        import asyncio

        async def refresh(key=None):
            await asyncio.sleep(0)

        async def positions(keys, urgent):
            [asyncio.create_task(refresh(k)) for k in keys]  # ACK302
            {asyncio.create_task(refresh(k)) for k in keys}  # ACK302
            {k: asyncio.create_task(refresh(k)) for k in keys}  # ACK302
            (asyncio.create_task(refresh(k)) for k in keys)  # ACK302
            [asyncio.create_task(refresh())]  # ACK302
            asyncio.create_task(refresh()), asyncio.ensure_future(refresh())  # ACK302
            asyncio.create_task(refresh()).set_name("refresher")  # ACK302
            named = asyncio.create_task(refresh()).set_name("refresher")  # ACK302
            asyncio.create_task(refresh()) if urgent else None  # ACK302
            urgent and asyncio.create_task(refresh())  # ACK302
            (started := asyncio.create_task(refresh()))
            _ = asyncio.create_task(refresh())  # ACK302
    ''',
    "only-tested-or-entered": '''
        import asyncio

        async def refresh(key=None):
            await asyncio.sleep(0)

        async def tested(keys):
            if asyncio.create_task(refresh()):  # ACK302
                pass
            mode = "bg" if asyncio.create_task(refresh()) else "fg"  # ACK302
            picked = [k for k in keys if asyncio.create_task(refresh(k))]  # ACK302
            while not asyncio.create_task(refresh()):  # ACK302
                break
            with asyncio.create_task(refresh()) as task:  # ACK302
                pass
            return mode, picked, task
    ''',
    "kept-through-expressions": '''
        import asyncio

        async def refresh(key=None):
            await asyncio.sleep(0)

        def track(task):
            return task

        async def kept(keys, pending, urgent):
            await asyncio.gather(*[asyncio.create_task(refresh(k)) for k in keys])
            await asyncio.wait({asyncio.create_task(refresh(k)) for k in keys})
            pending.update(asyncio.create_task(refresh(k)) for k in keys)
            pending.add(asyncio.create_task(refresh()) if urgent else None)
            track(asyncio.create_task(refresh()))
            jobs = [asyncio.create_task(refresh(k)) for k in keys]
            by_key = {k: asyncio.create_task(refresh(k)) for k in keys}
            pending.add(first := asyncio.create_task(refresh()))
            self_refs = {"job": asyncio.create_task(refresh())}
            pending.append((yield_ := asyncio.create_task(refresh())))
            await asyncio.create_task(refresh())
            named = asyncio.create_task(refresh(), name="refresher")
            pending.add(named)
            return jobs, by_key, first, self_refs, yield_

        def returned():
            return asyncio.create_task(refresh())

        returned_lambda = lambda: asyncio.create_task(refresh())
        lambda_of_list = lambda keys: [asyncio.create_task(refresh(k)) for k in keys]
    ''',
    "locals-never-read-again": '''
        import asyncio
        from asyncio import ensure_future as spawn

        async def refresh(key=None):
            await asyncio.sleep(0)

        async def dead(urgent, pending):
            janitor = asyncio.create_task(refresh())  # ACK302
            typed: asyncio.Task = asyncio.create_task(refresh())  # ACK302
            first = asyncio.create_task(refresh())  # ACK302
            first = asyncio.create_task(refresh())
            await first
            dropped = spawn(refresh())  # ACK302
            del dropped
            if urgent:
                maybe = asyncio.create_task(refresh())  # ACK302
            else:
                maybe = None
            for key in pending:
                last = asyncio.create_task(refresh(key))  # ACK302
            chosen = asyncio.create_task(refresh()) if urgent else None  # ACK302
    ''',
    "locals-read-later": '''
        import asyncio

        _background = set()

        async def refresh(key=None):
            await asyncio.sleep(0)

        class Service:
            async def kept(self, urgent, keys):
                a = asyncio.create_task(refresh())
                _background.add(a)
                b = asyncio.create_task(refresh())
                self.task = b
                c = asyncio.create_task(refresh())
                try:
                    await asyncio.sleep(1)
                finally:
                    c.cancel()
                d = asyncio.create_task(refresh())
                try:
                    await asyncio.sleep(1)
                except asyncio.TimeoutError:
                    d.cancel()
                    raise
                e = asyncio.create_task(refresh())
                def stop():
                    e.cancel()
                f = asyncio.create_task(refresh())
                on_close = lambda: f.cancel()
                if urgent:
                    g = asyncio.create_task(refresh())
                else:
                    g = asyncio.create_task(refresh(1))
                await g
                previous = None
                while keys:
                    if previous is not None:
                        await previous
                    previous = asyncio.create_task(refresh(keys.pop()))
                for key in keys:
                    h = asyncio.create_task(refresh(key))  # ACK302 (the next round rebinds it: only the last is awaited)
                await h
                i = asyncio.create_task(refresh())
                return stop, on_close, i

            async def through_the_frame(self):
                hidden = asyncio.create_task(refresh())
                return locals()

            async def declared_global(self):
                global LAST
                LAST = asyncio.create_task(refresh())

        MODULE_TASK = asyncio.ensure_future(refresh())

        class Holder:
            task = asyncio.ensure_future(refresh())
    ''',
    "loops-the-evaluator-knows": '''
        import asyncio

        async def refresh(key=None):
            await asyncio.sleep(0)

        class Poller:
            def __init__(self):
                self.loop = asyncio.get_running_loop()

            def poke(self):
                self.loop.create_task(refresh())  # ACK302

        class Connection:
            loop: asyncio.AbstractEventLoop

            def __init__(self, loop=None, spawner=None):
                self._loop = loop or asyncio.get_event_loop()
                self._maybe = loop if loop is not None else asyncio.get_running_loop()
                self._either = asyncio.get_running_loop() if spawner is None else asyncio.TaskGroup()

            def ping(self):
                self._loop.create_task(refresh())  # ACK302
                self._maybe.create_task(refresh())  # ACK302
                self._either.create_task(refresh())

        def close(conn: Connection, loop: asyncio.AbstractEventLoop):
            loop.create_task(refresh())  # ACK302
            conn.loop.create_task(refresh())  # ACK302
            asyncio.get_event_loop().create_task(refresh())  # ACK302
            other = asyncio.new_event_loop()
            other.create_task(refresh())  # ACK302
    ''',
    "spawners-through-aliases": '''
        import asyncio as aio
        from asyncio import create_task as spawn, get_running_loop

        async def refresh(key=None):
            await aio.sleep(0)

        start = aio.ensure_future

        async def aliases():
            aio.create_task(refresh())  # ACK302
            spawn(refresh())  # ACK302
            start(refresh())  # ACK302
            make = get_running_loop().create_task
            make(refresh())  # ACK302
            kept = make(refresh())
            return kept
    ''',
    "create-task-on-what-is-not-a-loop": '''
        import asyncio

        import anyio

        from example.jobs import Scheduler

        async def refresh(key=None):
            await asyncio.sleep(0)

        class Spawner:
            def create_task(self, coro):
                return coro

        async def not_loops(loop, scheduler: Scheduler, nursery_like):
            loop.create_task(refresh())
            scheduler.create_task(refresh())
            nursery_like.create_task(refresh())
            Spawner().create_task(refresh())
            async with asyncio.TaskGroup() as tg:
                tg.create_task(refresh())
                job = tg.create_task(refresh())
            async with anyio.create_task_group() as group:
                group.start_soon(refresh)
    ''',
}


@pytest.mark.parametrize("name", CASES)
def test_dangling_tasks(name):
    check_marked(CASES[name], ["ACK302"])
