"""Shapes found false on real async applications (realcode46): each beside the real anti-pattern of its kind,
which is still reported."""
from __future__ import annotations

from .helpers import check_marked, named_findings, project_findings


def test_a_producer_that_gives_up_while_no_consumer_waits_is_fed_on_demand():
    # The claimer's workers count themselves waiting around their take, and the claim gives up at once while that
    # count is zero: rows are claimed for workers already waiting, however often its loop runs. The prefetcher
    # tests a count nobody who takes from the queue keeps: it claims ahead of demand.
    check_marked(
        """
        import asyncio


        class Claimer:
            def __init__(self, db):
                self.db = db
                self._idle = 0
                self._claimed = asyncio.Queue()

            async def next_row(self):
                self._idle += 1
                try:
                    await self._claim()
                    return await self._claimed.get()
                finally:
                    self._idle -= 1

            async def _claim(self):
                if not self._idle:
                    return
                for row in await self.db.claim(limit=self._idle):
                    self._claimed.put_nowait(row)

            async def keep_claiming(self):
                while True:
                    await self._claim()
                    await asyncio.sleep(1)


        class Prefetcher:
            def __init__(self, db):
                self.db = db
                self.idle = 0
                self._claimed = asyncio.Queue()  # ACK501

            async def next_row(self):
                return await self._claimed.get()

            async def _claim(self):
                if not self.idle:
                    return
                for row in await self.db.claim(limit=100):
                    self._claimed.put_nowait(row)

            async def keep_claiming(self):
                while True:
                    await self._claim()
                    await asyncio.sleep(1)


        class Counter:
            def __init__(self, db):
                self.db = db
                self._seen = 0
                self._claimed = asyncio.Queue()  # ACK501

            async def next_row(self):
                self._seen += 1
                return await self._claimed.get()

            async def _claim(self):
                if not self._seen:
                    return
                for row in await self.db.claim(limit=100):
                    self._claimed.put_nowait(row)

            async def keep_claiming(self):
                while True:
                    await self._claim()
                    await asyncio.sleep(1)
        """,
        ["ACK501"],
    )


def test_a_queue_handed_on_by_a_name_the_project_waits_on_for_room_is_paced(tmp_path):
    # `Lane(inbox=asyncio.Queue())`: the lane's producer, in another module, waits while `lane.inbox.qsize()` is
    # above a limit. Its outbox nobody paces: waiting for it to drain (`> 0`) is no room for a producer.
    found = project_findings(tmp_path, {
        "asynccheck.toml": "",
        "lanes/__init__.py": "",
        "lanes/model.py": """
            import asyncio
            from dataclasses import dataclass


            @dataclass
            class Lane:
                name: str
                inbox: asyncio.Queue
                outbox: asyncio.Queue


            def make_lanes(names):
                return [Lane(name=name,
                             inbox=asyncio.Queue(),
                             outbox=asyncio.Queue()) for name in names]
        """,
        "lanes/runner.py": """
            import asyncio


            async def feed(lane, source):
                async for item in source:
                    lane.inbox.put_nowait(item)
                    while lane.inbox.qsize() > 50:
                        await asyncio.sleep(0.01)


            async def finish(lane):
                while lane.outbox.qsize() > 0:
                    await asyncio.sleep(0.1)
        """,
    }, ["ACK501"])
    assert found == {("lanes/model.py", 15, "ACK501")}
    # named alone (pre-commit, an editor), the module is judged as in the whole tree: the fact has no module prefix
    assert named_findings(tmp_path, "lanes/model.py", ["ACK501"]) == found


def test_a_queue_stored_by_a_name_this_module_waits_on_for_room_is_paced():
    check_marked(
        """
        import asyncio


        class Pump:
            def __init__(self):
                self.pending = asyncio.Queue()
                self.done = asyncio.Queue()  # ACK501


        async def push(pump, items):
            for item in items:
                while pump.pending.full() or pump.pending.qsize() >= 100:
                    await asyncio.sleep(0.01)
                pump.pending.put_nowait(item)


        async def wait_idle(pump):
            while pump.done.qsize():
                await asyncio.sleep(0.1)
        """,
        ["ACK501"],
    )


def test_google_api_client_requests_and_google_auth_calls_block_where_they_are_made():
    # Found missing in browser-use's Gmail integration: the discovery client's resources and requests are made
    # locally and only `execute()` goes to the network; credentials refresh over HTTP, the installed-app flow
    # waits for the user's browser, and the key files are read where they are loaded. The same calls in a thread,
    # in sync code, and an `execute()` of something else are left alone.
    check_marked(
        """
        import asyncio

        from google.auth.transport.requests import Request
        from google.oauth2.credentials import Credentials
        from google_auth_oauthlib.flow import InstalledAppFlow
        from googleapiclient.discovery import build


        class Mailbox:
            def __init__(self, token_file, secrets_file, db):
                self.token_file = token_file
                self.secrets_file = secrets_file
                self.db = db
                self.creds = None
                self.service = None

            async def connect(self):
                self.creds = Credentials.from_authorized_user_file(self.token_file)  # ACK103
                if self.creds.expired:
                    self.creds.refresh(Request())  # ACK102
                if not self.creds.valid:
                    flow = InstalledAppFlow.from_client_secrets_file(self.secrets_file, ["gmail"])  # ACK103
                    self.creds = flow.run_local_server(port=0)  # ACK105
                self.service = build("gmail", "v1", credentials=self.creds)

            async def recent(self):
                listing = self.service.users().messages().list(userId="me", maxResults=5)
                found = listing.execute()  # ACK102
                labels = await asyncio.to_thread(self.service.users().labels().list(userId="me").execute)
                statement = self.db.prepare("select 1")
                rows = statement.execute()
                return found, labels, rows

            def recent_sync(self):
                return self.service.users().messages().list(userId="me").execute()

            async def recent_in_thread(self):
                return await asyncio.to_thread(self.recent_sync)
        """,
        ["ACK102", "ACK103", "ACK105"],
    )


def test_the_elements_map_makes_with_a_class_are_instances_of_it():
    # zha's diagnostics importer: `for path in map(pathlib.Path, paths)` then `path.read_text()` in its async
    # main. The same loop in sync code, over anyio's paths (awaited), or over strings, blocks nothing.
    check_marked(
        """
        import json
        import pathlib

        import anyio


        async def load_all(names):
            for path in map(pathlib.Path, names):
                yield json.loads(path.read_text())  # ACK103


        async def load_all_async(names):
            for path in map(anyio.Path, names):
                yield json.loads(await path.read_text())


        async def shout(names):
            return [name.upper() for name in map(str, names)]


        def load_all_sync(names):
            return [json.loads(path.read_text()) for path in map(pathlib.Path, names)]
        """,
        ["ACK103"],
    )
