"""An awaitable request object (aiohttp's `session.get(...)`) bound to a name that is then only used as if it held
the response: printed, tested, its attributes read. The request is never sent."""
from __future__ import annotations

from .helpers import check_marked, messages_by_line


def test_request_bound_and_only_used_as_the_response_is_reported():
    check_marked('''
        import aiohttp


        async def notify(session: aiohttp.ClientSession, url: str, event: dict):
            resp = session.post(url, json=event)  # ACK301
            print("notified", resp)


        async def status(url: str):
            async with aiohttp.ClientSession() as session:
                reply = session.get(url)  # ACK301
                if reply.status != 200:
                    return None
                return reply.headers


        class Hook:
            def __init__(self, session: aiohttp.ClientSession):
                self.session = session

            async def ping(self, url):
                sent = self.session.head(url)  # ACK301
                return f"pinged {url}: {sent}"
    ''', ["ACK301"])


def test_request_awaited_entered_or_handed_on_is_left_alone():
    check_marked('''
        import asyncio
        import aiohttp


        async def entered_later(session: aiohttp.ClientSession, url: str):
            request = session.get(url)
            print("fetching", url)
            async with request as resp:
                return await resp.text()


        async def awaited_then_printed(session: aiohttp.ClientSession, url: str):
            request = session.get(url)
            resp = await request
            print(request, resp.status)
            return resp


        async def handed_to_wait_for(session: aiohttp.ClientSession, url: str):
            request = session.get(url)
            return await asyncio.wait_for(request, 5)


        async def handed_to_a_helper(session: aiohttp.ClientSession, url: str, send):
            request = session.get(url)
            print("queued", url)
            return await send(request)


        def built_in_sync_code(session: aiohttp.ClientSession, url: str):
            request = session.get(url)
            print(request)
            return request


        class Client:
            def get(self, url):
                return url

        async def a_method_that_merely_shares_the_name(url: str):
            request = Client().get(url)
            print(request)
    ''', ["ACK301"])


def test_the_message_says_the_object_never_runs_and_how_to_run_it():
    messages = messages_by_line('''
        import aiohttp


        async def notify(session: aiohttp.ClientSession, url: str):
            resp = session.post(url)
            print(resp)
    ''', ["ACK301"])
    message = messages["resp = session.post(url)"]
    assert "bound to `resp`" in message and "only used as if it held the result" in message
    assert "add `await`, or enter it with `async with`" in message
