"""Values reached through generic type arguments (generics.py, and the containers of types.py): a project generic
class's method returning its type variable (`Pool[redis.Redis]`'s `take() -> T`, a subclass of `Pool[X]`, PEP 695
`class Pool[T]`), its attributes and properties declared `T` (`box.item`), a function generic in its argument
(`first(xs: Sequence[T]) -> T`), `next()` on a typed iterator or a generator, and items, `.get()`/`.pop()` of typed mappings. Each rule family sees through them; the async twin
inside the generic, a generic of something harmless and a value handed to to_thread stay quiet."""
from __future__ import annotations

import pytest

from .helpers import check_marked

BLOCKING = ["ACK101", "ACK102", "ACK103", "ACK104", "ACK105", "ACK106", "ACK107", "ACK108", "ACK110"]
CODES = [*BLOCKING, "ACK201", "ACK302", "ACK401", "ACK402", "ACK501"]

POOL = '''
    import asyncio
    import threading
    from typing import Any, Coroutine, Dict, Generic, Iterator, List, Mapping, Optional, Sequence, TypeVar

    import redis
    import redis.asyncio
    import requests

    T = TypeVar("T")
    K = TypeVar("K")
    V = TypeVar("V")

    class Pool(Generic[T]):
        def __init__(self) -> None:
            self._items: List[T] = []

        def take(self) -> T:
            return self._items.pop()

        def maybe(self) -> Optional[T]:
            return self._items[0] if self._items else None

        def all(self) -> List[T]:
            return list(self._items)

        async def lease(self) -> T:
            return self._items.pop()

    class Cache(Generic[K, V]):
        def value(self, key: K) -> V:
            raise NotImplementedError

    def first(xs: Sequence[T]) -> T:
        return xs[0]

    def only(x: T) -> T:
        return x

    def any_value(d: Mapping[str, T]) -> T:
        return next(iter(d.values()))
'''

