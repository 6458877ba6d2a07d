"""Shapes a blind probe (pyserial reader threads, paho-mqtt clients, a Tk panel, boto3 and confluent-kafka callbacks,
http.server handlers, score feeds, an OCR pipeline) missed or took wrongly. Each flagged shape beside its
look-alikes."""
from __future__ import annotations

from .helpers import check_marked, project_findings

_THREAD_UNSAFE = ("ACK401", "ACK402")


def test_a_confluent_producer_is_judged_by_where_its_own_poll_runs():
    # one class polls its producer from a thread, another from a coroutine: each producer's delivery reports run
    # where that producer is polled, whatever the module does with the other one
    check_marked('''
        import asyncio
        import threading
        import confluent_kafka

        class Announcer:
            def __init__(self, conf):
                self.producer = confluent_kafka.Producer(conf)
                threading.Thread(target=self._poll, daemon=True).start()

            def _poll(self):
                while True:
                    self.producer.poll(0.1)

            async def announce(self, value):
                fut = asyncio.get_running_loop().create_future()
                self.producer.produce("t", value, on_delivery=lambda err, msg: fut.set_result(msg))  # ACK401
                return await fut

        class Auditor:
            def __init__(self, conf):
                self.producer = confluent_kafka.Producer(conf)
                self.failed = asyncio.Event()

            def _report(self, err, msg):
                if err is not None:
                    self.failed.set()

            def record(self, value):
                self.producer.produce("audit", value, callback=self._report)

            async def flusher(self):
                while True:
                    self.producer.poll(0)
                    await asyncio.sleep(0.2)
    ''', _THREAD_UNSAFE)


def test_a_confluent_producer_handed_to_a_thread_to_flush_calls_back_there():
    check_marked('''
        import asyncio
        import confluent_kafka

        class Shipper:
            def __init__(self, conf):
                self.producer = confluent_kafka.Producer(conf)
                self.sent = asyncio.Event()

            def _done(self, err, msg):
                self.sent.set()  # ACK401

            async def ship(self, value):
                self.producer.produce("t", value, callback=self._done)
                await asyncio.to_thread(self.producer.flush, 10)
    ''', _THREAD_UNSAFE)


def test_a_confluent_consumers_rebalance_callbacks_run_on_the_thread_that_polls_it():
    check_marked('''
        import asyncio
        import threading
        import confluent_kafka

        class Edits:
            def __init__(self, conf, loop):
                self.consumer = confluent_kafka.Consumer(conf)
                self.loop = loop
                self.assigned = asyncio.Event()

            def start(self):
                self.consumer.subscribe(["edits"], on_assign=self._on_assign, on_revoke=self._on_revoke)
                threading.Thread(target=self._run, daemon=True).start()

            def _on_assign(self, consumer, partitions):
                self.assigned.set()  # ACK401

            def _on_revoke(self, consumer, partitions):
                self.loop.call_soon_threadsafe(self.assigned.clear)

            def _run(self):
                while True:
                    self.consumer.poll(1.0)

        class EditsOnLoop:
            def __init__(self, conf):
                self.consumer = confluent_kafka.Consumer(conf)
                self.assigned = asyncio.Event()

            def _on_assign(self, consumer, partitions):
                self.assigned.set()

            async def run(self):
                self.consumer.subscribe(["edits"], on_assign=self._on_assign)
                while True:
                    msg = self.consumer.poll(0)
                    if msg is None:
                        await asyncio.sleep(0.1)
    ''', _THREAD_UNSAFE)


