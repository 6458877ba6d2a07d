"""Values whose type is written in a generic class of another module, or in the element of a declared container
(generic_project.py, generics.receiver_declaration, blocking._declared_socket_element): `Pool[redis.Redis]` with
`Pool(Generic[T])` defined elsewhere, `dict[str, Pool[httpx.Client]]`, constructors that fix T (`Pool(redis.Redis())`,
`Box[requests.Session](...)`), an attribute declared generic and assigned elsewhere, generic bases several levels
deep, and a socket taken from a declared collection (`self.slots[0].sock.recv()`). Each rule family that asks the
type model sees through them; async twins, unknown or harmless type arguments, sync code and offloaded calls stay
quiet. The same shapes hold within one module."""
from __future__ import annotations

import textwrap
from pathlib import Path

from .helpers import check_marked, marked, named_findings, project_findings

CODES = ["ACK101", "ACK102", "ACK103", "ACK105", "ACK106", "ACK201", "ACK301", "ACK302", "ACK401", "ACK402",
         "ACK501"]

POOLS = '''
    from typing import Callable, Dict, Generic, List, Optional, TypeVar

    T = TypeVar("T")
    K = TypeVar("K")


    class Pool(Generic[T]):
        def __init__(self, first: Optional[T] = None) -> None:
            self._items: List[T] = [first] if first is not None else []

        def take(self) -> T:
            return self._items.pop()

        def every(self) -> List[T]:
            return list(self._items)

        async def lease(self) -> T:
            return self._items.pop()


    class Box(Generic[T]):
        def __init__(self, factory: Callable[[], T]) -> None:
            self.item: T = factory()


    class Holder(Generic[T]):
        def held(self) -> T:
            raise NotImplementedError


    class Keyed(Holder[T], Generic[K, T]):
        by_key: Dict[K, T]


    class Plain(Holder[T]):
        pass
'''

HOLDERS = '''
    import asyncio
    import threading

    import requests

    from shop.pools import Keyed, Plain


    class SessionHolder(Keyed[str, requests.Session]):
        pass


    class LockHolder(Plain[threading.Lock]):
        pass


    class LoopHolder(Keyed[str, asyncio.AbstractEventLoop]):
        pass


    class EventHolder(Plain[asyncio.Event]):
        pass


    class ThreadEventHolder(Plain[threading.Event]):
        pass
'''

USERS = '''
    import asyncio
    import threading
    from typing import Dict, List

    import httpx
    import redis
    import redis.asyncio
    import requests

    from shop.holders import EventHolder, LockHolder, LoopHolder, SessionHolder, ThreadEventHolder
    from shop.pools import Box, Pool


    class Front:
        def __init__(self, pool: Pool[redis.Redis], hosts: Dict[str, Pool[httpx.Client]]) -> None:
            self.pool = pool
            self.hosts = hosts
            self.later: Pool[requests.Session]

        async def lookup(self, key: str, host: str):
            self.pool.take().get(key)  # ACK105
            self.hosts[host].take().get("/")  # ACK102
            for client in self.hosts[host].every():
                client.get("/")  # ACK102
            for pool in self.hosts.values():
                pool.take().get("/")  # ACK102
            conn = await self.pool.lease()
            conn.get(key)  # ACK105
            return self.later.take().get("/")  # ACK102


    async def made_here(key: str, url: str, holder: SessionHolder) -> None:
        Pool(redis.Redis()).take().get(key)  # ACK105
        pool = Pool(redis.Redis())
        pool.take().get(key)  # ACK105
        Box[requests.Session](requests.Session).item.get(url)  # ACK102
        Box(requests.Session).item.get(url)  # ACK102
        holder.held().get(url)  # ACK102
        holder.by_key["a"].get(url)  # ACK102


    async def locks(holder: LockHolder, pool: Pool[threading.Lock]) -> None:
        with holder.held():  # ACK201
            await asyncio.sleep(1)
        with pool.take():  # ACK201
            await asyncio.sleep(1)


    async def coroutines(pool: Pool[redis.asyncio.Redis], loops: LoopHolder, coro) -> None:
        pool.take().get("k")  # ACK301
        loops.held().create_task(coro)  # ACK302


    def on_thread(events: EventHolder, loops: LoopHolder, calm: ThreadEventHolder) -> None:
        events.held().set()  # ACK401
        loops.held().call_soon(print)  # ACK402
        calm.held().set()
        loops.held().call_soon_threadsafe(print)


    async def start(events: EventHolder, loops: LoopHolder, calm: ThreadEventHolder) -> None:
        threading.Thread(target=on_thread, args=(events, loops, calm)).start()


    async def look_alikes(pool: Pool[redis.asyncio.Redis], clients: Dict[str, Pool[httpx.AsyncClient]],
                          plain: Pool, ints: Pool[int]) -> None:
        await pool.take().get("k")
        await clients["a"].take().get("/")
        plain.take().get("k")
        ints.take().bit_length()
        Pool(redis.asyncio.Redis()).take()
        await asyncio.to_thread(Pool(redis.Redis()).take().get, "k")


    def sync_code(pool: Pool[redis.Redis], holder: SessionHolder) -> None:
        pool.take().get("k")
        holder.held().get("/")
'''

