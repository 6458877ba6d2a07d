"""Shapes blind53b's held-out set (bench/heldout/lint/blind53b-set) showed missing, each a place a value's type is
written down: a classmethod declared `-> Self`, a local annotated where it is bound, a plain method declared to
return a coroutine, a socket a classmethod constructor hands `__init__`, a Protocol and the classes that implement
it without naming it. Each beside the look-alike the same type source leads to."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_self_returning_constructor_gives_an_instance_of_its_class():
    check_marked('''
        import asyncio
        from typing import Self

        import requests


        class Passenger:
            def __init__(self, email: str) -> None:
                self.email = email
                self.http = requests.Session()

            @classmethod
            def from_row(cls, row: dict) -> Self:
                return cls(row["email"])

            def renamed(self, email: str) -> Self:
                return type(self)(email)

            async def send_notice(self, text: str) -> None:
                await asyncio.sleep(0)

            def display(self) -> str:
                return self.email

            def profile(self) -> dict:
                return self.http.get(f"https://crm.invalid/{self.email}", timeout=5).json()


        async def delay_notice(rows: list[dict]) -> None:
            for row in rows:
                Passenger.from_row(row).send_notice("delayed")  # ACK301
                passenger = Passenger.from_row(row)
                passenger.renamed("x@y.invalid").send_notice("renamed")  # ACK301
                await passenger.send_notice("boarding")


        async def profiles(rows: list[dict]) -> list[dict]:
            return [Passenger.from_row(row).profile() for row in rows]  # ACK102


        async def names(rows: list[dict]) -> list[str]:
            return [Passenger.from_row(row).display() for row in rows]
    ''', ["ACK301", "ACK102"])


def test_self_returning_constructor_across_modules(tmp_path):
    found = project_findings(tmp_path, {
        "fleet/__init__.py": "from .models import Ferry\n",
        "fleet/models.py": '''
            import asyncio
            from typing import Self


            class Ferry:
                @classmethod
                def named(cls, name: str) -> Self:
                    return cls()

                async def depart(self) -> None:
                    await asyncio.sleep(0)

                def close(self) -> None:
                    pass
        ''',
        "fleet/api.py": '''
            from . import Ferry


            async def sail(name: str) -> None:
                Ferry.named(name).depart()
                Ferry.named(name).close()
        ''',
    }, ["ACK301"])
    assert found == {("fleet/api.py", 5, "ACK301")}


def test_annotated_local_of_a_task_factory_never_read():
    check_marked('''
        import asyncio


        async def refresh(branch: str) -> None:
            await asyncio.sleep(0)


        def spawn_refresh(branch: str) -> asyncio.Task[None]:
            return asyncio.create_task(refresh(branch))


        async def on_branch_open(branch: str) -> None:
            task: asyncio.Task[None] = spawn_refresh(branch)  # ACK302
            print(branch)


        async def on_branch_open_kept(branch: str) -> asyncio.Task[None]:
            task: asyncio.Task[None] = spawn_refresh(branch)
            return task


        async def on_branch_open_awaited(branch: str) -> None:
            task: asyncio.Task[None] = spawn_refresh(branch)
            print(branch)
            await task
    ''', ["ACK302"])


def test_plain_method_declared_to_return_a_coroutine():
    """A Protocol's or abstract method's stub declared `-> Awaitable[T]`, and any plain method declared
    `-> Coroutine[...]`, makes what its callers must await. A body under `-> Awaitable[T]` that hands back a future
    is left alone, as are the interface's plain members."""
    check_marked('''
        import abc
        import asyncio
        from typing import Any, Awaitable, Coroutine, Protocol


        class SeatStore(Protocol):
            def hold(self, sailing: str, seat: str) -> Awaitable[bool]: ...

            def label(self, sailing: str) -> str: ...


        class Fetcher(abc.ABC):
            @abc.abstractmethod
            def fetch(self, key: str) -> Awaitable[bytes]:
                """Implementations fetch the key."""
                raise NotImplementedError

            def ready(self) -> Awaitable[None]:
                return asyncio.get_running_loop().create_future()

            def refresh(self) -> Coroutine[Any, Any, None]:
                return self._refresh()

            def _refresh(self):
                return asyncio.sleep(0)


        async def hold_seat(store: SeatStore, fetcher: Fetcher, sailing: str, seat: str) -> bool:
            store.label(sailing)
            store.hold(sailing, seat)  # ACK301
            fetcher.fetch(seat)  # ACK301
            fetcher.refresh()  # ACK301
            fetcher.ready()
            return await store.hold(sailing, seat)
    ''', ["ACK301"])