def test_a_paho_client_a_class_drives_from_the_loop_calls_back_on_the_loop():
    # paho's asyncio integration: the socket callbacks hand `loop_read` to the loop's `add_reader`, no network
    # thread; another class of the module that calls loop_start() on its own client is still reported
    check_marked('''
        import asyncio
        import paho.mqtt.client as mqtt

        class Threaded:
            def __init__(self, host):
                self.client = mqtt.Client()
                self.connected = asyncio.Event()
                self.host = host

            def start(self):
                self.client.on_connect = self._on_connect
                self.client.connect_async(self.host)
                self.client.loop_start()

            def _on_connect(self, client, userdata, flags, rc):
                self.connected.set()  # ACK401

        class OnLoop:
            def __init__(self, loop):
                self.loop = loop
                self.connected = asyncio.Event()
                self.client = mqtt.Client()
                self.client.on_socket_open = self._on_socket_open
                self.client.on_connect = self._on_connect

            def _on_socket_open(self, client, userdata, sock):
                self.loop.add_reader(sock, client.loop_read)

            def _on_connect(self, client, userdata, flags, rc):
                self.connected.set()

        class OnLoopButThreaded:
            def __init__(self, loop):
                self.loop = loop
                self.connected = asyncio.Event()
                self.client = mqtt.Client()
                self.client.on_socket_open = self._on_socket_open
                self.client.on_connect = self._on_connect
                self.client.loop_start()

            def _on_socket_open(self, client, userdata, sock):
                self.loop.add_reader(sock, client.loop_read)

            def _on_connect(self, client, userdata, flags, rc):
                self.connected.set()  # ACK401
    ''', _THREAD_UNSAFE)


def test_an_instance_called_through_its_call_method_is_run_where_the_library_calls_it_back():
    # boto3's `Callback=Progress(size, updates)` in a worker thread: s3transfer's threads call the instance; one that
    # hands the put to the loop, and one given to a function of this module that never calls it, are left alone
    check_marked('''
        import asyncio
        import threading

        class Progress:
            def __init__(self, size, updates: asyncio.Queue):
                self.size = size
                self.sent = 0
                self.updates = updates
                self.lock = threading.Lock()

            def __call__(self, n):
                with self.lock:
                    self.sent += n
                self.updates.put_nowait(self.sent)  # ACK401

        class ProgressHandover:
            def __init__(self, updates: asyncio.Queue, loop):
                self.updates = updates
                self.loop = loop

            def __call__(self, n):
                self.loop.call_soon_threadsafe(self.updates.put_nowait, n)

        class Describer:
            def __init__(self, updates: asyncio.Queue):
                self.updates = updates

            def __call__(self, n):
                self.updates.put_nowait(n)

        def describe(progress):
            return repr(progress)

        async def upload(s3, path, bucket, key, size, updates: asyncio.Queue):
            loop = asyncio.get_running_loop()
            await asyncio.to_thread(s3.upload_file, path, bucket, key, Callback=Progress(size, updates))
            await asyncio.to_thread(s3.upload_file, path, bucket, key, Callback=ProgressHandover(updates, loop))
            return describe(Describer(updates))
    ''', _THREAD_UNSAFE)


def test_a_loop_side_class_reached_from_a_thread_is_reported_where_the_thread_reaches_it():
    # BuildQueue is right on the loop; the request handler's thread calling it, and the coroutine handing its
    # method to boto3's threads, are the mistakes: reported there, not in the class its loop callers use rightly
    check_marked('''
        import asyncio
        import threading
        from http.server import BaseHTTPRequestHandler

        class BuildQueue:
            def __init__(self):
                self.reasons = asyncio.Queue(maxsize=8)

            def enqueue_nowait(self, reason):
                self.reasons.put_nowait(reason)

            async def next(self):
                return await self.reasons.get()

        class Hook(BaseHTTPRequestHandler):
            builds: BuildQueue

            def do_POST(self):
                self.builds.enqueue_nowait("push")  # ACK401
                self.send_response(202)

        class Bar:
            def __init__(self):
                self.changed = asyncio.Event()

            def advance(self, n):
                self.changed.set()

            async def draw(self):
                await self.changed.wait()

        async def upload(s3, path, bucket, key):
            bar = Bar()
            loop = asyncio.get_running_loop()
            await asyncio.to_thread(s3.upload_file, path, bucket, key, Callback=bar.advance)  # ACK401
            await asyncio.to_thread(s3.upload_file, path, bucket, key,
                                    Callback=lambda n: loop.call_soon_threadsafe(bar.advance, n))
            bar.advance(0)
    ''', _THREAD_UNSAFE)


