"""A small framework subclasses socket.socket, threading.Thread and asyncio.Queue and checks what it is handed."""
import asyncio
import socket
import threading


class CountingSocket(socket.socket):
    sent = 0

    def sendall(self, data, *flags):
        CountingSocket.sent += len(data)
        return super().sendall(data, *flags)

    def recv(self, n, *flags):
        data = super().recv(n, *flags)
        return data.upper()


class EchoThread(threading.Thread):
    def __init__(self, server):
        super().__init__(name="echo", daemon=True)
        self.server = server
        self.served = 0

    def run(self):
        conn, _ = self.server.accept()
        with conn:
            while data := conn.recv(100):
                conn.sendall(data)
                self.served += 1

    def join(self, timeout=None):
        super().join(timeout)
        return self.served


class TaggedQueue(asyncio.Queue):
    def _init(self, maxsize):
        super()._init(maxsize)
        self.tags = []

    def _put(self, item):
        self.tags.append(item[0])
        super()._put(item)

    def put_nowait(self, item):
        return super().put_nowait((len(self.tags), item))


def client(port):
    with CountingSocket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.connect(("127.0.0.1", port))
        s.sendall(b"hello")
        got = s.recv(100)
        s.sendall(b"bye")
        got += s.recv(100)
        return got, type(s).__name__, isinstance(s, socket.socket), type(s).__mro__[1:3]


async def main():
    server = socket.create_server(("127.0.0.1", 0))
    echo = EchoThread(server)
    echo.start()
    print(await asyncio.to_thread(client, server.getsockname()[1]), CountingSocket.sent)
    print(await asyncio.to_thread(echo.join), isinstance(echo, threading.Thread), echo.name)
    server.close()
    q = TaggedQueue(maxsize=5)
    for word in ("a", "b", "c"):
        q.put_nowait(word)
    print([await q.get() for _ in range(3)], q.tags, isinstance(q, asyncio.Queue), type(q).__mro__[1].__name__)
    print(asyncio.Queue[int], issubclass(TaggedQueue, asyncio.Queue), type(asyncio.Queue).__name__)
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    fut = loop.create_future()
    print(isinstance(loop, asyncio.AbstractEventLoop), isinstance(loop, asyncio.BaseEventLoop),
          isinstance(task, asyncio.Task), isinstance(fut, asyncio.Future), asyncio.isfuture(task),
          type(task).__name__, type(fut).__name__, type(task).__module__, type(fut).__module__,
          asyncio.Task is asyncio.tasks.Task, type(task) is asyncio.Task, type(fut) is asyncio.Future)
    print([c.__name__ for c in type(asyncio.Lock()).__mro__], [c.__name__ for c in type(asyncio.Event()).__mro__],
          [c.__name__ for c in type(q).__mro__], type(threading.Lock()).__name__, type(threading.Event()).__name__)
    print(sorted(vars(asyncio.Lock())), sorted(vars(asyncio.Event())), sorted(vars(q)), sorted(vars(asyncio.Semaphore())))
    fut.cancel()


asyncio.run(main())