def test_socket_handed_to_init_by_the_classs_own_constructor():
    """`self.sock = sock` from `__init__`'s parameter counts as a socket the class makes when every construction
    the module makes hands it a socket just made (a classmethod's `cls(socket.create_connection(...))`): a sync
    method's `sendall` then blocks its coroutine callers. A socket handed in from elsewhere (a factory's
    parameter), or one a method switches to non-blocking mode, stays unknown."""
    check_marked('''
        import socket
        from typing import Self


        class MountLink:
            def __init__(self, sock: socket.socket) -> None:
                self.sock = sock

            @classmethod
            def connect(cls, host: str, port: int = 9999) -> Self:
                return cls(socket.create_connection((host, port), timeout=5))

            def command(self, line: str) -> bytes:
                self.sock.sendall(line.encode() + b"\\n")
                return self.sock.recv(256)


        class HandedLink:
            def __init__(self, sock: socket.socket) -> None:
                self.sock = sock

            def command(self, line: str) -> bytes:
                self.sock.sendall(line.encode())
                return self.sock.recv(256)


        def wrap(sock: socket.socket) -> HandedLink:
            return HandedLink(sock)


        class SwitchedLink:
            def __init__(self, sock: socket.socket) -> None:
                self.sock = sock

            @classmethod
            def connect(cls, host: str) -> Self:
                return cls(socket.create_connection((host, 9999)))

            def command(self, line: str) -> bytes:
                self.sock.sendall(line.encode())
                return self.sock.recv(256)

            def detach_to_loop(self) -> None:
                self.sock.setblocking(False)


        async def park(mounts: dict[str, MountLink], name: str) -> None:
            if (link := mounts.get(name)) is not None:
                link.command("PARK")  # ACK105


        async def park_handed(link: HandedLink, other: SwitchedLink) -> None:
            link.command("PARK")
            other.command("PARK")
    ''', ["ACK105"])


def test_protocol_whose_only_implementations_block():
    """A call on an object typed as a Protocol runs one of the project's classes that implement it (defining every
    method it declares, without naming it a base): when every such class's method blocks, so does the call. One
    implementation that does not block (an in-memory fake) leaves the call alone, as does a protocol of only the
    members the io module's streams have, which library objects fit as well."""
    check_marked('''
        import urllib.request
        from typing import Protocol


        class DomeControl(Protocol):
            def open_shutter(self) -> None: ...

            def label(self) -> str: ...


        class RelayDome:
            def __init__(self, base_url: str) -> None:
                self.base_url = base_url

            def open_shutter(self) -> None:
                with urllib.request.urlopen(self.base_url + "/open", timeout=10) as resp:
                    resp.read()

            def label(self) -> str:
                return self.base_url


        class Mount(Protocol):
            def park(self) -> None: ...

            def label(self) -> str: ...


        class TcpMount:
            def park(self) -> None:
                urllib.request.urlopen("http://mount.invalid/park", timeout=10).read()

            def label(self) -> str:
                return "tcp"


        class SimulatedMount:
            def __init__(self) -> None:
                self.parked = False

            def park(self) -> None:
                self.parked = True

            def label(self) -> str:
                return "sim"


        class SupportsRead(Protocol):
            def read(self, size: int = -1) -> bytes: ...


        class SpoolReader:
            def __init__(self, path: str) -> None:
                self.path = path

            def read(self, size: int = -1) -> bytes:
                with open(self.path, "rb") as fh:
                    return fh.read(size)


        async def open_dome(dome: DomeControl, mount: Mount, body: SupportsRead) -> str:
            dome.open_shutter()  # ACK102
            mount.park()
            body.read()  # (an io.BytesIO fits the protocol as well as the project's SpoolReader)
            return dome.label()
    ''', ["ACK102", "ACK103"])


def test_new_type_is_the_class_it_wraps():
    """`Bridge = NewType("Bridge", requests.Session)`: a value declared `Bridge` (or made by `Bridge(...)`) is a
    session; one over an async client stays async."""
    check_marked('''
        from typing import NewType

        import httpx
        import requests

        Bridge = NewType("Bridge", requests.Session)
        AsyncBridge = NewType("AsyncBridge", httpx.AsyncClient)


        def open_bridge(token: str) -> Bridge:
            session = requests.Session()
            session.headers["Authorization"] = token
            return Bridge(session)


        async def push(token: str, schedule: dict, other: AsyncBridge) -> None:
            bridge: Bridge = open_bridge(token)
            bridge.post("https://bridge.invalid/schedule", json=schedule)  # ACK102
            Bridge(requests.Session()).get("https://bridge.invalid/ping")  # ACK102
            await other.post("/schedule", json=schedule)
    ''', ["ACK102"])


