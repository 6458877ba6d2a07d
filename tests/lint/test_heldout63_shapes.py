"""Shapes measured on held-out robotics, gateway, media and desktop code (heldout63).

ROS callbacks: rclpy calls a node's subscription, timer and service callbacks on the thread that spins its
executor, rospy on threads of its own; asyncio objects touched there are ACK401/ACK402. Look-alikes: a hand-back
through `call_soon_threadsafe`, a callback that is a coroutine function (rclpy runs it as its own task), a module
that spins the node from a coroutine (`spin_once` between awaits: the loop's thread), a project's own class with a
method of the same name."""
from __future__ import annotations

from .helpers import check_marked


def test_rclpy_callbacks_run_on_the_executors_thread():
    check_marked('''
        import asyncio

        from rclpy.node import Node
        from std_msgs.msg import String


        class Relay(Node):
            def __init__(self, inbox: asyncio.Queue, loop: asyncio.AbstractEventLoop, planner):
                super().__init__("relay")
                self.inbox, self.loop, self.planner = inbox, loop, planner
                self.arrived = asyncio.Event()
                self.create_subscription(String, "/in", self.on_msg, 10)
                self.create_subscription(String, "/safe", self.on_safe, 10)
                self.create_subscription(String, "/arrived", callback=self.on_arrived, qos_profile=10)
                self.create_timer(0.5, self.tick)
                self.create_subscription(String, "/coro", self.on_coro, 10)

            def on_msg(self, msg):
                self.inbox.put_nowait(msg.data)  # ACK401

            def on_safe(self, msg):
                self.loop.call_soon_threadsafe(self.inbox.put_nowait, msg.data)

            def on_arrived(self, msg):
                self.arrived.set()  # ACK401

            def tick(self):
                self.loop.create_task(self.planner.replan())  # ACK402

            async def on_coro(self, msg):
                self.arrived.set()


        def attach(node: Node, done: asyncio.Event) -> None:
            def on_done(msg):
                done.set()  # ACK401

            node.create_service(String, "/done", on_done)
    ''', ["ACK401", "ACK402", "ACK302"])


def test_rospy_subscriber_callbacks_run_on_rospys_threads():
    check_marked('''
        import asyncio

        import rospy
        from std_msgs.msg import String


        def listen(stop: asyncio.Event, loop: asyncio.AbstractEventLoop) -> None:
            def on_stop(msg):
                stop.set()  # ACK401

            def on_stop_safe(msg):
                loop.call_soon_threadsafe(stop.set)

            rospy.Subscriber("/stop", String, on_stop)
            rospy.Subscriber("/stop2", String, on_stop_safe)
    ''', ["ACK401"])


def test_a_node_spun_from_a_coroutine_calls_back_on_the_loops_thread():
    check_marked('''
        import asyncio

        import rclpy
        from rclpy.node import Node
        from std_msgs.msg import String


        class Listener(Node):
            def __init__(self, inbox: asyncio.Queue):
                super().__init__("listener")
                self.inbox = inbox
                self.create_subscription(String, "/in", self.on_msg, 10)

            def on_msg(self, msg):
                self.inbox.put_nowait(msg.data)


        async def spin(node: Node) -> None:
            while rclpy.ok():
                rclpy.spin_once(node, timeout_sec=0)
                await asyncio.sleep(0.01)
    ''', ["ACK401"])


def test_a_projects_own_create_subscription_is_not_rclpys():
    check_marked('''
        import asyncio


        class Bus:
            def __init__(self):
                self.handlers = {}

            def create_subscription(self, kind, topic, callback, depth):
                self.handlers[topic] = callback


        class Consumer:
            def __init__(self, bus: Bus, inbox: asyncio.Queue):
                self.inbox = inbox
                bus.create_subscription(str, "/in", self.on_msg, 10)

            def on_msg(self, msg):
                self.inbox.put_nowait(msg)
    ''', ["ACK401"])


# GUI event handlers run on the GUI's thread: where the module runs its asyncio loop on a thread of its own, loop
# objects touched there are ACK401/ACK402. Look-alikes: hand-backs through the loop's thread-safe calls, a Tk
# variable's `set`, and the same handlers where the loop runs on the GUI's thread (no loop thread in the module).