def test_a_worker_or_the_threads_own_class_is_still_reported_where_it_touches():
    # a worker whose method is the thread's body, and a method of the thread's own class: the touch is the place
    check_marked('''
        import asyncio
        import threading

        class LineReader:
            def __init__(self, stream, out: asyncio.Queue):
                self.stream = stream
                self.out = out

            def run(self):
                for line in self.stream:
                    self.out.put_nowait(line)  # ACK401

        class Host:
            def __init__(self, stream, out: asyncio.Queue):
                self.reader = LineReader(stream, out)
                self.done = asyncio.Event()

            def start(self):
                threading.Thread(target=self.reader.run).start()
                threading.Thread(target=self._watch).start()

            def _watch(self):
                self._finish()

            def _finish(self):
                self.done.set()  # ACK401
    ''', _THREAD_UNSAFE)


def test_another_modules_override_that_hands_the_call_to_the_loop_is_not_its_bases_touch(tmp_path):
    found = project_findings(tmp_path, {
        "plant/__init__.py": "",
        "plant/state.py": '''
            import asyncio

            class AlarmBus:
                def __init__(self):
                    self.alarms = asyncio.Queue(maxsize=100)

                def raise_alarm(self, text):
                    self.alarms.put_nowait(text)

            class ThreadSafeAlarmBus(AlarmBus):
                def __init__(self, loop):
                    super().__init__()
                    self.loop = loop

                def raise_alarm(self, text):
                    self.loop.call_soon_threadsafe(super().raise_alarm, text)

            class LoggedAlarmBus(AlarmBus):
                def describe(self):
                    return "logged"
        ''',
        "plant/probes.py": '''
            import serial.threaded
            from .state import AlarmBus, LoggedAlarmBus, ThreadSafeAlarmBus

            class Plain(serial.threaded.Packetizer):
                def __init__(self, alarms: AlarmBus):
                    super().__init__()
                    self.alarms = alarms

                def handle_packet(self, packet):
                    self.alarms.raise_alarm("fault")

            class Forwarded(serial.threaded.Packetizer):
                def __init__(self, alarms: ThreadSafeAlarmBus):
                    super().__init__()
                    self.alarms = alarms

                def handle_packet(self, packet):
                    self.alarms.raise_alarm("fault")

            class Inherited(serial.threaded.Packetizer):
                def __init__(self, alarms: LoggedAlarmBus):
                    super().__init__()
                    self.alarms = alarms

                def handle_packet(self, packet):
                    self.alarms.raise_alarm("fault")
        ''',
    }, ["ACK401", "ACK402"])
    assert found == {("plant/probes.py", 10, "ACK401"), ("plant/probes.py", 26, "ACK401")}


def test_tk_widgets_a_coroutine_makes_call_back_on_the_loops_thread():
    # the module runs one loop on a helper thread for its main panel; the bottling panel is a coroutine that
    # pumps Tk itself (`root.update()` between sleeps), so its buttons' commands run on the loop's thread
    check_marked('''
        import asyncio
        import threading
        import tkinter as tk

        class LoopThread(threading.Thread):
            def __init__(self):
                super().__init__(daemon=True)
                self.loop = asyncio.new_event_loop()

            def run(self):
                self.loop.run_forever()

        def main_panel(root: tk.Tk, done: asyncio.Event):
            LoopThread().start()
            tk.Button(root, text="Skip", command=lambda: done.set()).pack()  # ACK401

        async def bottling_panel(root: tk.Tk, orders: asyncio.Queue):
            tk.Button(root, text="Fill", command=lambda: orders.put_nowait("fill")).pack()
            while True:
                root.update()
                await asyncio.sleep(1 / 30)
    ''', _THREAD_UNSAFE)