CASES = {
    "blocking-through-generics": POOL + '''
    class RedisPool(Pool[redis.Redis]):
        async def ping_all(self) -> None:
            self.take().ping()  # ACK105

    async def declared(pool: Pool[redis.Redis], cache: Cache[str, requests.Session]) -> None:
        pool.take().get("k")  # ACK105
        pool.maybe().get("k")  # ACK105
        for conn in pool.all():
            conn.get("k")  # ACK105
        conn = await pool.lease()
        conn.get("k")  # ACK105
        cache.value("a").get("http://x")  # ACK102

    async def quoted(pool: "Optional[Pool[redis.Redis]]") -> None:
        pool.take().get("k")  # ACK105

    async def by_argument(sessions: Sequence[requests.Session], by_name: Dict[str, requests.Session]) -> None:
        first(sessions).get("http://x")  # ACK102
        only(requests.Session()).get("http://x")  # ACK102
        any_value(by_name).get("http://x")  # ACK102
        by_name["a"].get("http://x")  # ACK102
        by_name.get("a").get("http://x")  # ACK102
        by_name.pop("a").get("http://x")  # ACK102

    async def optional_list(sessions: Optional[List[requests.Session]]) -> None:
        sessions[0].get("http://x")  # ACK102

    def connections() -> Iterator[requests.Session]:
        yield requests.Session()

    async def iterators(sessions: List[requests.Session]) -> None:
        next(connections()).get("http://x")  # ACK102
        next(iter(sessions)).get("http://x")  # ACK102
        for conn in connections():
            conn.get("http://x")  # ACK102
    ''',
    "blocking-look-alikes": POOL + '''
    async def async_twin(pool: Pool[redis.asyncio.Redis], cache: Cache[str, redis.asyncio.Redis]) -> None:
        await pool.take().get("k")
        await cache.value("a").get("k")
        await first([redis.asyncio.Redis()]).get("k")

    async def harmless(pool: Pool[int], names: Sequence[str]) -> None:
        pool.take().bit_length()
        first(names).upper()

    async def offloaded(pool: Pool[redis.Redis], sessions: Sequence[requests.Session]) -> None:
        await asyncio.to_thread(pool.take().get, "k")
        await asyncio.to_thread(first(sessions).get, "http://x")

    def sync_code(pool: Pool[redis.Redis]) -> None:
        pool.take().get("k")

    async def unknown(pool: Pool, things) -> None:
        pool.take().get("k")
        first(things).get("http://x")
    ''',
    "locks-through-generics": POOL + '''
    async def held(pool: Pool[threading.Lock], locks: Mapping[str, threading.Lock]) -> None:
        with pool.take():  # ACK201
            await asyncio.sleep(1)
        with first(list(locks.values())):  # ACK201
            await asyncio.sleep(1)
        with next(iter(locks.values())):  # ACK201
            await asyncio.sleep(1)

    async def async_locks(pool: Pool[asyncio.Lock]) -> None:
        async with pool.take():
            await asyncio.sleep(1)
    ''',
    "loop-objects-through-generics": POOL + '''
    def on_thread(pool: Pool[asyncio.Event], loop: Pool[asyncio.AbstractEventLoop]) -> None:
        pool.take().set()  # ACK401
        loop.take().call_soon(print)  # ACK402

    def on_thread_ok(pool: Pool[threading.Event], loop: Pool[asyncio.AbstractEventLoop]) -> None:
        pool.take().set()
        loop.take().call_soon_threadsafe(print)

    async def start(events: Pool[asyncio.Event], loops: Pool[asyncio.AbstractEventLoop]) -> None:
        threading.Thread(target=on_thread, args=(events, loops)).start()
        threading.Thread(target=on_thread_ok, args=(Pool(), loops)).start()
    ''',
    "task-handles-through-generics": POOL + '''
    def spawn(coro: Coroutine[Any, Any, T]) -> "asyncio.Task[T]":
        return asyncio.create_task(coro)

    async def drops() -> None:
        spawn(asyncio.sleep(1))  # ACK302

    async def keeps(tasks: Pool[asyncio.Task]) -> None:
        task = spawn(asyncio.sleep(1))
        await task
        await tasks.take()
    ''',
    "generic-attributes": '''
    import asyncio
    import threading
    from dataclasses import dataclass
    from typing import Generic, Optional, TypeVar

    import requests

    T = TypeVar("T")

    @dataclass
    class Result(Generic[T]):
        value: T
        note: str = ""

    class Box(Generic[T]):
        def __init__(self, item: T) -> None:
            self.item = item
            self.maybe: Optional[T] = None

        @property
        def current(self) -> T:
            return self.item

    async def reads(r: Result[requests.Session], box: Box[threading.Lock], b2: Box[requests.Session]) -> None:
        r.value.get("http://x")  # ACK102
        with box.item:  # ACK201
            await asyncio.sleep(1)
        b2.current.get("http://x")  # ACK102
        b2.maybe.get("http://x")  # ACK102

    async def quiet(r: Result[str], box: Box[asyncio.Lock], b3: Box[requests.Session]) -> None:
        r.value.upper()
        async with box.item:
            await asyncio.sleep(1)
        await asyncio.to_thread(b3.item.get, "http://x")
    ''',
    "pep695-generics": '''
    import asyncio
    from typing import Sequence

    import requests

    class Box[T]:
        def __init__(self, item: T) -> None:
            self.item = item

        def get(self) -> T:
            return self.item

    def first[T](xs: Sequence[T]) -> T:
        return xs[0]

    async def reads(box: Box[requests.Session], sessions: list[requests.Session]) -> None:
        box.get().get("http://x")  # ACK102
        first(sessions).get("http://x")  # ACK102

    async def harmless(box: Box[str]) -> None:
        box.get().upper()
    ''',
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_generic_arguments(name):
    check_marked(CASES[name], CODES)
