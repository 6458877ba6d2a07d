"""Shapes from the fifth round of reading findings on real code nobody here wrote (bench/real/real47-labels.tsv):
misses seen in passing, since the round's findings held no false one."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_a_task_made_on_the_loop_of_a_client_parameter_and_dropped():
    # `client.loop` read off a parameter is as much a loop as `self.app.loop`; a method's own object, a local
    # object the code made, and a loop-named attribute fed no coroutine in a module without asyncio are not guessed
    check_marked('''
        import asyncio


        class Engine:
            def __init__(self):
                self.loop = Scheduler()


        class Scheduler:
            def create_task(self, job):
                return job


        class Album:
            def __init__(self, client, event):
                self.event = event
                client.loop.create_task(self.deliver_event())  # ACK302

            async def deliver_event(self):
                pass


        class Keeper:
            def __init__(self, client):
                self.tasks = set()
                task = client.loop.create_task(self.run())
                self.tasks.add(task)
                task.add_done_callback(self.tasks.discard)
                self.loop.create_task(self.run())

            async def run(self):
                pass


        def start(client):
            engine = Engine()
            engine.loop.create_task("redraw")
            client.loop.call_soon(print, "started")
    ''', ["ACK302"])


def test_a_loop_named_attribute_of_a_parameter_in_a_module_without_asyncio():
    # without an asyncio import, only a call of one of the module's coroutine functions says the receiver is a loop
    check_marked('''
        class Album:
            def __init__(self, client):
                client.loop.create_task(self.deliver_event())  # ACK302
                client.loop.create_task("redraw")

            async def deliver_event(self):
                pass
    ''', ["ACK302"])


def test_a_task_made_on_the_loop_of_a_client_a_base_class_in_another_module_sets(tmp_path):
    # telethon's events: `self._client` is assigned only by a base class of another module, the event class is
    # nested in its builder and exported by the package under a shorter name, and the event module never imports
    # asyncio; the callback it starts on the client's loop is dropped
    files = {
        "pkg/__init__.py": "from .callbackquery import CallbackQuery\n",
        "pkg/common.py": '''
            class EventCommon:
                def __init__(self):
                    self._client = None

                def _set_client(self, client):
                    self._client = client
        ''',
        "pkg/callbackquery.py": '''
            import re

            from .common import EventCommon


            class CallbackQuery:
                class Event(EventCommon):
                    def answer_later(self):
                        self._client.loop.create_task(self.answer())

                    def answer_kept(self):
                        self.pending = self._client.loop.create_task(self.answer())

                    def schedule(self):
                        self._client.loop.create_task(re.compile("x"))

                    async def answer(self):
                        pass
        ''',
    }
    assert project_findings(tmp_path, files, ["ACK302"]) == {("pkg/callbackquery.py", 9, "ACK302")}


def test_a_loop_attribute_of_a_typed_project_object_is_not_guessed(tmp_path):
    # a class of the project whose `loop` is its own scheduler, held by the attribute: the evaluator knows it
    files = {
        "pkg/__init__.py": "",
        "pkg/engine.py": '''
            class Scheduler:
                def create_task(self, job):
                    self.jobs.append(job)
                    return job


            class Engine:
                def __init__(self):
                    self.jobs = []
                    self.loop = Scheduler()
        ''',
        "pkg/game.py": '''
            from .engine import Engine


            class Game:
                def __init__(self):
                    self.engine = Engine()

                def tick(self):
                    self.engine.loop.create_task(self.redraw())

                async def redraw(self):
                    pass
        ''',
    }
    assert project_findings(tmp_path, files, ["ACK302"]) == set()


def test_a_plain_function_that_falls_off_its_end_is_not_a_coroutine_maker():
    # prefect's sync flow engine: `call_flow_fn` returns a coroutine only for an async flow and falls off its
    # end (None) for a sync one; every return handing back a coroutine is not enough when the end is reachable
    check_marked('''
        import threading

        lock = threading.Lock()


        class Engine:
            def __init__(self, flow):
                self.flow = flow

            async def _call(self):
                await self.flow.fn()

            async def _noop(self):
                pass

            def call_flow_fn(self):
                if self.flow.isasync:
                    return self._call()
                else:
                    self.flow.fn()

            def call_or_log(self):
                try:
                    return self._call()
                except KeyError:
                    print("no flow")

            def call_later(self, now):
                if now is None:
                    return self._noop()
                elif now:
                    return self._call()
                else:
                    return self._call()

            def call_locked(self):
                with lock:
                    return self._call()

            def call_tried(self):
                try:
                    return self._call()
                except KeyError:
                    raise ValueError("no flow")


        def run_flow_sync(flow):
            engine = Engine(flow)
            engine.call_flow_fn()
            engine.call_or_log()
            engine.call_later(1)  # ACK301
            engine.call_locked()  # ACK301
            engine.call_tried()  # ACK301
    ''', ["ACK301"])


RUNNING_LOOP_CALL = '''
    import asyncio
    import threading
    from typing import Optional


    def get_running_loop() -> Optional[asyncio.AbstractEventLoop]:
        try:
            return asyncio.get_running_loop()
        except RuntimeError:
            return None


    async def work():
        pass


    _REFS = set()


    class Call:
        def __init__(self, main_loop: asyncio.AbstractEventLoop, done: asyncio.Event):
            self.main_loop = main_loop
            self.done = done

        def run(self):
            loop = get_running_loop()
            if loop:
                task = loop.create_task(work())
                _REFS.add(task)
                asyncio.ensure_future(task).add_done_callback(_REFS.discard)
                return task
            return None

        def run_and_tell(self):
            loop = get_running_loop()
            if loop is not None:
                loop.create_task(work()).add_done_callback(_REFS.discard)
            self.done.set()
'''

RUNNING_LOOP_WORKER = '''
    import queue
    import threading
    from typing import Optional

    from .calls import Call


    class Worker(threading.Thread):
        def __init__(self):
            super().__init__()
            self._queue: "queue.Queue[Optional[Call]]" = queue.Queue()

        def run(self):
            while True:
                call = self._queue.get()
                if call is None:
                    break
                call.run()
                call.run_and_tell()
'''


def test_loop_objects_touched_only_under_the_running_loop_the_code_asked_for(tmp_path):
    # prefect's Call.run, run by worker threads and by loops alike: it touches a loop and its task only under
    # `if loop:` after `loop = get_running_loop()`, so only on the thread that loop runs on; the Event it sets
    # unconditionally is still a loop object touched from the worker thread
    files = {"pkg/__init__.py": "", "pkg/calls.py": RUNNING_LOOP_CALL, "pkg/threads.py": RUNNING_LOOP_WORKER}
    assert project_findings(tmp_path, files, ["ACK401", "ACK402"]) == {("pkg/threads.py", 19, "ACK401")}


def test_loop_objects_touched_under_the_running_loop_in_the_thread_s_own_module():
    check_marked(RUNNING_LOOP_CALL + '''
    class Worker(threading.Thread):
        def __init__(self, call: Call):
            super().__init__()
            self.call = call

        def run(self):
            loop = get_running_loop()
            if loop:
                loop.create_task(work())
            else:
                self.call.main_loop.create_task(work())  # ACK402
            self.call.done.set()  # ACK401
    ''', ["ACK401", "ACK402"])


def test_the_same_in_a_library_s_own_source_read_under_the_tables_public_names(tmp_path):
    # linting a library the tables know, its classes go by their public names (`telethon.events.CallbackQuery.Event`
    # for `telethon.events.callbackquery.CallbackQuery.Event`): the path off `self._client` is named so too
    files = {
        "telethon/__init__.py": "",
        "telethon/events/__init__.py": "from .callbackquery import CallbackQuery\n",
        "telethon/events/common.py": '''
            class EventCommon:
                def _set_client(self, client):
                    self._client = client
        ''',
        "telethon/events/callbackquery.py": '''
            from .common import EventCommon


            class CallbackQuery:
                class Event(EventCommon):
                    def answer_later(self):
                        self._client.loop.create_task(self.answer())

                    def answer_kept(self):
                        self.pending = self._client.loop.create_task(self.answer())

                    async def answer(self):
                        pass
        ''',
    }
    assert project_findings(tmp_path, files, ["ACK302"]) == {("telethon/events/callbackquery.py", 7, "ACK302")}