def test_new_type_across_modules(tmp_path):
    found = project_findings(tmp_path, {
        "kiln/__init__.py": "from .pools import BridgeSession as Bridge, open_bridge\n",
        "kiln/pools.py": '''
            from typing import NewType

            import requests

            BridgeSession = NewType("BridgeSession", requests.Session)


            def open_bridge() -> BridgeSession:
                return BridgeSession(requests.Session())
        ''',
        "kiln/api.py": '''
            from . import Bridge, open_bridge


            async def push(schedule: dict) -> None:
                bridge: Bridge = open_bridge()
                bridge.post("https://bridge.invalid/schedule", json=schedule)
        ''',
    }, ["ACK102"])
    assert found == {("kiln/api.py", 6, "ACK102")}


def test_parameter_declared_a_class_makes_its_instances():
    """`factory: type[httpx.Client]` (the builtin `type`, as `typing.Type` already was): calling it makes a client."""
    check_marked('''
        import httpx


        async def ping(factory: type[httpx.Client], url: str) -> int:
            with factory(base_url=url) as client:
                return client.get("/ping").status_code  # ACK102


        async def ping_async(factory: type[httpx.AsyncClient], url: str) -> int:
            async with factory(base_url=url) as client:
                return (await client.get("/ping")).status_code
    ''', ["ACK102"])


def test_generic_class_returned_by_another_modules_factory(tmp_path):
    """`HTTP_POOL = pooled(4)`, another module's `def pooled(n) -> Pool[httpx.Client]` and `Pool.take() -> T`:
    what the factory declares its pool holds is what `take()` gives; a factory declared to hand out a pool of
    async clients stays quiet."""
    found = project_findings(tmp_path, {
        "kiln/__init__.py": "from .pools import Pool, async_pooled, pooled\n",
        "kiln/pools.py": '''
            from typing import Generic, TypeVar

            import httpx

            T = TypeVar("T")


            class Pool(Generic[T]):
                def __init__(self, items: list[T]) -> None:
                    self._free = list(items)

                def take(self) -> T:
                    return self._free.pop()


            def pooled(n: int) -> Pool[httpx.Client]:
                return Pool([httpx.Client() for _ in range(n)])


            def async_pooled(n: int) -> Pool[httpx.AsyncClient]:
                return Pool([httpx.AsyncClient() for _ in range(n)])
        ''',
        "kiln/api.py": '''
            from . import async_pooled, pooled

            HTTP_POOL = pooled(4)
            ASYNC_POOL = async_pooled(4)


            async def temperature(kiln: str) -> float:
                return HTTP_POOL.take().get(f"/{kiln}/temperature").json()["celsius"]


            async def temperature_async(kiln: str) -> float:
                return (await ASYNC_POOL.take().get(f"/{kiln}/temperature")).json()["celsius"]


            async def temperature_direct(kiln: str) -> int:
                return pooled(1).take().get("/ping").status_code
        ''',
    }, ["ACK102"])
    assert found == {("kiln/api.py", 8, "ACK102"), ("kiln/api.py", 16, "ACK102")}


def test_isinstance_with_a_tuple_of_classes_the_rules_treat_alike():
    """`isinstance(x, (requests.Session, httpx.Client))`: either way a sync HTTP client, as the union
    `requests.Session | httpx.Client` declares; a tuple of unlike classes says nothing."""
    check_marked('''
        import httpx
        import requests


        async def fetch(source: requests.Session | httpx.Client | httpx.AsyncClient, url: str) -> bytes:
            if isinstance(source, (requests.Session, httpx.Client)):
                return source.get(url).content  # ACK102
            return (await source.get(url)).content


        async def fetch_either(source: object, url: str) -> bytes:
            if isinstance(source, (httpx.Client, httpx.AsyncClient)):
                return source.build_request("GET", url).url.raw_path
            return b""
    ''', ["ACK102"])


def test_typed_dict_get_gives_the_keys_declared_type():
    check_marked('''
        from typing import NotRequired, TypedDict

        import redis
        import redis.asyncio as aioredis


        class Caches(TypedDict, total=False):
            parts: aioredis.Redis
            shifts: NotRequired[redis.Redis]


        class Plain:
            def get(self, key: str) -> str:
                return key


        async def shift_lead(caches: Caches, plain: Plain, depot: str) -> bytes | None:
            parts = caches.get("parts")
            if parts is not None:
                await parts.get(f"part:{depot}")
            plain.get("shifts").upper()
            shifts = caches.get("shifts")
            return shifts.get(f"lead:{depot}") if shifts is not None else None  # ACK105
    ''', ["ACK105"])


def test_match_class_pattern_narrows_the_subject():
    check_marked('''
        import httpx


        async def describe(client: httpx.Client | httpx.AsyncClient, path: str) -> int:
            match client:
                case httpx.Client():
                    return client.get(path).status_code  # ACK102
                case httpx.AsyncClient():
                    return (await client.get(path)).status_code
                case _:
                    return 0
    ''', ["ACK102"])
