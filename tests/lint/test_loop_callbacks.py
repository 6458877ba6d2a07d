"""Sync code that the event loop itself calls on its thread: a protocol's `data_received`, a callback handed to
`loop.call_soon`/`call_later`/`add_reader`, a task's done callback. A blocking call there stalls the loop as
surely as one in a coroutine; the same code handed to a thread, or a method that merely shares the name, does not.
"""
from __future__ import annotations

import pytest

from .helpers import check_marked
from .test_loop_thread import BLOCKING, CALLS, HEADER

PROTOCOLS = HEADER + '''
class Echo(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        {call}  # {code}

    def data_received(self, data):
        self.transport.write(data)
        {call}  # {code}

    def helper(self):
        return {call}


class Base(asyncio.DatagramProtocol):
    pass


class Derived(Base):
    def datagram_received(self, data, addr):
        {call}  # {code}


class NotAProtocol:
    def data_received(self, data):
        {call}


class Worker(threading.Thread):
    def connection_made(self, transport):
        {call}
'''

SCHEDULED = HEADER + '''
class Poller:
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop

    def start(self):
        self.loop.call_later(5, self.poll)  # {code}
        self.loop.call_soon(lambda: {call})  # {code}
        self.loop.add_reader(0, self.poll)  # {code}
        self.loop.call_soon(self.quiet)

    def poll(self):
        {call}

    def quiet(self):
        return 1

    def in_a_thread(self):
        return {call}

    async def offload(self):
        await self.loop.run_in_executor(None, self.in_a_thread)
        threading.Thread(target=self.in_a_thread).start()


def on_done(task):
    {call}


def maybe(fast=False):
    if not fast:
        {call}


async def main():
    task = asyncio.create_task(job())
    task.add_done_callback(on_done)  # {code}
    loop = asyncio.get_running_loop()
    loop.call_soon(maybe, True)
    loop.call_soon(maybe)  # {code}
    await task
'''


def _source(template: str, code: str) -> str:
    return template.replace("{call}", CALLS[code]).replace("{code}", code)


@pytest.mark.parametrize("code", BLOCKING)
def test_protocol_callbacks_run_on_the_loop(code):
    check_marked(_source(PROTOCOLS, code), BLOCKING)


@pytest.mark.parametrize("code", BLOCKING)
def test_scheduled_callbacks_run_on_the_loop(code):
    check_marked(_source(SCHEDULED, code), BLOCKING)


def test_a_thread_pool_futures_done_callback_is_not_the_loops():
    check_marked('''
import time
from concurrent.futures import ThreadPoolExecutor

def on_done(fut):
    time.sleep(1)

def start(pool: ThreadPoolExecutor):
    fut = pool.submit(print, 1)
    fut.add_done_callback(on_done)
''', BLOCKING)
