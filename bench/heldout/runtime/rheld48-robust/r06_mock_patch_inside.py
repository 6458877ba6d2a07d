"""A program's self-test mode patches time.sleep and socket methods with unittest.mock, in and out of the loop."""
import asyncio
import socket
import time
import unittest.mock as mock

ORIGINAL_SLEEP = time.sleep
ORIGINAL_RECV = socket.socket.recv


def retry(fn, attempts=3):
    for i in range(attempts):
        try:
            return fn()
        except ConnectionError:
            time.sleep(0.5 * (i + 1))
    return "gave up"


def flaky():
    raise ConnectionError("down")


def selftest_sync():
    with mock.patch("time.sleep") as fake:
        print(retry(flaky), fake.call_count, [c.args for c in fake.call_args_list])
    print(time.sleep is ORIGINAL_SLEEP)
    with mock.patch("time.sleep", autospec=True) as fake:
        time.sleep(1)
        print(fake.call_count, type(fake).__name__)
    print(time.sleep is ORIGINAL_SLEEP)


async def selftest_async():
    with mock.patch.object(time, "sleep", side_effect=lambda s: None) as fake:
        print(retry(flaky), fake.call_count)
    a, b = socket.socketpair()
    with a, b, mock.patch.object(socket.socket, "recv", return_value=b"mocked") as fake_recv:
        print(a.recv(10), fake_recv.call_count, "recv" in vars(socket.socket))
    print(socket.socket.recv is ORIGINAL_RECV, "recv" in vars(socket.socket), "sleep" in vars(time))
    with mock.patch("socket.socket.sendall") as fake_send:
        c, d = socket.socketpair()
        with c, d:
            c.sendall(b"x")
        print(fake_send.call_args.args)
    with mock.patch.object(asyncio, "sleep", new=mock.AsyncMock(return_value="slept")) as fake:
        print(await asyncio.sleep(100), fake.await_count)
    print(time.sleep is ORIGINAL_SLEEP, socket.socket.recv is ORIGINAL_RECV)


@mock.patch("time.sleep")
def decorated(fake):
    time.sleep(3)
    return fake.call_args


selftest_sync()
asyncio.run(selftest_async())
print(decorated(), time.sleep is ORIGINAL_SLEEP)