PROJECT = {"shop/__init__.py": "", "shop/pools.py": POOLS, "shop/holders.py": HOLDERS, "shop/users.py": USERS}


def expected() -> set:
    source = textwrap.dedent(USERS).lstrip("\n")
    return {("shop/users.py", line, code) for code, line in marked(source) if code in CODES}


def test_generics_of_another_module_in_every_rule_family(tmp_path: Path) -> None:
    found = project_findings(tmp_path, PROJECT, CODES)
    assert found == expected()
    assert {code for _, _, code in found} >= {"ACK102", "ACK105", "ACK201", "ACK301", "ACK302", "ACK401", "ACK402"}


def test_a_file_linted_alone_reads_the_same_generics(tmp_path: Path) -> None:
    project_findings(tmp_path, PROJECT, CODES)
    assert named_findings(tmp_path, "shop/users.py", CODES) == expected()


def test_the_same_shapes_within_one_module() -> None:
    imports = "import asyncio\nimport threading\nfrom typing import Dict, List\nimport httpx\nimport redis\n" \
        "import redis.asyncio\nimport requests\n"
    body = [line for line in (textwrap.dedent(HOLDERS) + textwrap.dedent(USERS)).splitlines()
            if not line.startswith(("from shop", "import"))]
    check_marked(imports + textwrap.dedent(POOLS) + "\n".join(body) + "\n", CODES)


SOCKETS = '''
    import asyncio
    import socket
    from dataclasses import dataclass


    @dataclass
    class Slot:
        name: str
        sock: socket.socket


    @dataclass
    class StreamSlot:
        name: str
        writer: asyncio.StreamWriter


    class Relay:
        def __init__(self) -> None:
            self.slots: list[Slot] = []
            self.pair: tuple[socket.socket, socket.socket] = socket.socketpair()
            self.idle: set[socket.socket] = set()
            self.streams: list[StreamSlot] = []

        async def relay(self, data: bytes) -> bytes:
            self.slots[0].sock.sendall(data)  # ACK105
            self.idle.pop().sendall(data)  # ACK105
            self.streams[0].writer.write(data)
            return self.pair[1].recv(64)  # ACK105

        async def offloaded(self) -> bytes:
            return await asyncio.to_thread(self.slots[0].sock.recv, 64)

        def sync_code(self) -> bytes:
            return self.slots[0].sock.recv(64)


    async def last(conns: list[socket.socket], data: bytes) -> bytes:
        conns[0].sendall(data)  # ACK105
        return conns[-1].recv(64)  # ACK105


    async def switched(conns: list[socket.socket]) -> bytes:
        conns[0].setblocking(False)
        return conns[0].recv(64)


    async def handed_to_the_loop(conns: list[socket.socket]) -> bytes:
        loop = asyncio.get_running_loop()
        await loop.sock_sendall(conns[0], b"x")
        return conns[0].recv(64)


    async def undeclared(conns, data: bytes) -> None:
        conns[0].sendall(data)
'''