def test_tasks_a_done_callback_lambda_makes_as_its_list_are_dropped():
    check_marked('''
        import asyncio

        running = set()

        def keep(task):
            running.add(task)
            task.add_done_callback(running.discard)
            return task

        async def connect(provider, feeds):
            ready = provider.connect()
            ready.add_done_callback(lambda _: [asyncio.create_task(f.poll()) for f in feeds])  # ACK302
            ready.add_done_callback(lambda _: [keep(asyncio.create_task(f.poll())) for f in feeds])
            await ready
            return [asyncio.create_task(f.poll()) for f in feeds]
    ''', ("ACK302",))


def test_a_wait_after_each_batch_bounds_a_queue_filled_batch_by_batch():
    check_marked('''
        import asyncio

        class Reindexer:
            def __init__(self):
                self.todo = asyncio.Queue()

            async def work(self, engine):
                while True:
                    page = await self.todo.get()
                    await engine.recognise(page)
                    self.todo.task_done()

            async def run(self, db):
                async for batch in db.batches(500):
                    for page in batch:
                        self.todo.put_nowait(page)
                    await self.todo.join()

        class Backfill:
            def __init__(self):
                self.todo = asyncio.Queue()  # ACK501

            async def work(self, engine):
                while True:
                    page = await self.todo.get()
                    await engine.recognise(page)

            async def run(self, db):
                async for batch in db.batches(500):
                    for page in batch:
                        self.todo.put_nowait(page)
                    db.log("queued a batch")
    ''', ("ACK501",))


def test_a_gc_callback_runs_in_any_thread_of_a_module_that_starts_threads():
    check_marked('''
        import asyncio
        import gc
        import threading

        def serve_in_thread(server):
            threading.Thread(target=server.serve_forever, daemon=True).start()

        def install(pauses: asyncio.Queue, loop):
            def on_gc(phase, info):
                pauses.put_nowait(phase)  # ACK401

            def on_gc_handed(phase, info):
                loop.call_soon_threadsafe(pauses.put_nowait, phase)

            gc.callbacks.append(on_gc)
            gc.callbacks.append(on_gc_handed)
    ''', _THREAD_UNSAFE)
    # a program with no thread of its own collects on the loop's thread
    check_marked('''
        import asyncio
        import gc

        def install(pauses: asyncio.Queue):
            def on_gc(phase, info):
                pauses.put_nowait(phase)

            gc.callbacks.append(on_gc)
    ''', _THREAD_UNSAFE)


def test_a_queue_sized_by_a_field_of_a_settings_instance_of_the_module_is_judged_by_what_it_is_given():
    check_marked('''
        import asyncio
        import os
        from dataclasses import dataclass

        @dataclass
        class Limits:
            upload_backlog: int = 0
            alert_backlog: int = 256
            retry_backlog: int = 0

        LIMITS = Limits(upload_backlog=int(os.environ.get("UPLOAD_BACKLOG", "0")),
                        retry_backlog=int(os.environ.get("RETRY_BACKLOG", "500")))

        class Uploads:
            def __init__(self):
                self.pending = asyncio.Queue(LIMITS.upload_backlog)  # ACK501

            async def watch(self, sensor):
                async for reading in sensor.readings():
                    await self.pending.put(reading)

        class Alerts:
            def __init__(self):
                self.pending = asyncio.Queue(LIMITS.alert_backlog)

            async def watch(self, sensor):
                async for alert in sensor.alerts():
                    await self.pending.put(alert)

        class Retries:
            def __init__(self):
                self.pending = asyncio.Queue(maxsize=LIMITS.retry_backlog)

            async def watch(self, sensor):
                async for failure in sensor.failures():
                    await self.pending.put(failure)
    ''', ("ACK501",))