def test_tk_handlers_beside_a_loop_thread_class():
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


        class Window(tk.Tk):
            def __init__(self, worker: LoopThread, client):
                super().__init__()
                self.worker, self.client = worker, client
                self.current: asyncio.Task | None = None
                self.status = tk.StringVar(self, value="ready")
                tk.Button(self, text="Sync", command=self.on_sync).pack()
                tk.Button(self, text="Cancel", command=self.on_cancel).pack()
                tk.Button(self, text="Safe", command=self.on_safe).pack()
                self.bind("<Escape>", self.on_escape)

            def on_sync(self):
                self.worker.loop.create_task(self.client.sync())  # ACK402

            def on_cancel(self):
                if self.current is not None:
                    self.current.cancel()  # ACK401

            def on_safe(self):
                asyncio.run_coroutine_threadsafe(self.client.sync(), self.worker.loop)
                self.status.set("syncing")

            def on_escape(self, event):
                if self.current is not None:
                    self.worker.loop.call_soon_threadsafe(self.current.cancel)
    ''', ["ACK401", "ACK402", "ACK302"])


def test_qt_slots_beside_a_thread_running_asyncio_run():
    check_marked('''
        import asyncio
        import threading

        from PySide6.QtWidgets import QPushButton


        stop = asyncio.Event()


        async def serve():
            await stop.wait()


        def start_backend() -> threading.Thread:
            t = threading.Thread(target=lambda: asyncio.run(serve()), daemon=True)
            t.start()
            return t


        class Panel:
            def __init__(self, button: QPushButton, loop: asyncio.AbstractEventLoop):
                self.loop = loop
                button.clicked.connect(self.on_stop)
                button.pressed.connect(self.on_stop_safe)

            def on_stop(self):
                stop.set()  # ACK401

            def on_stop_safe(self):
                self.loop.call_soon_threadsafe(stop.set)
    ''', ["ACK401"])


def test_gui_handlers_where_the_loop_runs_on_the_gui_thread():
    check_marked('''
        import asyncio
        import tkinter as tk

        from async_tkinter_loop import async_mainloop


        class Window(tk.Tk):
            def __init__(self):
                super().__init__()
                self.stop = asyncio.Event()
                tk.Button(self, text="Stop", command=self.on_stop).pack()

            def on_stop(self):
                self.stop.set()


        def main():
            async_mainloop(Window())
    ''', ["ACK401", "ACK402"])


def test_gstreamer_streaming_thread_signals():
    # an appsink's new-sample, a decodebin's pad-added: emitted on a streaming thread; a bus's "message" signal and
    # a widget's "clicked" are dispatched by the GLib main loop and stay quiet
    check_marked('''
        import asyncio

        import gi

        gi.require_version("Gst", "1.0")
        from gi.repository import Gst


        class Stats:
            def __init__(self, appsink, decodebin, bus, button, loop: asyncio.AbstractEventLoop):
                self.loop = loop
                self.seen = asyncio.Event()
                self.pads: asyncio.Queue = asyncio.Queue(maxsize=8)
                appsink.connect("new-sample", self.on_sample)
                appsink.connect("new-preroll", self.on_preroll)
                decodebin.connect("pad-added", self.on_pad)
                bus.add_signal_watch()
                bus.connect("message::eos", self.on_eos)
                button.connect("clicked", self.on_clicked)

            def on_sample(self, sink):
                self.loop.call_soon(self.seen.set)  # ACK402
                return Gst.FlowReturn.OK

            def on_preroll(self, sink):
                self.loop.call_soon_threadsafe(self.seen.set)
                return Gst.FlowReturn.OK

            def on_pad(self, element, pad):
                self.pads.put_nowait(pad)  # ACK401

            def on_eos(self, bus, message):
                self.seen.set()

            def on_clicked(self, button):
                self.seen.set()
    ''', ["ACK401", "ACK402"])


def test_pygls_requests_return_a_concurrent_future():
    # pygls 1.x: `send_request` and its named requests return a concurrent.futures.Future at once; `result()` in a
    # coroutine blocks the loop that must read the answer. Look-alikes: the `*_async` twin awaited, `wrap_future`,
    # a `@server.thread()` handler (a worker thread)
    check_marked('''
        import asyncio

        from pygls.server import LanguageServer

        server = LanguageServer("docs-lsp", "v1")


        class DocsServer(LanguageServer):
            pass


        @server.feature("textDocument/didSave")
        async def did_save(ls: LanguageServer, params):
            fut = ls.send_request("workspace/configuration", params)
            config = fut.result(timeout=5)  # ACK106
            other = ls.get_configuration(params).result()  # ACK106
            via = ls.lsp.send_request("workspace/configuration", None).result()  # ACK106
            return config, other, via


        async def refresh(ls: DocsServer, params):
            return ls.send_request("x/y", params).result()  # ACK106


        @server.feature("textDocument/didClose")
        async def did_close(ls: LanguageServer, params):
            a = await ls.get_configuration_async(params)
            b = await asyncio.wrap_future(ls.send_request("workspace/configuration", None))
            return a, b


        @server.thread()
        @server.feature("textDocument/hover")
        def hover(ls: LanguageServer, params):
            return ls.send_request("workspace/configuration", None).result()
    ''', ["ACK106"])


def test_anyio_memory_stream_told_to_buffer_without_limit():
    # anyio's default buffer is 0 (a send waits for a receiver); `math.inf` makes every send return at once.
    # Look-alikes: a finite size, the default, an infinite timeout handed elsewhere
    check_marked('''
        import math
        from math import inf

        import anyio
        from anyio import create_memory_object_stream

        UNLIMITED = math.inf


        async def pipeline():
            send, receive = anyio.create_memory_object_stream(math.inf)  # ACK501
            s2, r2 = create_memory_object_stream(max_buffer_size=float("inf"))  # ACK501
            s3, r3 = anyio.create_memory_object_stream[bytes](UNLIMITED)  # ACK501
            s4, r4 = create_memory_object_stream(inf)  # ACK501
            s5, r5 = anyio.create_memory_object_stream(100)
            s6, r6 = anyio.create_memory_object_stream()
            s7, r7 = anyio.create_memory_object_stream[bytes](max_buffer_size=16)
            with anyio.move_on_after(math.inf):
                await r5.receive()
            return send, receive, s2, r2, s3, r3, s4, r4, s6, r6, s7, r7
    ''', ["ACK501"])


def test_django_lazy_request_user_read_in_an_async_view():
    # the first read of `request.user` runs the session's user query; look-alikes: `await request.auser()`, a sync
    # view, a read handed to sync_to_async, a Starlette request (its user is no lazy query), a user set in place
    check_marked('''
        from asgiref.sync import sync_to_async
        from django.http import HttpRequest, JsonResponse
        from starlette.requests import Request


        async def profile(request):
            if not request.user.is_authenticated:  # ACK105
                return JsonResponse({}, status=401)
            return JsonResponse({"name": request.user.username})


        async def profile_typed(req: HttpRequest):
            user = req.user
            return JsonResponse({"id": user.id})  # ACK105


        async def profile_ok(request):
            user = await request.auser()
            return JsonResponse({"ok": user.is_authenticated})


        def profile_sync(request):
            return JsonResponse({"ok": request.user.is_authenticated})


        async def profile_offloaded(request):
            ok = await sync_to_async(lambda: request.user.is_authenticated)()
            return JsonResponse({"ok": ok})


        async def starlette_view(request: Request):
            return JsonResponse({"ok": request.user.is_authenticated})


        async def with_stand_in(request):
            request.user = await load_user(request)
            return request.user.id


        async def load_user(request):
            return None
    ''', ["ACK105"])


def test_request_user_outside_django_is_left_alone():
    check_marked('''
        async def homepage(request):
            return {"user": request.user.display_name}
    ''', ["ACK105"])


def test_an_infinite_stream_in_a_test_client_module_is_the_tests_own():
    # a framework's `testclient` drives the app from the test's thread: what fills its streams is the test script
    from asynccheck.lint import lint_source

    from .helpers import ALL

    source = "import math\nimport anyio\n\n\nasync def session():\n" \
        "    send, receive = anyio.create_memory_object_stream(math.inf)\n    return send, receive\n"
    for path, lines in (("testclient.py", []), ("pipeline.py", [6])):
        report = lint_source(source, path, ALL)
        assert [f.line for f in report.findings if f.code == "ACK501"] == lines, path


def test_pygls_handlers_get_the_server_first_undeclared():
    # `@server.feature(...)`/`@server.command(...)` handlers are handed the language server as their first
    # parameter, usually written bare (`ls`)
    check_marked('''
        import asyncio

        from pygls.server import LanguageServer

        server = LanguageServer("docs-lsp", "v1")


        @server.feature("textDocument/didSave")
        async def did_save(ls, params):
            return ls.send_request("workspace/configuration", params).result()  # ACK106


        @server.command("docs.refresh")
        async def refresh(ls, *args):
            return ls.get_configuration(args).result()  # ACK106


        @server.feature("textDocument/didOpen")
        async def did_open(ls, params):
            return await asyncio.wrap_future(ls.send_request("workspace/configuration", params))


        async def unrelated(ls, params):
            return ls.send_request("x", params).result()
    ''', ["ACK106"])


def test_wx_handlers_beside_a_thread_that_runs_asyncio_run():
    check_marked('''
        import asyncio
        import threading

        import wx

        jobs: asyncio.Queue = asyncio.Queue(maxsize=10)


        async def main():
            while True:
                await jobs.get()


        class Frame(wx.Frame):
            def __init__(self, loop: asyncio.AbstractEventLoop):
                super().__init__(None)
                self.loop = loop
                button = wx.Button(self, label="Go")
                button.Bind(wx.EVT_BUTTON, self.on_go)
                self.Bind(wx.EVT_CLOSE, self.on_close)

            def on_go(self, event):
                jobs.put_nowait("go")  # ACK401

            def on_close(self, event):
                self.loop.call_soon_threadsafe(jobs.put_nowait, None)


        def run():
            threading.Thread(target=asyncio.run, args=(main(),), daemon=True).start()
            wx.App().MainLoop()
    ''', ["ACK401"])


def test_rclpy_runs_coroutine_function_callbacks_itself():
    # rclpy's executor awaits a callback that is a coroutine function (a task of its own); rospy calls it plainly,
    # dropping the coroutine (ACK301); a coroutine object is no callback for either
    check_marked('''
        import asyncio

        import rospy
        from rclpy.node import Node
        from std_msgs.msg import String


        class AsyncNode(Node):
            def __init__(self, inbox: asyncio.Queue):
                super().__init__("async_node")
                self.inbox = inbox
                self.create_subscription(String, "/in", self.on_msg, 10)
                self.create_timer(1.0, self.tick())  # ACK301

            async def on_msg(self, msg):
                await self.inbox.put(msg.data)

            async def tick(self):
                await asyncio.sleep(0)


        async def on_stop(msg):
            await asyncio.sleep(0)


        def listen():
            rospy.Subscriber("/stop", String, on_stop)  # ACK301
    ''', ["ACK301", "ACK401"])


def test_more_driver_libraries_call_back_from_their_threads():
    # PyAudio's stream_callback, pyudev's MonitorObserver, libvlc's event manager, the keyboard package's hotkeys,
    # python-opcua's subscription handler; look-alikes: bleak's notifications (on the loop's thread), asyncua's
    # handler (the async client's), a hand-back through call_soon_threadsafe
    check_marked('''
        import asyncio

        import asyncua
        import keyboard
        import pyaudio
        import pyudev
        import vlc
        from bleak import BleakClient
        from opcua import Client as OpcClient


        class Capture:
            def __init__(self, chunks: asyncio.Queue, loop: asyncio.AbstractEventLoop):
                self.chunks, self.loop = chunks, loop
                self.pa = pyaudio.PyAudio()
                self.stream = self.pa.open(format=pyaudio.paInt16, channels=1, rate=16000, input=True,
                                           stream_callback=self._callback)
                self.safe = self.pa.open(format=pyaudio.paInt16, channels=1, rate=16000, input=True,
                                         stream_callback=self._safe_callback)

            def _callback(self, in_data, frame_count, time_info, status):
                self.chunks.put_nowait(in_data)  # ACK401
                return (None, pyaudio.paContinue)

            def _safe_callback(self, in_data, frame_count, time_info, status):
                self.loop.call_soon_threadsafe(self.chunks.put_nowait, in_data)
                return (None, pyaudio.paContinue)


        class Watchers:
            def __init__(self, plugged: asyncio.Event, ended: asyncio.Event):
                self.plugged, self.ended = plugged, ended
                monitor = pyudev.Monitor.from_netlink(pyudev.Context())
                self.observer = pyudev.MonitorObserver(monitor, callback=self._on_device)
                self.player = vlc.MediaPlayer("stream.mp4")
                self.player.event_manager().event_attach(vlc.EventType.MediaPlayerEndReached, self._on_end)

            def _on_device(self, device):
                self.plugged.set()  # ACK401

            def _on_end(self, event):
                self.ended.set()  # ACK401


        def hotkey_stop(stop: asyncio.Event) -> None:
            keyboard.add_hotkey("ctrl+q", lambda: stop.set())  # ACK401


        class Handler:
            def __init__(self, changes: asyncio.Queue):
                self.changes = changes

            def datachange_notification(self, node, val, data):
                self.changes.put_nowait((node, val))  # ACK401


        class AsyncHandler:
            def __init__(self, changes: asyncio.Queue):
                self.changes = changes

            def datachange_notification(self, node, val, data):
                self.changes.put_nowait((node, val))


        def subscribe(url: str, changes: asyncio.Queue):
            client = OpcClient(url)
            return client.create_subscription(500, Handler(changes))


        async def subscribe_async(url: str, changes: asyncio.Queue):
            client = asyncua.Client(url)
            return await client.create_subscription(500, AsyncHandler(changes))


        async def notify_ble(address: str, char: str, values: asyncio.Queue) -> None:
            def on_notify(sender, data):
                values.put_nowait(bytes(data))

            async with BleakClient(address) as client:
                await client.start_notify(char, on_notify)
    ''', ["ACK401"])
