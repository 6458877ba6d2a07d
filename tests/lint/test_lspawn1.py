"""ACK502 on spawns whose count follows a frontier: work lists drained with `wait(FIRST_COMPLETED)`, crawls
whose next round is spawned from the last round's results, and recursive fan-out; with the bounded look-alikes
that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked

CODES = ["ACK502"]


def test_first_completed_on_the_held_set_bounds_nothing():
    check_marked('''
        import asyncio
        from asyncio import FIRST_COMPLETED, wait

        async def index_site(get_page, start):
            queued = {asyncio.create_task(get_page(start))}
            known = {start}
            while queued:
                finished, queued = await asyncio.wait(queued, return_when=asyncio.FIRST_COMPLETED)
                for job in finished:
                    for href in job.result():
                        if href not in known:
                            known.add(href)
                            queued.add(asyncio.create_task(get_page(href)))  # ACK502

        class Relay:
            def __init__(self):
                self.live = set()

            async def pump(self, inbox, deliver):
                while True:
                    for note in await inbox.drain():
                        self.live.add(asyncio.ensure_future(deliver(note)))  # ACK502
                    if self.live:
                        _, self.live = await wait(self.live, return_when=FIRST_COMPLETED)

        # look-alikes: a len() cap before the wait, and a race between this pass's own two tasks
        async def index_capped(get_page, start, cap=20):
            queued, todo = set(), [start]
            while queued or todo:
                while todo and len(queued) < cap:
                    queued.add(asyncio.create_task(get_page(todo.pop())))
                finished, queued = await asyncio.wait(queued, return_when=asyncio.FIRST_COMPLETED)
                for job in finished:
                    todo.extend(job.result())

        async def read_until_stopped(channel, stop, handle):
            while True:
                got = asyncio.create_task(channel.get())
                halt = asyncio.create_task(stop.wait())
                done, rest = await asyncio.wait({got, halt}, return_when=asyncio.FIRST_COMPLETED)
                for t in rest:
                    t.cancel()
                if halt in done:
                    return
                await handle(got.result())

        async def whole_rounds(inbox, deliver):
            while True:
                jobs = [asyncio.create_task(deliver(n)) for n in await inbox.drain()]
                if jobs:
                    await asyncio.wait(jobs)
    ''', CODES)


def test_a_crawl_whose_rounds_are_gathered_still_grows_with_its_frontier():
    check_marked('''
        import asyncio

        async def mirror(download, seeds):
            wave = list(seeds)
            while wave:
                pages = await asyncio.gather(*[asyncio.create_task(download(u)) for u in wave])  # ACK502
                wave = [ref for page in pages for ref in page.refs]

        async def resolve_all(lookup, names):
            inflight = {asyncio.create_task(lookup(n)) for n in names}
            while inflight:
                round_, inflight = inflight, set()
                for fut in asyncio.as_completed(round_):
                    for alias in await fut:
                        inflight.add(asyncio.create_task(lookup(alias)))  # ACK502

        # look-alikes: each chunk of a round under its own TaskGroup, a semaphore acquired per spawn, a work
        # list cut into fixed slices (its size does not come from the tasks), a poll per round
        async def mirror_chunked(download, seeds, width=16):
            wave = list(seeds)
            while wave:
                found = []
                for at in range(0, len(wave), width):
                    async with asyncio.TaskGroup() as tg:
                        jobs = [tg.create_task(download(u)) for u in wave[at:at + width]]
                    for j in jobs:
                        found.extend(j.result().refs)
                wave = found

        async def mirror_slots(download, seeds, slots: asyncio.Semaphore):
            wave = list(seeds)
            while wave:
                jobs = []
                for u in wave:
                    await slots.acquire()
                    job = asyncio.create_task(download(u))
                    job.add_done_callback(lambda _: slots.release())
                    jobs.append(job)
                pages = await asyncio.gather(*jobs)
                wave = [ref for page in pages for ref in page.refs]

        async def in_slices(items, work, width=8):
            while items:
                part, items = items[:width], items[width:]
                await asyncio.gather(*[asyncio.create_task(work(x)) for x in part])

        async def per_poll(poll, work):
            while True:
                batch = await poll()
                await asyncio.gather(*[asyncio.create_task(work(x)) for x in batch])
    ''', CODES)


def test_recursive_fan_out_spawns_for_the_whole_tree():
    check_marked('''
        import asyncio

        async def sync_dir(remote, folder):
            await remote.push(folder)
            subtasks = [asyncio.create_task(sync_dir(remote, sub)) for sub in folder.subfolders]  # ACK502
            await asyncio.gather(*subtasks)

        class Scanner:
            async def scan(self, host):
                async with asyncio.TaskGroup() as tg:
                    for peer in await host.neighbours():
                        tg.create_task(self.scan(peer))  # ACK502

        # look-alikes: a recursion awaited in turn, one spawning a different coroutine, one gated by a shared
        # semaphore, a fixed two-way split, and a sync walk that hands each node to a thread
        async def sync_dir_in_turn(remote, folder):
            await remote.push(folder)
            for sub in folder.subfolders:
                await sync_dir_in_turn(remote, sub)

        async def push_children(remote, folder):
            await asyncio.gather(*[asyncio.create_task(remote.push(sub)) for sub in folder.subfolders])

        async def sync_gated(remote, folder, gate: asyncio.Semaphore):
            async with gate:
                await remote.push(folder)
            await asyncio.gather(*[asyncio.create_task(sync_gated(remote, s, gate)) for s in folder.subfolders])

        async def halves(data, depth):
            if depth == 0:
                return sum(data)
            mid = len(data) // 2
            parts = [asyncio.create_task(halves(p, depth - 1)) for p in (data[:mid], data[mid:])]
            return sum(await asyncio.gather(*parts))

        def walk(pool, folder):
            for sub in folder.subfolders:
                pool.submit(walk, pool, sub)
    ''', CODES)


def test_a_first_completed_wait_with_a_timeout_paces_a_ticker():
    # one probe per interval, each given at most the time until the next: the wait's timeout sets the pace
    check_marked('''
        import asyncio
        import time

        async def prober(target, every, deadline):
            out = []
            due = time.monotonic()
            while True:
                left = due - time.monotonic()
                if left <= 0:
                    out.append(asyncio.ensure_future(asyncio.wait_for(target.probe(), deadline)))
                    due = time.monotonic() + every
                    left = every
                done, rest = await asyncio.wait(out, timeout=left, return_when=asyncio.FIRST_COMPLETED)
                out = list(rest)

        async def drain_without_waiting(inbox, deliver):
            live = set()
            while True:
                live.add(asyncio.create_task(deliver(await inbox.get())))  # ACK502
                _, live = await asyncio.wait(live, timeout=0, return_when=asyncio.FIRST_COMPLETED)
    ''', CODES)


def test_a_limiter_let_go_before_the_task_runs_bounds_nothing():
    check_marked('''
        import asyncio

        class Ingest:
            def __init__(self, handle, limit: int):
                self.handle = handle
                self.slots = asyncio.Semaphore(limit)
                self.inflight = set()

            async def run(self, frames):
                async for frame in frames:
                    async with self.slots:
                        task = asyncio.create_task(self.handle(frame))  # ACK502
                    self.inflight.add(task)
                    task.add_done_callback(self.inflight.discard)

            # look-alikes: the work done inside the block, and the task awaited within it
            async def run_inline(self, frames):
                async for frame in frames:
                    async with self.slots:
                        await self.handle(frame)

            async def run_waited(self, frames):
                async for frame in frames:
                    async with self.slots:
                        task = asyncio.create_task(self.handle(frame))
                        self.inflight.add(task)
                        await task
    ''', CODES)