def test_sockets_taken_from_declared_collections() -> None:
    check_marked(SOCKETS, ["ACK105"])


DI = '''
    import threading
    from typing import Dict, Sequence, Type, TypeVar

    T = TypeVar("T")


    class Container:
        def __init__(self) -> None:
            self._made: Dict[type, object] = {}

        def get(self, kind: Type[T]) -> T:
            return self._made[kind]  # type: ignore


    def first(xs: Sequence[T]) -> T:
        return xs[0]


    def resolve(kind: type[T]) -> T:
        return kind()
'''

HANDLERS = '''
    import asyncio
    import threading

    import httpx
    import requests

    from svc import di
    from svc.di import Container, first, resolve


    async def handler(c: Container, sessions: list[requests.Session], url: str) -> None:
        c.get(requests.Session).get(url)  # ACK102
        first(sessions).get(url)  # ACK102
        resolve(requests.Session).get(url)  # ACK102
        di.resolve(httpx.Client).get(url)  # ACK102
        with c.get(threading.Lock):  # ACK201
            await asyncio.sleep(0)


    async def look_alikes(c: Container, clients: list[httpx.AsyncClient], url: str) -> None:
        await c.get(httpx.AsyncClient).get(url)
        await first(clients).get(url)
        await resolve(httpx.AsyncClient).get(url)
        async with c.get(asyncio.Lock):
            await asyncio.sleep(0)
        await asyncio.to_thread(resolve(requests.Session).get, url)


    def sync_code(c: Container, url: str) -> None:
        c.get(requests.Session).get(url)
'''


def test_functions_generic_in_their_own_arguments_across_modules(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/di.py": DI, "svc/handlers.py": HANDLERS}
    source = textwrap.dedent(HANDLERS).lstrip("\n")
    want = {("svc/handlers.py", line, code) for code, line in marked(source) if code in CODES}
    assert project_findings(tmp_path, files, CODES) == want
    assert named_findings(tmp_path, "svc/handlers.py", CODES) == want
    imports = [line for line in source.splitlines() if line.startswith(("import", "from")) and "svc" not in line]
    body = [line.replace("di.resolve", "resolve") for line in source.splitlines()
            if not line.startswith(("import", "from"))]
    check_marked("\n".join(imports) + textwrap.dedent(DI) + "\n".join(body) + "\n", CODES)


GENERIC_KINDS = '''
    from typing import Generic, TypeVar

    C = TypeVar("C")


    class Pipeline[S]:
        def __init__(self, stage: S) -> None:
            self.stage = stage

        def head(self) -> S:
            return self.stage


    class Cache(Generic[C]):
        def __init__(self) -> None:
            self.entries: dict[str, C] = {}
'''

GENERIC_USERS = '''
    import httpx
    import requests

    from kit.kinds import Cache, Pipeline


    async def pep695(pipe: Pipeline[httpx.Client], quiet: Pipeline[httpx.AsyncClient], url: str) -> None:
        pipe.head().get(url)  # ACK102
        await quiet.head().get(url)


    async def through_items(caches: dict[str, Cache[requests.Session]], quiet: dict[str, Cache[httpx.AsyncClient]],
                            url: str) -> None:
        for _name, cache in caches.items():
            for session in cache.entries.values():
                session.get(url)  # ACK102
        for _name, other in quiet.items():
            for client in other.entries.values():
                await client.get(url)
'''


def test_pep695_classes_and_mapping_items_across_modules(tmp_path: Path) -> None:
    files = {"kit/__init__.py": "", "kit/kinds.py": GENERIC_KINDS, "kit/users.py": GENERIC_USERS}
    source = textwrap.dedent(GENERIC_USERS).lstrip("\n")
    want = {("kit/users.py", line, code) for code, line in marked(source) if code in CODES}
    assert project_findings(tmp_path, files, CODES) == want
