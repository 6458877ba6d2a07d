"""ACK401/ACK402: loop-bound objects and loop methods used from code that runs on another thread."""
from __future__ import annotations

import re
from typing import Dict, FrozenSet, Iterator, List, Optional, Set, Tuple, Union

import libcst as cst

from asynccheck.lint import c_callbacks, device_clients, django_views, infra_clients, knowledge, loop_guards, \
    loop_starters, ros, sdks, telemetry, zeromq
from asynccheck.lint.blocking import worker_thread
from asynccheck.lint.builder import CallSite, dotted, stored_as, walk_local
from asynccheck.lint.context import Candidate, FileContext, call_text
from asynccheck.lint.coroutines import tornado_loop
from asynccheck.lint.interface import BACKGROUND_LOOP, CALLS_BACK, TOUCHES_LOOP
from asynccheck.lint.scope import INST, REF, Scope

_SPAWN_FROM_THREAD = {"asyncio.create_task", "asyncio.ensure_future"}


def _callable_arg(site: CallSite, entry: str) -> Optional[cst.BaseExpression]:
    position, keyword = knowledge.THREAD_ENTRY[entry]
    positional = [a for a in site.node.args if a.keyword is None and not a.star]
    for arg in site.node.args:
        if keyword and arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    if entry in ("threading.Thread", "multiprocessing.Process"):
        return None  # Thread(group, target): the target is in practice always passed by keyword
    if len(positional) > position:
        return positional[position].value
    return None


def _either_callable(node: Optional[cst.BaseExpression]) -> List[cst.BaseExpression]:
    """The callables an argument may be: each branch of `a if force else b` (hatchet's signal handlers)."""
    if node is None:
        return []
    if type(node) is cst.IfExp:
        return [*_either_callable(node.body), *_either_callable(node.orelse)]
    return [node]


def _argument(call: cst.Call, position: int, keyword: str) -> Optional[cst.BaseExpression]:
    """The argument passed by ``keyword``, or at ``position`` (-1: by keyword only)."""
    positional = [a for a in call.args if a.keyword is None and not a.star]
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    return positional[position].value if 0 <= position < len(positional) else None


def _partial_of(scope: Scope, node: cst.BaseExpression) -> Optional[Tuple[cst.Call, Scope]]:
    """The `functools.partial(f, ...)` call ``node`` is, or that a local bound once to it holds (`job =
    functools.partial(f, q)` then `run_in_executor(None, job)`), with the scope it is in."""
    where = scope
    if type(node) is cst.Name:
        home = scope.lookup_scope(node.value)
        bindings = home.bindings.get(node.value, ()) if home is not None and home.kind != "module" else ()
        if len(bindings) != 1 or bindings[0][0] != "expr" or type(bindings[0][1]) is not cst.Call:
            return None
        node, where = bindings[0][1], bindings[0][2]
    if type(node) is cst.Call and node.args and dotted(node.func).rpartition(".")[2] == "partial":
        if where.evaluate(node.func) == (REF, "functools.partial"):
            return node, where
    return None


def _unwrap_partial(scope: Scope, node: cst.BaseExpression) -> cst.BaseExpression:
    made = _partial_of(scope, node)
    return made[0].args[0].value if made is not None else node


def _loop_bound_method(value: Optional[Tuple[str, str]]) -> Optional[str]:
    if value is None or value[0] != REF:
        return None
    owner, _, method = value[1].rpartition(".")
    if owner in knowledge.LOOP_BOUND_TYPES and method in knowledge.LOOP_BOUND_METHODS:
        return owner
    return None


def _thread_scopes(ctx: FileContext, scope: Scope, func: cst.BaseExpression) -> Iterator[Scope]:
    if type(func) is cst.Lambda:
        inner = ctx.builder.scope_of.get(id(func))
        if inner is not None:
            yield inner
        return
    value = scope.evaluate(func)
    if value is not None and value[0] == REF:
        target = ctx.functions.get(value[1])
        if target is not None and not target.is_async:
            yield target
        elif value[1].startswith("sqlite3.Connection.") and type(func) is cst.Attribute \
                and value[1] not in _FIRED_IN_OWN_CALLS:
            yield from _connection_callbacks(ctx, scope, func.value)
    elif value is not None and value[0] == INST:
        # `Callback=ProgressPercentage(path)`: an instance is called through its class's `__call__`
        target = ctx.functions.get(f"{value[1]}.__call__")
        if target is not None and not target.is_async:
            yield target


# sqlite3.Connection's registrations of a function its statements call: method -> (position, keyword) of the callable
_SQLITE_HOOKS: Dict[str, Tuple[int, str]] = {
    "create_function": (2, "func"), "create_collation": (1, "callable"),
    "set_progress_handler": (0, "progress_handler"), "set_authorizer": (0, "authorizer_callback"),
    "set_trace_callback": (0, "trace_callback"),
}


def _connection_callbacks(ctx: FileContext, scope: Scope, connection: cst.BaseExpression) -> Iterator[Scope]:
    """`to_thread(self.db.execute, sql)`, a sqlite3 connection on which the module registers a function
    (`self.db.create_function("notify", 1, self._notify)`, in `__init__`): the statements the thread runs call it
    there. The same connection is the same name in the same function, or the same attribute of `self` in the
    same class."""
    holder = dotted(connection)
    if not holder:
        return
    own = scope.class_scope if holder.partition(".")[0] == scope.self_name else None
    for site in ctx.calls:
        func = site.node.func
        if type(func) is not cst.Attribute or func.attr.value not in _SQLITE_HOOKS or dotted(func.value) != holder \
                or (site.scope.class_scope is not own if own is not None else site.scope is not scope):
            continue
        position, keyword = _SQLITE_HOOKS[func.attr.value]
        callback = _argument(site.node, position, keyword)
        if callback is not None:
            yield from _thread_scopes(ctx, site.scope, callback)


# Library types that call the functions assigned to their `on_*` attributes from a thread of their own.
_CALLBACK_ATTRS: Dict[str, str] = {  # (when the module starts that thread: see _starts_thread)
    "paho.mqtt.client.Client": "paho-mqtt's network thread (`loop_start()`)",
}
_CALLBACK_METHODS = frozenset({"paho.mqtt.client.Client.message_callback_add"})  # (topic, callback)
# Library types that always call the callables assigned to their attributes of a prefix from a thread of their own,
# whoever starts it: type -> (the prefix, where). gpiozero's input devices fire `when_pressed`, `when_activated`,
# `when_motion` ... from the pin factory's event thread.
_THREADED_ATTRS: Dict[str, Tuple[str, str]] = {
    kind: ("when_", "gpiozero's pin event thread (a device's `when_*` callbacks)")
    for kind in device_clients.GPIOZERO_INPUTS
}
_GST_SYNC_HANDLER = "gi.repository.Gst.Bus.set_sync_handler"
# Library calls that register a callback which the library later calls from a thread of its own (no thread start
# of ours to see): callable -> (position of the callback argument, keyword, where it runs).
_THREAD_CALLBACKS: Dict[str, Tuple[int, str, str]] = {
    "RPi.GPIO.add_event_detect": (2, "callback", "RPi.GPIO's event thread"),
    # Pub/Sub's streaming pull calls back from its scheduler's thread pool
    "google.cloud.pubsub_v1.SubscriberClient.subscribe": (1, "callback", "the Pub/Sub subscriber's callback threads"),
    # boto3's managed transfers report progress from s3transfer's worker threads
    **{f"{owner}.{method}": (-1, "Callback", "boto3's transfer threads (s3transfer)")
       for owner in ("botocore.client.BaseClient", knowledge.BOTO3_RESOURCE)
       for method in ("upload_file", "download_file", "upload_fileobj", "download_fileobj", "copy")},
    "RPi.GPIO.add_event_callback": (1, "callback", "RPi.GPIO's event thread"),
    # pika's blocking consumer calls back from the thread that drives it (`start_consuming()`), which is never
    # the loop's: driven there, the blocking channel would stall the loop (ACK105)
    "pika.BlockingChannel.basic_consume": (1, "on_message_callback", "the thread that runs pika's blocking consumer"),
    # kafka-python delivers a send's outcome from its producer's I/O thread (the sender), never the caller's
    **{f"{knowledge.KAFKA_SEND_FUTURE}.{method}": (0, "f", "kafka-python's producer I/O thread")
       for method in ("add_callback", "add_errback")},
    # APScheduler's background (and blocking) scheduler runs each job in its executor's thread pool
    **{f"{kind}.add_job": (0, "func", "APScheduler's background job threads")
       for kind in knowledge.APSCHEDULER_THREADED},
    **{f"sounddevice.{kind}": (-1, "callback", "PortAudio's audio thread")
       for kind in ("Stream", "InputStream", "OutputStream", "RawStream", "RawInputStream", "RawOutputStream")},
    # PyAudio's callback mode: PortAudio calls `stream_callback` on its audio thread
    **{name: (-1, "stream_callback", "PortAudio's audio thread (PyAudio's `stream_callback`)")
       for name in ("pyaudio.PyAudio.open", "pyaudio.Stream", "pyaudio.PyAudio.Stream")},
    # the DataStax Cassandra driver completes a query's future, and runs its callbacks, on its event-loop thread
    **{f"{infra_clients.CASSANDRA}.ResponseFuture.{method}": (0, param, "the Cassandra driver's I/O thread")
       for method, param in (("add_callback", "fn"), ("add_errback", "fn"), ("add_callbacks", "callback"))},
    **{f"{future}.add_done_callback": (0, "fn", where) for future, where in sdks.THREAD_DONE_CALLBACKS.items()},
    # libvlc reports player and media events on its own event thread
    "vlc.EventManager.event_attach": (1, "callback", "libvlc's event thread"),
    # the `keyboard` and `mouse` packages call back from their listener thread
    **{f"keyboard.{f}": (pos, "callback", "the `keyboard` package's listener thread")
       for f, pos in (("add_hotkey", 1), ("on_press", 0), ("on_release", 0), ("hook", 0), ("on_press_key", 1),
                      ("on_release_key", 1), ("hook_key", 1), ("add_word_listener", 1))},
    **{f"mouse.{f}": (0, "callback", "the `mouse` package's listener thread")
       for f in ("on_click", "on_double_click", "on_right_click", "on_middle_click", "hook")},
    # PyVISA: the VISA library calls an installed event handler (a service request, an I/O completion) on a
    # thread of its own
    f"{device_clients.VISA_RESOURCE}.install_handler": (1, "handler", "the VISA library's event thread"),
    # GStreamer: a bus's sync handler runs in the streaming thread that posts the message, a pad probe in the
    # one that pushes the buffer
    _GST_SYNC_HANDLER: (0, "func", "the GStreamer streaming thread that posts the message (a bus's sync handler)"),
    "gi.repository.Gst.Pad.add_probe": (1, "callback", "the GStreamer streaming thread that pushes through the pad"),
    # a sync grpc channel delivers its connectivity changes to its subscribers on a thread of its own
    f"{knowledge.GRPC_CHANNEL}.subscribe": (0, "callback", "the thread a grpc channel delivers its connectivity "
                                                           "changes on"),
    # a trace or profile function set for the threads `threading` starts runs in each of them (`sys.settrace` and
    # `sys.setprofile` set it for the calling thread alone)
    **{f"threading.{hook}": (0, "func", "every thread `threading` starts after it (a thread-wide trace or profile "
                                        "function)")
       for hook in ("settrace", "setprofile", "settrace_all_threads", "setprofile_all_threads")},
}
# (coroutines.py reads the table too: a coroutine function registered there is called and its coroutine dropped)
LIBRARY_THREAD_CALLBACKS = _THREAD_CALLBACKS
# Other callbacks some of those calls take by keyword, which the library calls on the same thread: PortAudio calls
# a sounddevice stream's `finished_callback` there (or on the thread that stops or aborts it) once the stream ends.
_MORE_THREAD_CALLBACKS: Dict[str, Tuple[str, ...]] = {
    f"sounddevice.{kind}": ("finished_callback",)
    for kind in ("Stream", "InputStream", "OutputStream", "RawStream", "RawInputStream", "RawOutputStream")
}
# GStreamer's signals that its elements emit on a streaming thread (a pad's task), whichever loop the application
# runs: an appsink's samples, an appsrc's flow control, a demuxer's or decodebin's new pads, identity's handoff.
# Connected by name on elements nothing types (`appsink.connect("new-sample", self.on_sample)`); the names are
# GStreamer's own. (A bus's "message" signal is dispatched by the GLib main loop instead, and is left out.)
_STREAMING_SIGNALS = frozenset({"new-sample", "new-preroll", "new-serialized-event", "propose-allocation",
                                "need-data", "enough-data", "seek-data", "pad-added", "pad-removed", "no-more-pads",
                                "handoff", "sync-message"})
_STREAMING_WHERE = "a GStreamer streaming thread (an element's signal handler)"
_GI = ("gi",)
# ... or, in a module handed its elements by another (no gi import of its own), on a receiver named for the element
# kind that emits them (`appsink`, `self.src`, `decodebin`, `demux`): `hub.connect("handoff", ...)` is not one
_ELEMENT_NAMES = re.compile(r"sink|src|bin$|demux|pad$|identity|element")
# Registrations known by a method name no other library uses, on an object nothing types: method -> (the entry of
# _THREAD_CALLBACKS, the fewest arguments it takes). RPi.GPIO's edge detection (boards' ports of its API,
# Jetson.GPIO and OPi.GPIO, and the module handed in for testing, `self.gpio = gpio`, share the name and the event
# thread); a GStreamer bus's sync handler (`pipeline.get_bus()`, which gi's dynamic bindings leave untyped);
# libvlc's event manager (`player.event_manager().event_attach(event, callback)`).
_UNTYPED_THREAD_CALLBACKS: Dict[str, Tuple[str, int]] = {
    "add_event_detect": ("RPi.GPIO.add_event_detect", 0),
    "set_sync_handler": (_GST_SYNC_HANDLER, 0),
    "event_attach": ("vlc.EventManager.event_attach", 2),
}


def _named_registration(site: CallSite) -> Optional[str]:
    """`self.gpio.add_event_detect(pin, edge, callback=cb)`, `bus.set_sync_handler(on_message)`,
    `events.event_attach(kind, on_end)` where nothing says what the receiver is: RPi.GPIO's, GStreamer's, libvlc's."""
    func = site.node.func
    known = _UNTYPED_THREAD_CALLBACKS.get(func.attr.value) if type(func) is cst.Attribute else None
    return known[0] if known is not None and len(site.node.args) >= known[1] else None


# Library classes made with callbacks by keyword that their blocking run method calls, in the thread that runs it
# (never the loop's: run there, the loop would stall): class -> (keywords, where). websocket-client's app is run by
# `run_forever()`, handed to a thread in practice (`Thread(target=app.run_forever)`).
_THREAD_CALLBACK_KEYWORDS: Dict[str, Tuple[Tuple[str, ...], str]] = {
    "websocket.WebSocketApp": (("on_open", "on_reconnect", "on_message", "on_data", "on_cont_message", "on_error",
                                "on_close", "on_ping", "on_pong"),
                               "the thread that runs websocket-client's `WebSocketApp.run_forever()`"),
    # pynput's listeners are threads: `start()` (or `with`) runs the platform's event hook there, which calls back
    "pynput.keyboard.Listener": (("on_press", "on_release"), "pynput's keyboard listener thread"),
    "pynput.mouse.Listener": (("on_move", "on_click", "on_scroll"), "pynput's mouse listener thread"),
    # pyudev's observer is a thread that hands each device event to its callback
    "pyudev.MonitorObserver": (("callback", "event_handler"), "pyudev's `MonitorObserver` thread"),
    # a pool's results (its errors too) are handed to the callbacks by the pool's own result-handler thread, for
    # process pools and thread pools alike
    **{f"{knowledge.POOL_TYPE}.{m}": (("callback", "error_callback"),
                                      f"the result-handler thread of a `multiprocessing` pool (`{m}()`'s callbacks)")
       for m in ("apply_async", "map_async", "starmap_async")},
    # an executor's worker threads each run its initializer first, in their own thread (a process pool's run theirs
    # in other processes: nothing of this loop is there to race)
    "concurrent.futures.ThreadPoolExecutor": (("initializer",), "each worker thread of a `ThreadPoolExecutor` (its "
                                              "`initializer`)"),
    "concurrent.futures.thread.ThreadPoolExecutor": (("initializer",), "each worker thread of a "
                                                     "`ThreadPoolExecutor` (its `initializer`)"),
}
_THREAD_POOL_INIT_WHERE = "each worker thread of a `multiprocessing` thread pool (its `initializer`)"
_THREAD_POOLS = {("multiprocessing.pool", "ThreadPool"), ("multiprocessing.dummy", "Pool")}


def _thread_pool_written(ctx: FileContext, func: cst.BaseExpression) -> bool:
    """Is this `multiprocessing.pool.Pool` call a thread pool's constructor, as written (`ThreadPool(...)`,
    `multiprocessing.dummy.Pool(...)`, or a name the module imports as one)? The tables read both as `Pool`."""
    text = dotted(func)
    if text.endswith(".ThreadPool") or text.endswith("dummy.Pool"):
        return True
    if type(func) is not cst.Name:
        return False
    for statement in ctx.root.node.body:
        for small in statement.body if type(statement) is cst.SimpleStatementLine else ():
            if type(small) is not cst.ImportFrom or small.module is None or type(small.names) is cst.ImportStar:
                continue
            module = dotted(small.module)
            for alias in small.names:
                bound = alias.asname.name.value if alias.asname is not None else dotted(alias.name)
                if bound == text and (module, dotted(alias.name)) in _THREAD_POOLS:
                    return True
    return False


# Library classes made with a mapping whose values are callbacks they call from a thread of their own: class ->
# (position, keyword of the mapping, where). pynput's `GlobalHotKeys({"<ctrl>+d": on_dictate})` is a listener thread.
_THREAD_CALLBACK_MAPS: Dict[str, Tuple[int, str, str]] = {
    "pynput.keyboard.GlobalHotKeys": (0, "hotkeys", "pynput's keyboard listener thread (a `GlobalHotKeys` action)"),
}
# Library calls that register a callback the library serves only inside another of its calls, on whichever thread
# makes that one (confluent-kafka's delivery reports, served by `poll()`/`flush()`, and rebalance callbacks):
# callable -> (the keywords of the callback, the methods of the same object that serve it, where). A thread of the
# callback's own only when this module makes those calls off the loop's thread (a polling thread,
# `asyncio.to_thread(producer.flush)`).
_SERVED_BY_CALLS: Dict[str, Tuple[Tuple[str, ...], Tuple[str, ...], str]] = {
    "confluent_kafka.Producer.produce": (("on_delivery", "callback"), ("poll", "flush"),
                                         "the thread that polls the producer (`poll()`/`flush()`), where "
                                         "confluent-kafka serves delivery reports"),
    # a consumer's rebalance callbacks run inside its `poll()`/`consume()`, on the thread that polls
    "confluent_kafka.Consumer.subscribe": (("on_assign", "on_revoke", "on_lost"), ("poll", "consume"),
                                           "the thread that polls the consumer (`poll()`/`consume()`), where "
                                           "confluent-kafka serves rebalance callbacks"),
}
# The `schedule` package runs a job (`schedule.every(10).minutes.do(job)`) in whichever thread calls its
# `run_pending()` (or `run_all()`): a thread of its own when this module makes that call off the loop's thread.
# (The chain from `every()` to `do()` is spelled in many ways, `.day.at("02:00")`, `.monday`, `.to(5)`: the call
# it starts from says whose job it is.)
_SCHEDULE_EVERY = frozenset({"schedule.every", "schedule.Scheduler.every"})
_SCHEDULE_SERVERS = frozenset({"schedule.run_pending", "schedule.run_all", "schedule.Scheduler.run_pending",
                               "schedule.Scheduler.run_all"})
_SCHEDULE_WHERE = "the thread that runs the `schedule` package's pending jobs (`run_pending()`)"
# Library methods that start a thread of their own, which calls back what is registered with their object
# (`ps.subscribe(**{"news": handler})` then `ps.run_in_thread()`): method -> where those callbacks run.
_THREAD_STARTERS: Dict[str, str] = {
    "redis.PubSub.run_in_thread": "redis-py's pub/sub worker thread (`run_in_thread()`)",
}
# A method of an object nothing types whose name says it starts a thread of the object's own (a native SDK's
# `start_network_thread()`, `run_in_thread()`, `start_io_thread()`): what the object was handed to call back runs
# there. (Typed objects go by _THREAD_STARTERS; a method of this project's classes is read, not guessed.)
_NAMED_THREAD_STARTER = re.compile(r"(start|run|spawn|launch)(_\w+)?_threads?$|run_in_(\w+_)?thread$")
# paho's callback attributes: set on a client nothing types, in a module that starts a network thread with
# `loop_start()` on a client nothing types either, they are still paho's.
_PAHO_CALLBACKS = frozenset({"on_message", "on_connect", "on_disconnect", "on_subscribe", "on_unsubscribe",
                             "on_publish", "on_log", "on_connect_fail"})
# Library classes whose subclasses' methods run in another thread: base -> (method names or prefix, where).
_THREAD_CLASSES: Dict[str, Tuple[Tuple[str, ...], str]] = {
    "threading.Thread": (("run",), "a `threading.Thread` subclass's `run()`"),
    # Qt's thread class, under each binding's name: `start()` runs `run()` on a new thread (qasync's loop stays
    # on the GUI thread)
    **{f"{binding}.QtCore.QThread": (("run",), "a `QThread` subclass's `run()`")
       for binding in knowledge.QT_BINDINGS},
    # a `QThreadPool` runs each `QRunnable` handed to `start()` on one of its threads
    **{f"{binding}.QtCore.QRunnable": (("run",), "a `QRunnable`'s `run()`, which a `QThreadPool` runs on one of its "
                                                 "threads")
       for binding in knowledge.QT_BINDINGS},
    # a socketserver handles each request on the thread that serves (never the loop's: serving there would
    # block it), or on a thread per request for the threading servers
    **{f"socketserver.{kind}": (("handle", "setup", "finish"), "a socketserver request handler's thread")
       for kind in ("BaseRequestHandler", "StreamRequestHandler", "DatagramRequestHandler")},
    **{f"http.server.{kind}": (("do_", "handle", "setup", "finish"), "an http.server request handler's thread")
       for kind in ("BaseHTTPRequestHandler", "SimpleHTTPRequestHandler", "CGIHTTPRequestHandler")},
    # pyserial's ReaderThread reads the port on a thread of its own and calls its protocol's methods there
    **{f"serial.threaded.{kind}": (("connection_made", "data_received", "connection_lost", "handle_packet",
                                    "handle_line", "handle_out_of_packet_data"), "pyserial's `ReaderThread`")
       for kind in ("Protocol", "Packetizer", "FramedPacket", "LineReader")},
    "watchdog.events.FileSystemEventHandler": (("on_",), "watchdog's observer thread"),
    # stomp.py calls its listeners from the connection's receiver thread (but `on_send` and `on_disconnecting`,
    # called by the thread that sends)
    **{f"stomp.{module}{kind}": (("on_connecting", "on_connected", "on_disconnected", "on_heartbeat_timeout",
                                  "on_before_message", "on_message", "on_receipt", "on_error", "on_heartbeat",
                                  "on_receiver_loop_completed"), "stomp.py's receiver thread")
       for module in ("", "listener.")
       for kind in ("ConnectionListener", "StatsListener", "WaitingListener", "PrintingListener", "TestListener")},
    # pypylon (Basler cameras): a registered image or camera event handler is called on the camera's grab
    # thread (`StartGrabbing(..., GrabLoop_ProvidedByInstantCamera)`), a device-removal one on a thread of its own
    "pypylon.pylon.ImageEventHandler": (("OnImageGrabbed", "OnImagesSkipped"), "pypylon's grab thread"),
    "pypylon.pylon.CameraEventHandler": (("OnCameraEvent",), "pypylon's grab thread"),
    "pypylon.pylon.ConfigurationEventHandler": (("OnCameraDeviceRemoved",),
                                                "the thread pypylon reports a removed camera on"),
    # s3transfer (under boto3's managed transfers) calls a subscriber's progress and done hooks from its worker
    # threads; `on_queued` runs in the thread that submitted the transfer, so it is left out
    **{name: (("on_progress", "on_done"), "s3transfer's transfer threads")
       for name in ("s3transfer.subscribers.BaseSubscriber", "boto3.s3.transfer.BaseSubscriber")},
    "watchdog.events.PatternMatchingEventHandler": (("on_",), "watchdog's observer thread"),
    "watchdog.events.RegexMatchingEventHandler": (("on_",), "watchdog's observer thread"),
    # a socketserver's handlers run in the thread that serves it (`serve_forever()`), or one thread per request
    # (ThreadingMixIn): a blocking server is never driven from the loop's thread
    **{f"socketserver.{kind}RequestHandler": (("setup", "handle", "finish"), "a `socketserver` request handler, "
                                              "run by the thread that serves requests")
       for kind in ("Base", "Stream", "Datagram")},
    "http.server.BaseHTTPRequestHandler": (("do_",), "an `http.server` request handler, run by the thread that "
                                                     "serves requests"),
    "http.server.SimpleHTTPRequestHandler": (("do_",), "an `http.server` request handler, run by the thread that "
                                                       "serves requests"),
    # pymilter: libmilter calls a milter's callbacks on the thread it runs for the SMTP connection
    **{f"Milter.{kind}": (("connect", "hello", "envfrom", "envrcpt", "header", "eoh", "body", "eom", "abort",
                           "close", "unknown", "data", "negotiate"),
                          "a pymilter callback, which libmilter calls on its thread for the SMTP connection")
       for kind in ("Base", "Milter")},
    # pjsua2 (PJSIP's binding): the overridden callbacks of its objects run on PJSIP's worker thread (or the one
    # that polls it with `libHandleEvents()`)
    **{f"pjsua2.{kind}": (names, f"a pjsua2 `{kind}` callback, which PJSIP calls on its worker thread")
       for kind, names in (
           ("Account", ("onIncomingCall", "onRegStarted", "onRegState", "onIncomingSubscribe", "onInstantMessage",
                        "onInstantMessageStatus", "onTypingIndication", "onMwiInfo")),
           ("Call", ("onCallState", "onCallTsxState", "onCallMediaState", "onCallSdpCreated", "onStreamCreated",
                     "onStreamDestroyed", "onDtmfDigit", "onDtmfEvent", "onCallTransferRequest",
                     "onCallTransferStatus", "onCallReplaceRequest", "onCallReplaced", "onCallRxOffer",
                     "onCallRxReoffer", "onCallTxOffer", "onInstantMessage", "onInstantMessageStatus",
                     "onTypingIndication", "onCallRedirected", "onCallMediaTransportState", "onCallMediaEvent",
                     "onCreateMediaTransport")),
           ("Buddy", ("onBuddyState", "onBuddyEvSubState")),
           ("AudioMediaPort", ("onFrameRequested", "onFrameReceived")),
           ("AudioMediaPlayer", ("onEof2",)),
           ("Endpoint", ("onNatDetectionComplete", "onNatCheckStunServersComplete", "onTransportState", "onTimer",
                         "onSelectAccount", "onIpChangeProgress", "onMediaEvent", "onCredAuth",
                         "onRejectedIncomingCall")),
       )},
    **telemetry.THREAD_CLASSES,
}
_WORKER_WHERE = "a worker thread (the function's decorator hands its body to one)"
# Library objects that call methods of the objects handed to them from a thread of their own: callable -> (position
# of the first such argument, the methods, where they run).
_RUNS_METHODS_OF: Dict[str, Tuple[int, Tuple[str, ...], str]] = {
    "logging.handlers.QueueListener": (1, ("handle", "emit"),
                                       "the thread of a `logging.handlers.QueueListener`, which hands it each record"),
    # watchdog's observer hands each event to its handlers' `dispatch` (FileSystemEventHandler's calls the `on_*`
    # methods) on its own thread; a handler class that does not derive from it is found here. (A watchdog
    # observer is a `threading.Thread` to the tables, see knowledge's aliases: a thread has no `schedule` of its own)
    # python-opcua (the sync client; asyncua's runs on the loop): a subscription's handler is notified from the
    # client's subscription thread
    "opcua.Client.create_subscription": (1, ("datachange_notification", "event_notification",
                                             "status_change_notification"), "python-opcua's subscription thread"),
    "opcua.client.client.Client.create_subscription": (1, ("datachange_notification", "event_notification",
                                                           "status_change_notification"),
                                                       "python-opcua's subscription thread"),
    # python-zeroconf: a sync `ServiceBrowser` (a thread itself) calls its listener's methods on that thread, as
    # `Zeroconf.add_service_listener` does (an `AsyncServiceBrowser` calls its handlers on the loop: not here)
    **{name: (position, ("add_service", "remove_service", "update_service"), "python-zeroconf's `ServiceBrowser` "
              "thread, which calls its listener there")
       for name, position in (("zeroconf.ServiceBrowser", 2), ("zeroconf.Zeroconf.add_service_listener", 1))},
    "threading.Thread.schedule": (0, ("dispatch", "on_any_event", "on_created", "on_deleted", "on_modified",
                                      "on_moved", "on_closed", "on_closed_no_write", "on_opened"),
                                  "watchdog's observer thread"),
}
# grpc's generated servicer bases (`inventory_pb2_grpc.InventoryServicer`): a subclass's plain methods are the
# service's handlers, which grpc's server calls on the thread pool it was made with (grpc.aio's too, for handlers
# that are not coroutine functions); its async methods run on the loop
_GRPC_SERVICER = re.compile(r"(?:^|\.)\w+_pb2_grpc\.\w+Servicer$")
_GRPC_WHERE = "a gRPC servicer's handler, which grpc's server calls on its thread pool"
_ASYNCIO_SCHEDULER_ADD = f"{knowledge.APSCHEDULER_ASYNCIO}.add_job"
_ASYNCIO_SCHEDULER_WHERE = ("a job of APScheduler's asyncio scheduler that is a plain function, which it runs in the "
                            "loop's default executor (a thread pool)")
# The interpreter runs its exit handlers on the main thread once the main thread's code has returned: a loop the
# module runs on a thread of its own may still be running then, on that other thread. (With the loop on the main
# thread, it has stopped by then: what the handler touches races with nothing.)
_ATEXIT = "atexit.register"
_ATEXIT_WHERE = ("an `atexit` handler, which runs on the main thread at interpreter exit, while the loop this module "
                 "runs on a thread of its own may still be running there")
_CF_CALLBACK = "concurrent.futures.Future.add_done_callback"
_CF_WHERE = "a done-callback of an executor's future, which runs in the worker thread that finishes it"


# logging's QueueHandler puts each record into the queue it is handed, in the thread of whatever code logs
_QUEUE_HANDLER = "logging.handlers.QueueHandler"
_QUEUE_HANDLER_WHERE = ("a `logging.handlers.QueueHandler`, which puts each record into it in the thread of "
                        "whatever code logs (a handler serves every thread of the process)")
_FINALIZE = "weakref.finalize"
_FINALIZE_WHERE = ("a finalizer (`weakref.finalize()`), which runs in whichever thread drops the last reference to "
                   "the object or runs the garbage collector, or at exit")


# `gc.callbacks.append(f)`: the collector calls `f` in whichever thread's allocation sets it off
_GC_CALLBACKS_APPEND = "gc.callbacks.append"
_GC_WHERE = ("a garbage collector callback (`gc.callbacks`), which runs in whichever thread's allocation starts a "
             "collection, and this module starts threads of its own")


def _starts_threads(ctx: FileContext) -> bool:
    """Does this module hand work to a thread (`Thread(target=...)`, an executor, `asyncio.to_thread`)?"""
    return any(ctx.target_of(site) in knowledge.THREAD_ENTRY for site in ctx.calls)


def reference() -> List[Tuple[str, str, str]]:
    """The library code the tables above say runs what it is handed on a thread of its own, for the rule pages:
    (the library's name as the docs show it, what of the program's runs there, where it runs)."""
    rows: List[Tuple[str, str, str]] = []
    for name, (_, keyword, where) in _THREAD_CALLBACKS.items():
        more = _MORE_THREAD_CALLBACKS.get(name, ())
        keywords = ", ".join(f"`{k}=`" for k in (keyword, *more) if k and k != "f")
        rows.append((f"`{name}()`", "the callback it is handed" + (f" ({keywords})" if keywords else ""), where))
    rows += [(f"`{name}`", "the functions assigned to its `on_*` attributes", where)
             for name, where in _CALLBACK_ATTRS.items()]
    rows += [(f"`{name}`", f"the callables assigned to its `{prefix}*` attributes", where)
             for name, (prefix, where) in _THREADED_ATTRS.items()]
    rows += [(f"`{name}()`", "the callbacks given as " + ", ".join(f"`{k}=`" for k in keywords), where)
             for name, (keywords, where) in _THREAD_CALLBACK_KEYWORDS.items()]
    rows += [(f"`{name}()`", "the values of the mapping it is handed", where)
             for name, (_, _, where) in _THREAD_CALLBACK_MAPS.items()]
    rows += [(f"`{name}()`", "the callbacks given as " + ", ".join(f"`{k}=`" for k in keywords) + " (when "
              + " or ".join(f"`{m}()`" for m in served) + " is called off the loop's thread)", where)
             for name, (keywords, served, where) in _SERVED_BY_CALLS.items()]
    rows += [(f"`{name}()`", "what is registered on its object", where) for name, where in _THREAD_STARTERS.items()]
    rows += [(f"`{name}`", "a subclass's " + ", ".join(f"`{m}*`" if m.endswith("_") else f"`{m}()`" for m in methods),
              where) for name, (methods, where) in _THREAD_CLASSES.items()]
    rows += [(f"`{name}()`", "the " + ", ".join(f"`{m}()`" for m in methods) + " methods of the object it is handed",
              where) for name, (_, methods, where) in _RUNS_METHODS_OF.items()]
    rows += [("`schedule.every(...).do(job)`", "the job", _SCHEDULE_WHERE),
             (f"`{_ASYNCIO_SCHEDULER_ADD}()`", "a plain function", _ASYNCIO_SCHEDULER_WHERE),
             (f"`{_ATEXIT}()`", "the handler", _ATEXIT_WHERE),
             (f"`{_CF_CALLBACK}()`", "the callback", _CF_WHERE),
             (f"`{_FINALIZE}()`", "the finalizer", _FINALIZE_WHERE),
             (f"`{_GC_CALLBACKS_APPEND}()`", "the callback (where the module starts threads)", _GC_WHERE),
             ("a `*_pb2_grpc.*Servicer` subclass", "its plain methods", _GRPC_WHERE),
             ("a ctypes callback (`CFUNCTYPE(...)(f)`) handed to a library (`ctypes.CDLL(...)`) the module also "
              "calls from a function it hands to a thread", "the callback", c_callbacks.WHERE),
             ("a class with no generated base, in a module that imports grpc",
              "its plain methods named as RPCs, `Method(self, request, context)`, that the module does not call "
              "itself", _GRPC_WHERE),
             ("`prometheus_client.start_http_server()`, `start_wsgi_server()`",
              "the `collect()` of the module's collectors (`Collector` subclasses, or where the module calls "
              "`register()`, any class whose `collect()` yields metrics or returns a list)", telemetry.PROMETHEUS_WHERE)]
    return rows


# A keyword that asks a library to call the callables of the same call on a worker thread of its own
# (`api.on_status_change(callback=cb, run_in_thread=True)`, `threaded=True`); `use_threads=` (a reader's
# parallelism) takes no callback, and says nothing of one
_THREAD_FLAG = re.compile(r"(?:^|_)(?:in|on)_(?:\w+_)?thread$|^threaded$|^use_thread$")


def _thread_flag(ctx: FileContext, site: CallSite, entry: Optional[str]) -> Optional[str]:
    """The keyword of ``site`` set to `True` that tells a library to call back on a thread of its own, when the
    callee is not a function of this module (whose code says what the flag does)."""
    for arg in site.node.args:
        keyword = arg.keyword
        if keyword is not None and type(arg.value) is cst.Name and arg.value.value == "True" \
                and _THREAD_FLAG.search(keyword.value):
            return None if entry in ctx.functions else keyword.value
    return None


def _entries(ctx: FileContext) -> Iterator[Tuple[cst.CSTNode, Scope, cst.BaseExpression, str, Dict[str, cst.BaseExpression]]]:
    """(where it is handed over, the scope there, the callable, how it runs, arguments passed to it by name)."""
    threaded: Dict[Tuple[int, str], str] = {}  # library objects a method of which runs in another thread
    registering = registrations(ctx)
    serves_metrics = False  # (prometheus_client's own server, scraping on its thread)
    c_wrappers = False  # (ctypes callbacks made)
    for site in ctx.calls:
        entry = ctx.target_of(site)
        serves_metrics = serves_metrics or entry in telemetry.PROMETHEUS_SERVERS
        c_wrappers = c_wrappers or entry in c_callbacks.WRAPPER_TYPES
        if entry is not None and entry not in registering and f"{entry}.__init__" in registering:
            entry = f"{entry}.__init__"  # `Ticker(5, self.report)`: a Thread subclass of this module, made
        if entry in registering:  # `watcher.add_listener(self._changed.set)`, the watcher a class of this module
            position, param, where = registering[entry]
            callback = _argument(site.node, position, param)
            if callback is not None:
                yield _library_callback(ctx, site, entry, callback, where)
        else:
            handed = _another_modules_starter(ctx, site, entry)
            if handed is not None:
                yield handed
            else:
                _another_modules_registration(ctx, site)
        if entry in knowledge.THREAD_ENTRY and not (entry in ros.THREAD_ENTRY and _spins_on_loop(ctx)):
            for func in _either_callable(_callable_arg(site, entry)):
                target = _unwrap_partial(site.scope, func)
                _note_threaded(ctx, site, entry, target, threaded)
                yield site.node, site.scope, target, knowledge.THREAD_ENTRY_WHERE[entry], \
                    _passed(ctx, site, entry, func, target)
                for callback in _handed_callbacks(ctx, site, entry, func, target):
                    yield site.node, site.scope, callback, \
                        f"{knowledge.THREAD_ENTRY_WHERE[entry]}, called back by `{dotted(target)}`", {}
        elif entry in _SA_LISTEN and _sync_engine(site.scope, _argument(site.node, 0, "target")):
            callback = _argument(site.node, 2, "fn")
            if callback is not None:
                yield _library_callback(ctx, site, entry, callback, _SA_WHERE)
        elif (entry == _CF_CALLBACK or entry is None and _untyped_done_callback(site)) and site.node.args \
                and _submitted(ctx, site):
            yield _library_callback(ctx, site, entry, site.node.args[0].value, _CF_WHERE)
        elif entry == _ATEXIT and site.node.args and _runs_loop_in_thread(ctx):
            callback = _argument(site.node, 0, "func")
            target = _unwrap_partial(site.scope, callback)
            yield site.node, site.scope, target, _ATEXIT_WHERE, _passed(ctx, site, entry, callback, target)
        elif entry == _ASYNCIO_SCHEDULER_ADD:
            callback = _argument(site.node, 0, "func")
            if callback is not None and _plain_function(ctx, site.scope, callback):
                yield _library_callback(ctx, site, entry, callback, _ASYNCIO_SCHEDULER_WHERE)
        elif entry in _THREAD_CALLBACKS or (entry is None and (entry := _named_registration(site)) is not None):
            position, keyword, where = _THREAD_CALLBACKS[entry]
            callback = _argument(site.node, position, keyword)
            if callback is not None:
                yield _library_callback(ctx, site, entry, callback, where)
            for keyword in _MORE_THREAD_CALLBACKS.get(entry, ()):
                callback = _argument(site.node, -1, keyword)
                if callback is not None:
                    yield _library_callback(ctx, site, entry, callback, where)
        elif (signal := _streaming_signal(ctx, site)) is not None:
            yield _library_callback(ctx, site, "connect", signal, _STREAMING_WHERE)
        elif entry == knowledge.POOL_TYPE and _thread_pool_written(ctx, site.node.func):
            # `ThreadPool(4, initializer=ready.set)`: read as the process pool it derives from, but its workers
            # are threads of this process, and each runs the initializer first
            callback = _argument(site.node, 1, "initializer")
            if callback is not None:
                yield _library_callback(ctx, site, entry, callback, _THREAD_POOL_INIT_WHERE)
        elif entry in _THREAD_CALLBACK_KEYWORDS:
            keywords, where = _THREAD_CALLBACK_KEYWORDS[entry]
            for arg in site.node.args:
                if arg.keyword is not None and arg.keyword.value in keywords:
                    yield _library_callback(ctx, site, entry, arg.value, where)
        elif entry in _THREAD_CALLBACK_MAPS:
            position, keyword, where = _THREAD_CALLBACK_MAPS[entry]
            for callback in _mapped_callables(site.scope, _argument(site.node, position, keyword)):
                yield _library_callback(ctx, site, entry, callback, where)
        elif entry in _RUNS_METHODS_OF:
            yield from _methods_run_by(ctx, site, entry)
        elif entry is None and type(site.node.func) is cst.Attribute and site.node.func.attr.value == "do" \
                and site.node.args and _schedule_job(ctx, site) and not _serves_jobs_on_loop(ctx, site.scope) \
                and _schedule_served_off_loop(ctx):
            yield _library_callback(ctx, site, "schedule.Job.do", _argument(site.node, 0, "job_func"), _SCHEDULE_WHERE)
        elif entry in _CAN_NOTIFIERS and _argument(site.node, 3, "loop") is None:
            yield from _can_listeners(ctx, site, entry)
        elif entry in _SERVED_BY_CALLS:
            keywords, servers, where = _SERVED_BY_CALLS[entry]
            if any(a.keyword is not None and a.keyword.value in keywords for a in site.node.args) \
                    and _served_off_loop(ctx, entry.rpartition(".")[0], servers, _receiver_key(site)):
                for arg in site.node.args:
                    if arg.keyword is not None and arg.keyword.value in keywords:
                        yield _library_callback(ctx, site, entry, arg.value, where)
        elif entry in _THREAD_STARTERS and type(site.node.func) is cst.Attribute:
            key = _owner_key(site.scope, site.node.func.value)
            if key is not None:
                threaded[key] = _THREAD_STARTERS[entry]
        elif entry is None and type(site.node.func) is cst.Attribute \
                and _NAMED_THREAD_STARTER.match(site.node.func.attr.value):
            key = _owner_key(site.scope, site.node.func.value)
            if key is not None:
                threaded[key] = f"the thread that `{dotted(site.node.func)}()` starts"
        elif entry in _CALLBACK_METHODS and len(site.node.args) > 1 and _starts_thread(ctx, entry.rpartition(".")[0]):
            yield site.node, site.scope, _unwrap_partial(site.scope, site.node.args[1].value), \
                _CALLBACK_ATTRS[entry.rpartition(".")[0]], {}
        elif (listed := _listener_list(ctx, site)) is not None:
            yield _library_callback(ctx, site, listed[0], site.node.args[0].value, listed[1])
        elif entry == _GC_CALLBACKS_APPEND and site.node.args and _starts_threads(ctx):
            callback = site.node.args[0].value
            yield site.node, site.scope, _unwrap_partial(site.scope, callback), _GC_WHERE, {}
        elif entry == _QUEUE_HANDLER and site.node.args:
            handed = _argument(site.node, 0, "queue")
            if handed is not None:
                yield site.node, site.scope, handed, _QUEUE_HANDLER_WHERE, {}
        elif entry == _FINALIZE:
            callback = _argument(site.node, 1, "")
            if callback is not None:
                target = _unwrap_partial(site.scope, callback)
                yield site.node, site.scope, target, _FINALIZE_WHERE, _passed(ctx, site, entry, callback, target)
        if (flag := _thread_flag(ctx, site, entry)) is not None:
            where = f"the thread `{dotted(site.node.func)}()` calls it back on (`{flag}=True`)"
            for value in _handed(site.node):
                if _called_back(ctx, site.scope, _unwrap_partial(site.scope, value)):
                    yield _library_callback(ctx, site, entry or "", value, where)
    for scope in ctx.scopes:
        for target, value in scope.events.get("hook_attrs", ()):
            hook = scope.evaluate(target)
            if hook is not None and hook[0] == REF and hook[1] in knowledge.THREAD_HOOKS:
                yield target, scope, _unwrap_partial(scope, value), knowledge.THREAD_HOOKS[hook[1]], {}
        for target, value in scope.events.get("callback_attrs", ()):
            owner = ctx.instance_type(scope, target.value)
            if owner in _CALLBACK_ATTRS and _starts_thread(ctx, owner, _owner_key(scope, target.value)):
                yield target, scope, value, _CALLBACK_ATTRS[owner], {}
            elif owner in _THREADED_ATTRS and target.attr.value.startswith(_THREADED_ATTRS[owner][0]):
                yield target, scope, _unwrap_partial(scope, value), _THREADED_ATTRS[owner][1], {}
            elif (key := _owner_key(scope, target.value)) in threaded:
                yield target, scope, value, threaded[key], {}
            elif owner is None and target.attr.value in _PAHO_CALLBACKS \
                    and _starts_thread(ctx, None, _owner_key(scope, target.value)):
                yield target, scope, value, _CALLBACK_ATTRS["paho.mqtt.client.Client"], {}
            elif owner in _THREAD_CLASSES and _runs_in_thread(_THREAD_CLASSES[owner][0], target.attr.value):
                # `handler = FileSystemEventHandler(); handler.on_modified = self._changed`: the library's thread
                # calls the instance's method, whichever callable it was replaced with
                yield target, scope, _unwrap_partial(scope, value), _THREAD_CLASSES[owner][1], {}
    yield from _gui_handlers(ctx)
    if threaded:
        for site in ctx.calls:
            func = site.node.func
            if type(func) is cst.Attribute and (_REGISTERS.match(func.attr.value)
                                                or func.attr.value in _QUEUED_ACTIONS_BY_NAME
                                                and _made_by(site.scope, func.value) in _QUEUES_ACTIONS):
                where = threaded.get(_owner_key(site.scope, func.value))
                if where is not None:
                    for value in _handed(site.node):
                        if _called_back(ctx, site.scope, value):
                            yield site.node, site.scope, value, where, {}
            elif type(site.statement) in (cst.Assign, cst.AnnAssign) and site.statement.value is site.node:
                # `self.httpd = make_server("", port, self.app)`, then `Thread(target=self.httpd.serve_forever)`:
                # what the server was made to call (a WSGI app) is called on the thread that serves
                targets = [t.target for t in site.statement.targets] if type(site.statement) is cst.Assign \
                    else [site.statement.target]
                where = next((threaded[key] for key in (_owner_key(site.scope, t) for t in targets)
                              if key in threaded), None)
                if where is not None:
                    for value in _handed(site.node):
                        if type(value) is not cst.Lambda and _called_back(ctx, site.scope, value):
                            yield site.node, site.scope, value, where, {}
    for scope in ctx.scopes:
        # `@work(thread=True) def poll(self)` (textual), `@run_on_executor` (tornado), `@sync_to_async` (asgiref):
        # calling the function hands its body to a worker thread
        if scope.kind == "function" and not scope.is_async and worker_thread(scope):
            yield scope.node, scope, scope.node, _WORKER_WHERE, {}
        elif scope.kind == "function" and not scope.is_async and (where := _handler_thread(scope)) is not None:
            yield scope.node, scope, scope.node, where, {}
        elif scope.kind == "function" and not scope.is_async and django_views.sync_view(scope):
            yield scope.node, scope, scope.node, django_views.SYNC_VIEW_WHERE, {}
        elif scope.kind == "function" and not scope.is_async and type(scope.node) is cst.FunctionDef \
                and scope.parent is not None and any(_sa_listens_for(scope.parent, d.decorator)
                                                     for d in scope.node.decorators):
            yield scope.node, scope, scope.node, _SA_WHERE, {}
    if serves_metrics:
        yield from _prometheus_collectors(ctx)
    if c_wrappers:
        for site, callback in c_callbacks.served_off_loop(ctx, _threaded_functions(ctx)):
            yield _library_callback(ctx, site, "", callback, c_callbacks.WHERE)
    if ctx.root.module.imports(_GRPC):
        yield from _duck_typed_servicers(ctx)
    for qualname, (outer, bases) in ctx.builder.bases.items():
        cls = ctx.root.module.classes.get(qualname)
        for base in bases:
            value = outer.evaluate(base)
            known = _THREAD_CLASSES.get(value[1]) if value is not None and value[0] == REF else None
            if known is None and value is not None and value[0] == REF and _GRPC_SERVICER.search(value[1]):
                if cls is not None:
                    for name, method in cls.methods.items():
                        if not method.is_async and not name.startswith("_") and _rpc_handler(method.node):
                            yield method.node, method, method.node, _GRPC_WHERE, {}
                continue
            if known is not None and cls is not None:
                names, where = known
                for name, method in cls.methods.items():
                    if _runs_in_thread(names, name):
                        yield method.node, method, method.node, where, {}


def _threaded_functions(ctx: FileContext) -> Set[str]:
    """The qualified names of the functions this module hands to a thread (`Thread(target=...)`, an executor)."""
    found = set()
    for site in ctx.calls:
        entry = ctx.target_of(site)
        func = _callable_arg(site, entry) if entry in knowledge.THREAD_ENTRY else None
        value = site.scope.evaluate(_unwrap_partial(site.scope, func)) if func is not None else None
        if value is not None and value[0] == REF:
            found.add(value[1])
    return found


_GRPC = ("grpc",)
_RPC_PARAMS = (("request", "context"), ("request_iterator", "context"))


def _duck_typed_servicers(ctx: FileContext) -> Iterator[tuple]:
    """A servicer of a module that imports grpc but derives from no generated base (`add_XServicer_to_server` asks
    only for the methods): its plain methods named as RPCs are (`SendCommand(self, request, context)`), in
    CamelCase as protobuf names them, with the generated parameters' names, and called by nothing of the module's
    own (grpc calls a handler; a method the module's code calls is a method of its own)."""
    called = {site.node.func.attr.value for site in ctx.calls if type(site.node.func) is cst.Attribute}
    for qualname, cls in ctx.root.module.classes.items():
        outer, bases = ctx.builder.bases.get(qualname, (None, ()))
        if any((value := outer.evaluate(base)) is not None and value[0] == REF and _GRPC_SERVICER.search(value[1])
               for base in bases):
            continue  # (found by its base)
        for name, method in cls.methods.items():
            if method.is_async or not name[:1].isupper() or not _rpc_handler(method.node):
                continue
            params = tuple(p.name.value for p in method.node.params.params[1:])
            if params in _RPC_PARAMS and name not in called:
                yield method.node, method, method.node, _GRPC_WHERE, {}


_PROMETHEUS_REGISTERS = frozenset({telemetry.PROMETHEUS_REGISTER, "prometheus_client.REGISTRY.register"})


def _gives_metrics(collect: cst.FunctionDef) -> bool:
    """Does ``collect`` give what a collector gives, metric families: it yields, or returns a list or tuple (a
    cache's `collect()` that returns a count is no collector)?"""
    return any(type(node) in (cst.Yield, cst.Return) and (type(node) is cst.Yield or type(node.value) in
                                                           (cst.List, cst.Tuple, cst.ListComp))
               for node in walk_local(collect.body))


def _prometheus_collectors(ctx: FileContext) -> Iterator[tuple]:
    """The `collect()` of this module's collectors, in a module that serves its metrics from prometheus_client's
    own server thread: `Collector` subclasses and, where the module registers collectors itself, any class of its
    with a plain `collect(self)` that gives metric families, the one method `register()` asks of what it is
    handed."""
    registers = any(ctx.target_of(site) in _PROMETHEUS_REGISTERS for site in ctx.calls)
    for qualname, cls in ctx.root.module.classes.items():
        method = cls.methods.get("collect")
        if method is None or method.is_async or type(method.node) is not cst.FunctionDef \
                or len(method.node.params.params) != 1:
            continue
        outer, bases = ctx.builder.bases.get(qualname, (None, ()))
        derived = any(outer.evaluate(base) == (REF, telemetry.PROMETHEUS_COLLECTOR) for base in bases)
        if derived or registers and _gives_metrics(method.node):
            yield method.node, method, method.node, telemetry.PROMETHEUS_WHERE, {}


# logging's handler classes: a subclass's `emit` (and the methods `Handler.handle` calls for it) runs in the
# thread of the code that logs, whichever that is. Not a thread of its own: only where this module also runs code
# that logs on another thread (a thread's target, an executor's job) is it known to run off the loop's thread.
_LOG_HANDLER_METHODS = ("emit", "enqueue", "handle")
_LOG_CALLS = frozenset(call for call in knowledge.DISPLAY_CALLS if call.startswith("logging."))


def _log_handlers(ctx: FileContext, entries: list) -> Iterator[tuple]:
    """Entries for the `emit` of this module's `logging.Handler` subclasses, when code this module runs on another
    thread logs (`log.critical(...)` in a watchdog thread's target): that record reaches the handlers of its
    logger in that thread. (Which loggers a handler is added to is decided elsewhere, at configuration.)"""
    methods = []
    for qualname, (outer, bases) in ctx.builder.bases.items():
        cls = ctx.root.module.classes.get(qualname)
        if cls is None:
            continue
        for base in bases:
            value = outer.evaluate(base)
            if value is not None and value[0] == REF and value[1] in _LOG_HANDLER_BASES:
                methods.extend(m for name, m in cls.methods.items()
                               if name in _LOG_HANDLER_METHODS and not m.is_async)
                break
    if not methods:
        return
    found = _logs_off_loop(ctx, entries) if entries else None
    for method in methods:
        if found is not None:
            logged, where = found
            yield method.node, method, method.node, (
                f"the thread of whatever code logs (a `logging.Handler`'s `{method.name}`), and `{logged}` logs "
                f"from {where}"), {}
        elif not _asks_thread(method):
            yield method.node, method, method.node, (
                f"the thread of whatever code logs (a `logging.Handler`'s `{method.name}`): a handler serves every "
                "thread of the process, worker threads and libraries' threads included"), {}


# Calls that tell which thread the code runs on: a handler that asks is written for records of many threads
_THREAD_QUESTIONS = frozenset({"threading.current_thread", "threading.get_ident", "threading.get_native_id",
                               "threading.main_thread", "_thread.get_ident", "asyncio.get_running_loop",
                               "asyncio.events._get_running_loop", "asyncio._get_running_loop"})


def _asks_thread(method: Scope) -> bool:
    """Does ``method`` ask which thread it runs on (`threading.get_ident()`, `asyncio.get_running_loop()` in a
    `try`), to take another way from other threads?"""
    for site in method.events.get("calls", ()):
        value = method.evaluate(site.node.func)
        if value is not None and value[0] == REF and value[1] in _THREAD_QUESTIONS:
            return True
    return False


_LOG_HANDLER_BASES = frozenset({"logging.Handler", "logging.StreamHandler", "logging.FileHandler",
                                *(f"logging.handlers.{kind}" for kind in (
                                    "BufferingHandler", "MemoryHandler", "QueueHandler", "HTTPHandler",
                                    "SocketHandler", "DatagramHandler", "WatchedFileHandler"))})


# Entries whose code logs elsewhere than on another thread of this process: a signal handler runs on the main
# thread (the loop's, as a rule), a process has handlers of its own
_NOT_A_THREAD = frozenset(knowledge.THREAD_ENTRY_WHERE[entry] for entry in (
    "signal.signal", "multiprocessing.Process", "concurrent.futures.ProcessPoolExecutor.submit",
    "concurrent.futures.ProcessPoolExecutor.map"))


def _logs_off_loop(ctx: FileContext, entries: list) -> Optional[Tuple[str, str]]:
    """(a logging call, where it runs) made by code this module runs off the loop's thread, or None."""
    for _, scope, func, where, _ in entries:
        if where in _NOT_A_THREAD:
            continue
        thread_scopes = [scope] if type(func) is cst.FunctionDef else list(_thread_scopes(ctx, scope, func))
        for thread_scope in _with_helpers(ctx, thread_scopes):
            for inner in thread_scope.events.get("calls", ()):
                if ctx.target_of(inner) in _LOG_CALLS:
                    return call_text(inner.node), where
    return None


# SQLAlchemy's event registration. A sync `Engine`'s events fire in the thread that runs the statement: in an
# asyncio program that is a worker thread (`to_thread`, an executor, a thread pool), since run on the loop's
# thread the sync engine would block it (ACK105's business). An `AsyncEngine`'s events are registered on its
# `sync_engine` and fire inside the greenlet SQLAlchemy runs on the loop's own thread: on the loop, so not
# reported; nor are listeners on the `Engine` class (every engine, async ones included) or on a pool or session.
_SA_LISTEN = frozenset({"sqlalchemy.event.listen", "sqlalchemy.event.api.listen"})
_SA_LISTENS_FOR = frozenset({"sqlalchemy.event.listens_for", "sqlalchemy.event.api.listens_for"})
_SA_WHERE = ("a listener of a sync SQLAlchemy `Engine`, which fires in the thread that runs the statement (a "
             "worker thread: run on the loop's thread, a sync engine would block it)")


def _sync_engine(scope: Scope, node: Optional[cst.BaseExpression]) -> bool:
    """``node`` is a sync SQLAlchemy engine made or declared as one (`create_engine(...)`, `engine: Engine`), not
    an `AsyncEngine`'s `sync_engine` nor the `Engine` class."""
    if node is None or (type(node) is cst.Attribute and node.attr.value == "sync_engine"):
        return False
    return scope.evaluate(node) == (INST, knowledge.SA_ENGINE)


def _sa_listens_for(outer: Scope, decorator: cst.BaseExpression) -> bool:
    """`@event.listens_for(engine, "before_cursor_execute")` on a sync engine."""
    if type(decorator) is not cst.Call:
        return False
    value = outer.evaluate(decorator.func)
    return value is not None and value[0] == REF and value[1] in _SA_LISTENS_FOR \
        and _sync_engine(outer, _argument(decorator, 0, "target"))


def _rpc_handler(node: cst.CSTNode) -> bool:
    """A servicer method with the generated signature, `(self, request, context)` (`request_iterator` for a
    client stream): other public methods of the class are its own helpers, called from wherever it calls them."""
    if type(node) is not cst.FunctionDef:
        return False
    params = node.params
    return not params.star_kwarg and type(params.star_arg) is not cst.Param \
        and len(params.posonly_params) + len(params.params) == 3


def library_callback_attribute(ctx: FileContext, scope: Scope, target: cst.Attribute) -> bool:
    """`client.on_message = handler` on a paho client, `button.when_pressed = handler` on a gpiozero device,
    `handler.on_modified = fn` on a watchdog handler: the library calls what is assigned there as a plain function
    (whichever thread that is on)."""
    owner = ctx.instance_type(scope, target.value)
    attr = target.attr.value
    if owner in _CALLBACK_ATTRS:
        return attr.startswith("on_")
    if owner in _THREADED_ATTRS:
        return attr.startswith(_THREADED_ATTRS[owner][0])
    if owner in _THREAD_CLASSES:
        return _runs_in_thread(_THREAD_CLASSES[owner][0], attr)
    return owner is None and attr in _PAHO_CALLBACKS and ctx.root.module.imports(("paho",))


def _runs_in_thread(names: Tuple[str, ...], name: str) -> bool:
    """Is ``name`` one of a _THREAD_CLASSES row's methods (a name, or a prefix ending in `_`)?"""
    return name in names or any(name.startswith(n) for n in names if n.endswith("_"))


def _plain_function(ctx: FileContext, scope: Scope, callback: cst.BaseExpression) -> bool:
    """``callback`` is known to be a plain (not async) function: a lambda, or a def of this module (a partial's
    function alike). Unknown callables are not assumed either way."""
    target = _unwrap_partial(scope, callback)
    if type(target) is cst.Lambda:
        return True
    value = scope.evaluate(target)
    function = ctx.functions.get(value[1]) if value is not None and value[0] == REF else None
    return function is not None and not function.is_async


def _listener_list(ctx: FileContext, site: CallSite) -> Optional[Tuple[str, str]]:
    """`client.socket_mode_request_listeners.append(process)`: (the list, where its callbacks run) when the list is
    one a library object calls on its threads (knowledge.THREAD_LISTENER_LISTS)."""
    func = site.node.func
    if type(func) is not cst.Attribute or func.attr.value != "append" or len(site.node.args) != 1 \
            or type(func.value) is not cst.Attribute:
        return None
    owner = ctx.instance_type(site.scope, func.value.value)
    known = knowledge.THREAD_LISTENER_LISTS.get(owner or "")
    if known is None or func.value.attr.value not in known[0]:
        return None
    return f"{owner}.{func.value.attr.value}", known[1]


def _handler_thread(scope: Scope) -> Optional[str]:
    """Where a library runs a plain function its decorator registers on a thread of the library's own (`@bot.
    message_handler(commands=["start"])` on a sync `TeleBot`), or None."""
    outer = scope.parent
    for decorator in getattr(scope.node, "decorators", ()) if outer is not None else ():
        expr = decorator.decorator
        value = outer.evaluate(expr.func if type(expr) is cst.Call else expr)
        if value is not None and value[0] == REF and value[1] in knowledge.THREAD_HANDLER_DECORATORS:
            return knowledge.THREAD_HANDLER_DECORATORS[value[1]]
    return None


def _library_callback(ctx: FileContext, site: CallSite, entry: str, callback: cst.BaseExpression, where: str):
    """An entry for a callable library code calls back on its thread, with what a `functools.partial` binds."""
    target = _unwrap_partial(site.scope, callback)
    passed = _passed(ctx, site, entry, callback, target, own_args=False) if target is not callback else {}
    return site.node, site.scope, target, where, passed


def _mapped_callables(scope: Scope, mapping: Optional[cst.BaseExpression]) -> Iterator[cst.BaseExpression]:
    """The values of a dict display handed over, or of the one a local bound once holds (`hotkeys = {...}`)."""
    if type(mapping) is cst.Name:
        home = scope.lookup_scope(mapping.value)
        bindings = home.bindings.get(mapping.value, ()) if home is not None and home.kind != "module" else ()
        mapping = bindings[0][1] if len(bindings) == 1 and bindings[0][0] == "expr" else None
    if type(mapping) is cst.Dict:
        yield from (element.value for element in mapping.elements if type(element) is cst.DictElement)


def _methods_run_by(ctx: FileContext, site: CallSite, entry: str):
    """`QueueListener(records, ForwardHandler(sink))`: the methods the listener's thread calls of the instances of
    this module's classes it is handed."""
    position, methods, where = _RUNS_METHODS_OF[entry]
    positional = [a.value for a in site.node.args if a.keyword is None and not a.star]
    for value in positional[position:]:
        cls = ctx.root.classes.get(ctx.instance_type(site.scope, value) or "")
        for name in methods if cls is not None else ():
            method = cls.methods.get(name)
            if method is not None and not method.is_async:
                yield method.node, method, method.node, where, {}


# python-can's Notifier reads each bus on a thread of its own and hands every frame to its listeners there, unless
# it was given the loop (`Notifier(bus, listeners, loop=loop)`): then they are called on the loop's thread (through
# `loop.add_reader` or `call_soon_threadsafe`). A listener is a `can.Listener` (its `on_message_received` and
# `on_error` are called) or any callable taking the message.
_CAN_NOTIFIERS = frozenset({"can.Notifier", "can.notifier.Notifier"})
_CAN_LISTENER_METHODS = ("on_message_received", "on_error", "__call__")
_CAN_WHERE = "python-can's `Notifier` thread (made without `loop=`, it calls its listeners there)"


def _can_listeners(ctx: FileContext, site: CallSite, entry: str):
    """`can.Notifier(bus, [Recorder(frames), self._on_frame])`: the methods of the listeners of this module's
    classes, and the callables, that the notifier's thread calls."""
    listeners = _argument(site.node, 1, "listeners")
    if listeners is None:
        return
    values = [e.value for e in listeners.elements if type(e) is cst.Element] \
        if type(listeners) in (cst.List, cst.Tuple) else [listeners]
    for value in values:
        cls = ctx.root.classes.get(ctx.instance_type(site.scope, value) or "")
        if cls is not None:
            for name in _CAN_LISTENER_METHODS:
                method = cls.methods.get(name)
                if method is not None and not method.is_async:
                    yield method.node, method, method.node, _CAN_WHERE, {}
        elif type(listeners) in (cst.List, cst.Tuple) and type(value) in (cst.Name, cst.Attribute, cst.Lambda):
            yield _library_callback(ctx, site, entry, value, _CAN_WHERE)


# What hands a callable to the event loop's own thread: whatever calls these runs what it is given there. Bare
# names are methods distinctive enough to know by name: tornado's `io_loop.add_callback_from_signal(f)` (for a
# signal handler), Textual's `app.call_from_thread(f)`; dotted ones are known by what they resolve to (anyio's
# and trio's `from_thread.run_sync(f)`, whose name `to_thread.run_sync` shares the other way round).
_LOOP_HAND_OVERS = frozenset({"call_soon_threadsafe", "add_callback_from_signal", "call_from_thread",
                              "asyncio.run_coroutine_threadsafe", "asyncio.tasks.run_coroutine_threadsafe",
                              "anyio.from_thread.run", "anyio.from_thread.run_sync",
                              "trio.from_thread.run", "trio.from_thread.run_sync"})


def _handed_callbacks(ctx: FileContext, site: CallSite, entry: str, func: cst.BaseExpression,
                      target: cst.BaseExpression) -> Iterator[cst.BaseExpression]:
    """`Thread(target=sdk.run, args=(on_done,))`, `to_thread(client.poll, self._on_event)`: a function of this
    module handed to library code that runs in the other thread is called back there. (Handed to a function of
    this module, it is that function's to call or pass on: see _passed.)"""
    if entry == "signal.signal" or type(target) not in (cst.Name, cst.Attribute):
        return
    if type(target) is cst.Attribute and target.attr.value in _LOOP_HAND_OVERS:
        return  # Timer(5, loop.call_soon_threadsafe, args=(event.set,)): the loop's thread calls it
    value = site.scope.evaluate(target)
    if value is not None and value[0] == REF and (value[1] in ctx.functions or value[1] in _LOOP_HAND_OVERS):
        return
    handed: List[cst.BaseExpression] = []
    made = _partial_of(site.scope, func) if func is not target else None
    if made is not None:  # functools.partial(sdk.run, on_done)
        handed.extend(a.value for a in made[0].args[1:])
    for arg in site.node.args:
        if entry in ("threading.Thread", "threading.Timer", "multiprocessing.Process"):
            if arg.keyword is not None and arg.keyword.value in ("args", "kwargs"):
                handed.extend(e.value for e in getattr(arg.value, "elements", ())
                              if type(e) in (cst.Element, cst.DictElement))
                handed.extend(_dict_call_items(site.scope, arg.value).values())
        elif arg.value is not func:
            handed.append(arg.value)
    for node in _displayed(handed):
        if _called_back(ctx, site.scope, node):
            yield node


def _dict_call_items(scope: Scope, node: cst.BaseExpression) -> Dict[str, cst.BaseExpression]:
    """`kwargs=dict(gateway=gw, on_event=q.put_nowait)`: the keywords of a call of the builtin `dict` (the
    display's other spelling), by name; empty for anything else."""
    if type(node) is not cst.Call or type(node.func) is not cst.Name or node.func.value != "dict" \
            or scope.lookup_scope("dict") is not None:
        return {}
    return {a.keyword.value: a.value for a in node.args if a.keyword is not None}


def _displayed(values: List[cst.BaseExpression], depth: int = 0) -> Iterator[cst.BaseExpression]:
    """``values``, with the values of the dict, list and tuple displays among them in their place, two deep:
    `hooks={"response": [on_response]}`, requests' hooks, hands the library its callbacks that way."""
    for value in values:
        kind = type(value)
        if depth < 2 and kind is cst.Dict:
            yield from _displayed([e.value for e in value.elements if type(e) is cst.DictElement], depth + 1)
        elif depth < 2 and kind in (cst.List, cst.Tuple):
            yield from _displayed([e.value for e in value.elements if type(e) is cst.Element], depth + 1)
        else:
            yield value


def _handed(call: cst.Call) -> Iterator[cst.BaseExpression]:
    """The values a call hands over: its arguments, and the values of a dict display it unpacks
    (`subscribe(**{"news": on_news})`, for channel names that are not identifiers)."""
    for arg in call.args:
        if arg.star == "**" and type(arg.value) is cst.Dict:
            yield from (e.value for e in arg.value.elements if type(e) is cst.DictElement)
        else:
            yield arg.value


def _called_back(ctx: FileContext, scope: Scope, node: cst.BaseExpression) -> bool:
    """Is ``node``, handed to library code, something whose call we can follow: a lambda, a sync function of this
    module, a loop-bound object's method (`event.set`), or an instance of a class of this module that is called
    through its sync `__call__` (boto3's `Callback=UploadProgress(size)`)?"""
    if type(node) is cst.Lambda:
        return True
    if type(node) not in (cst.Name, cst.Attribute, cst.Call):
        return False
    ref = scope.evaluate(node)
    if ref is not None and ref[0] == INST:
        call = ctx.functions.get(f"{ref[1]}.__call__")
        return call is not None and not call.is_async
    return type(node) is not cst.Call and ref is not None and ref[0] == REF and (
        _loop_bound_method(ref) is not None or (ref[1] in ctx.functions and not ctx.functions[ref[1]].is_async))


# Methods that register a callable for an object to call later: `register_callback(f)`, `add_listener(f)`,
# `subscribe(topic, f)`, `on("reading", f)`, `set_message_handler(f)`, and the per-event form of `on` that device
# and vendor SDKs favour, `on_motion(f)`: only on an object a method of which runs in a thread, and only with a
# callable handed over, so a call that merely fires a handler (`self.on_motion(event)`) is not one.
_REGISTERS = re.compile(
    r"(register|p?subscribe|on|on_\w+|(add|set)_\w*(callback|handler|listener|hook|observer)s?)$|register_")


def _owner_key(scope: Scope, node: cst.BaseExpression) -> Optional[Tuple[int, str]]:
    """The object a dotted expression names, as one function or class sees it: `self.sdk` is the same object in
    every method of a class, `sdk` only within one function."""
    if type(node) not in (cst.Name, cst.Attribute):
        return None
    text = dotted(node)
    head = text.partition(".")[0]
    if "." in text and head == scope.self_name and scope.class_scope is not None:
        return id(scope.class_scope), text.partition(".")[2]
    home = scope.lookup_scope(head)
    return (id(home), text) if home is not None and home.kind == "function" else None


# Methods that queue an action for the object's run method to call: `sched.scheduler.run()`, handed to a thread,
# calls what `enter()` queued in that thread.
_QUEUES_ACTIONS = frozenset({"sched.scheduler"})
_QUEUED_ACTIONS_BY_NAME = frozenset({"enter", "enterabs"})


def _made_by(scope: Scope, node: cst.BaseExpression) -> Optional[str]:
    """What made the object ``node`` names (`self.scheduler = sched.scheduler(...)`, bound once in the class, or
    a local bound once): the qualified name of the class called; None when not bound once by a call."""
    if type(node) is cst.Attribute and type(node.value) is cst.Name and node.value.value == scope.self_name \
            and scope.class_scope is not None:
        bindings = scope.class_scope.attrs.get(node.attr.value, ())
    elif type(node) is cst.Name:
        home = scope.lookup_scope(node.value)
        bindings = home.bindings.get(node.value, ()) if home is not None else ()
    else:
        return None
    if len(bindings) != 1 or bindings[0][0] != "expr" or type(bindings[0][1]) is not cst.Call:
        return None
    value = bindings[0][2].evaluate(bindings[0][1].func)
    return value[1] if value is not None and value[0] == REF else None


def _note_threaded(ctx: FileContext, site: CallSite, entry: str, target: cst.BaseExpression,
                   threaded: Dict[Tuple[int, str], str]) -> None:
    """`await asyncio.to_thread(self.sdk.start_streaming)`: a library object whose method runs in another thread.
    A sync SDK driven that way calls what is registered with it from its own threads, not the event loop's."""
    if entry == "signal.signal" or type(target) is not cst.Attribute:
        return
    value = site.scope.evaluate(target)
    if value is not None and value[0] == REF and value[1] in ctx.functions:
        return  # a method of this module: its own code says what it calls
    key = _owner_key(site.scope, target.value)
    if key is not None:
        threaded[key] = f"the thread that runs `{dotted(target)}` ({knowledge.THREAD_ENTRY_WHERE[entry]}), " \
                        f"which calls back what is registered with `{dotted(target.value)}`"


def _streaming_signal(ctx: FileContext, site: CallSite) -> Optional[cst.BaseExpression]:
    """The handler of `element.connect("new-sample", handler, ...)`, a signal GStreamer emits on a streaming
    thread (`"sync-message::element"`: the detail after `::` is the message's type), or None. Only in a module
    that imports gi (GStreamer's binding), or on a receiver named for an element: the names are GStreamer's,
    `connect` is everybody's."""
    func, args = site.node.func, site.node.args
    if type(func) is not cst.Attribute or func.attr.value != "connect" or len(args) < 2 \
            or type(args[0].value) is not cst.SimpleString or args[0].keyword is not None:
        return None
    receiver = func.value.attr if type(func.value) is cst.Attribute else func.value
    if not ctx.root.module.imports(_GI) and not (
            type(receiver) is cst.Name and _ELEMENT_NAMES.search(receiver.value.lower())):
        return None
    name = args[0].value.evaluated_value
    if not isinstance(name, str) or name.partition("::")[0] not in _STREAMING_SIGNALS:
        return None
    return args[1].value if args[1].keyword is None and not args[1].star else None


def _gui_handlers(ctx: FileContext) -> Iterator[tuple]:
    """The event handlers this module hands its GUI toolkit (`Button(..., command=self.on_sync)`,
    `button.clicked.connect(self.on_cancel)`), when it also runs an asyncio loop on a thread of its own: the
    toolkit calls them on the GUI's thread, which is then not the loop's."""
    toolkits = [t for t in knowledge.GUI_HANDLER_REGISTRARS
                if (ctx.root.module.imports(t[1]) or (t[0] == "Tk" and _tk_mainloop_thread(ctx)))
                and not ctx.root.module.imports(knowledge.GUI_LOOP_BRIDGES.get(t[0], ()))]
    if not toolkits:
        return
    loop_in_thread = _runs_loop_in_thread(ctx)
    gui_in_thread = _runs_gui_in_thread(ctx)
    if not loop_in_thread and not gui_in_thread:
        return
    for name, _, methods, keywords in toolkits:
        where = f"the GUI's thread (a {name} event handler), while this module runs the asyncio loop on a thread " \
            "of its own" if loop_in_thread else f"the GUI's thread (a {name} event handler), which this module " \
            "starts for the GUI's main loop: not the asyncio loop's"
        for site in ctx.calls:
            if site.scope.is_async and not gui_in_thread:
                # widgets a coroutine makes belong to a GUI the loop's thread drives (`root.update()` between
                # sleeps): their handlers run there, whatever thread another of the module's loops has
                continue
            func = site.node.func
            method = func.attr.value if type(func) is cst.Attribute else ""
            handlers = []
            if method in methods:
                position, keyword = methods[method]
                handler = _argument(site.node, position, keyword)
                if handler is not None:
                    handlers.append(handler)
            handlers.extend(a.value for a in site.node.args if a.keyword is not None and any(
                a.keyword.value == k or k.endswith("_") and a.keyword.value.startswith(k) for k in keywords))
            for handler in handlers:
                yield _library_callback(ctx, site, method or dotted(func), handler, where)


def _tk_mainloop_thread(ctx: FileContext) -> bool:
    """`threading.Thread(target=self.root.mainloop)` in a module that is handed its Tk objects (a root, the
    `tkinter` module itself as a parameter) instead of importing tkinter: `mainloop` is Tk's name for its main
    loop (Qt's and wx's have others), so the module's `command=` and `bind` handlers are Tk's."""
    for site in ctx.calls:
        if any(type(a.value) is cst.Attribute and a.value.attr.value == "mainloop" for a in site.node.args) \
                and ctx.target_of(site) == "threading.Thread":
            target = _callable_arg(site, "threading.Thread")
            if type(target) is cst.Attribute and target.attr.value == "mainloop":
                return True
    return False


def _runs_loop_in_thread(ctx: FileContext) -> bool:
    """Does this module run an asyncio loop on a thread it starts: a class that runs its loop there (`run` of a
    Thread subclass calling `self.loop.run_forever()`), or `Thread(target=loop.run_forever)` or a thread target
    that runs one (`asyncio.run(...)`, `loop.run_forever()`)? Memoised on the module."""
    key = ("runs loop in thread",)
    memo = ctx.root.memo
    if key not in memo:
        memo[key] = any(_background_loop(ctx, cls) is not None for cls in ctx.root.classes.values()) \
            or any(_thread_runs_loop(ctx, site) for site in ctx.calls if ctx.target_of(site) == "threading.Thread")
    return memo[key]


# GUI toolkits' main loops, by method name (Tk's `mainloop()`, Qt's `exec()`/`exec_()`, wx's `MainLoop()`)
_GUI_MAIN_LOOPS = frozenset({"mainloop", "exec", "exec_", "MainLoop"})


def _runs_gui_in_thread(ctx: FileContext) -> bool:
    """Does this module start a thread that runs the GUI's main loop (`Thread(target=self.root.mainloop)`, or a
    target that calls `root.mainloop()`) and no asyncio loop? The toolkit's handlers then run on that thread,
    which the asyncio loop, wherever it runs, does not share. Memoised on the module."""
    key = ("runs gui in thread",)
    memo = ctx.root.memo
    if key not in memo:
        memo[key] = any(_thread_runs_gui(ctx, site) for site in ctx.calls
                        if ctx.target_of(site) == "threading.Thread")
    return memo[key]


def _thread_runs_gui(ctx: FileContext, site: CallSite) -> bool:
    target = _callable_arg(site, "threading.Thread")
    if target is None:
        return False
    if type(target) is cst.Attribute and target.attr.value in _GUI_MAIN_LOOPS:
        return True
    return any(_loops_run_in(ctx, scope) is None and any(
        type(inner.node.func) is cst.Attribute and inner.node.func.attr.value in _GUI_MAIN_LOOPS
        for inner in scope.events.get("calls", ())) for scope in _thread_scopes(ctx, site.scope, target))


def _thread_runs_loop(ctx: FileContext, site: CallSite) -> bool:
    target = _callable_arg(site, "threading.Thread")
    if target is None:
        return False
    if type(target) is cst.Attribute and target.attr.value in _RUNS_LOOP \
            or site.scope.evaluate(target) == (REF, "asyncio.run"):  # `Thread(target=asyncio.run, args=(main(),))`
        return True
    return any(_loops_run_in(ctx, scope) is not None for scope in _thread_scopes(ctx, site.scope, target))


def _spins_on_loop(ctx: FileContext) -> bool:
    """Does a coroutine of this module spin a ROS node itself (`rclpy.spin_once(node, timeout_sec=0)` between
    awaits)? Then the node's callbacks run on the loop's thread. Memoised on the module."""
    key = ("ros spun on loop",)
    memo = ctx.root.memo
    if key not in memo:
        memo[key] = any(site.scope.is_async and ctx.target_of(site) in ros.SPINS for site in ctx.calls)
    return memo[key]


def _starts_thread(ctx: FileContext, owner: Optional[str], key: Optional[Tuple[int, str]] = None) -> bool:
    """Does this module run the library's network loop in a thread of its own (`client.loop_start()`, or
    `loop_forever` handed to a thread)? Driven from the event loop (`loop_read()` in `add_reader`, as aiomqtt
    does), its callbacks run on the loop's thread. (owner None: a client nothing types.) With the ``key`` of the
    object the callbacks are given to (`self.client` of one class), a class that drives that object from its
    loop (`self.loop.add_reader(sock, client.loop_read)` in one of its methods) and starts no thread for it
    keeps them on the loop's thread, whatever another class of the module does with its own client."""
    if key is not None and not _starts_own_thread(ctx, key) and _drives_from_loop(ctx, key):
        return False
    for site in ctx.calls:
        func = site.node.func
        if type(func) is cst.Attribute and func.attr.value == "loop_start" \
                and ctx.instance_type(site.scope, func.value) == owner:
            return True
        if any(type(a.value) is cst.Attribute and a.value.attr.value == "loop_forever" for a in site.node.args):
            return True
    return False


def _receiver_key(site: CallSite) -> Optional[Tuple[int, str]]:
    """The object whose method ``site`` calls (`self.producer` in `self.producer.produce(...)`), if it has one."""
    func = site.node.func
    return _owner_key(site.scope, func.value) if type(func) is cst.Attribute else None


def _starts_own_thread(ctx: FileContext, key: Tuple[int, str]) -> bool:
    """`self.client.loop_start()`, or `self.client.loop_forever` handed over, for the object ``key`` names."""
    for site in ctx.calls:
        func = site.node.func
        if type(func) is cst.Attribute and func.attr.value == "loop_start" \
                and _owner_key(site.scope, func.value) == key:
            return True
        if any(type(a.value) is cst.Attribute and a.value.attr.value == "loop_forever"
               and _owner_key(site.scope, a.value.value) == key for a in site.node.args):
            return True
    return False


def _drives_from_loop(ctx: FileContext, key: Tuple[int, str]) -> bool:
    """Does the class that holds the object ``key`` names hand a client's `loop_read` to the event loop's
    `add_reader` (paho's asyncio integration: the socket callbacks get the client as a parameter)?"""
    for site in ctx.calls:
        func = site.node.func
        if type(func) is cst.Attribute and func.attr.value == "add_reader" and len(site.node.args) > 1 \
                and site.scope.class_scope is not None and id(site.scope.class_scope) == key[0]:
            handed = site.node.args[1].value
            if type(handed) is cst.Attribute and handed.attr.value == "loop_read":
                return True
    return False


def _served_off_loop(ctx: FileContext, owner: str, servers: Tuple[str, ...],
                     key: Optional[Tuple[int, str]] = None) -> bool:
    """Does this module call a serving method (``servers``) of an ``owner`` off the loop's thread: handed to a
    thread (`asyncio.to_thread(producer.flush)`, `Thread(target=producer.poll)`), or called in a function it hands
    to one (`Thread(target=self._poll_loop)`, whose `while` calls `self._producer.poll(0.1)`)? Served on the loop's
    thread (`producer.poll(0)` in a coroutine), the callbacks run there. With the ``key`` of the object that was
    given the callback (`self.producer` of one class), the calls on that very object decide when there are any:
    another class's producer polled by a thread says nothing of this one."""
    threaded: Set[str] = set()
    handed: List[Optional[Tuple[int, str]]] = []  # the objects whose serving method is handed to a thread
    for site in ctx.calls:
        entry = ctx.target_of(site)
        func = _callable_arg(site, entry) if entry in knowledge.THREAD_ENTRY else None
        if func is None:
            continue
        func = _unwrap_partial(site.scope, func)
        value = site.scope.evaluate(func)
        if value is not None and value[0] == REF:
            if value[1].rpartition(".")[0] == owner and value[1].rpartition(".")[2] in servers:
                handed.append(_owner_key(site.scope, func.value) if type(func) is cst.Attribute else None)
            threaded.add(value[1])
    serving = [site for site in ctx.calls if type(site.node.func) is cst.Attribute
               and site.node.func.attr.value in servers
               and ctx.instance_type(site.scope, site.node.func.value) == owner]
    if key is not None:
        own = [site for site in serving if _owner_key(site.scope, site.node.func.value) == key]
        if own or key in handed:
            return key in handed or any(site.scope.qualname in threaded for site in own)
    return bool(handed) or any(site.scope.qualname in threaded for site in serving)


def _schedule_job(ctx: FileContext, site: CallSite) -> bool:
    """Is ``site`` the `do(job)` of a chain that starts at `schedule.every(...)` (or a `Scheduler`'s)?"""
    node = site.node.func.value
    while type(node) in (cst.Attribute, cst.Call):
        if type(node) is cst.Call:
            value = site.scope.evaluate(node.func)
            if value is not None and value[0] == REF and value[1] in _SCHEDULE_EVERY:
                return True
            node = node.func
        node = node.value if type(node) is cst.Attribute else node
    return False


def _serves_jobs_on_loop(ctx: FileContext, scope: Scope) -> bool:
    """A coroutine that registers its jobs and runs them itself between sleeps (`schedule.every().hour.do(job)`,
    then `while True: schedule.run_pending(); await asyncio.sleep(30)`): those run on its loop's thread, whatever
    thread another function of the module runs pending jobs in."""
    return scope.is_async and any(site.scope is scope and ctx.target_of(site) in _SCHEDULE_SERVERS
                                  for site in scope.events.get("calls", ()))


def _schedule_served_off_loop(ctx: FileContext) -> bool:
    """Does this module run the `schedule` package's pending jobs off the loop's thread: in a function it hands
    to a thread (`Thread(target=pump)`, whose `while` calls `schedule.run_pending()`), or handed over itself?"""
    threaded: Set[str] = set()
    for site in ctx.calls:
        entry = ctx.target_of(site)
        func = _callable_arg(site, entry) if entry in knowledge.THREAD_ENTRY else None
        value = site.scope.evaluate(_unwrap_partial(site.scope, func)) if func is not None else None
        if value is not None and value[0] == REF:
            if value[1] in _SCHEDULE_SERVERS:
                return True
            threaded.add(value[1])
    return bool(threaded) and any(site.scope.qualname in threaded and ctx.target_of(site) in _SCHEDULE_SERVERS
                                  for site in ctx.calls)


def _untyped_done_callback(site: CallSite) -> bool:
    """`app["pool"].submit(fn).add_done_callback(cb)` where nothing types the pool: a done callback on what an
    unknown object's `submit()` returns, itself unknown (an executor's future: asyncio's have no `submit`)."""
    func = site.node.func
    if type(func) is not cst.Attribute or func.attr.value != "add_done_callback":
        return False
    receiver = func.value
    if type(receiver) is cst.Call:
        return site.scope.evaluate(receiver.func) is None and site.scope.evaluate(receiver) is None
    return type(receiver) is cst.Name and site.scope.evaluate(receiver) is None


def _submitted(ctx: FileContext, site: CallSite) -> bool:
    """`pool.submit(fn).add_done_callback(cb)`, `f = pool.submit(fn)` then `f.add_done_callback(cb)`: a future an
    executor completes (one from `run_coroutine_threadsafe()` is completed on the loop's thread). A parameter
    declared `concurrent.futures.Future` is one too: what a coroutine is handed to wait for comes from a pool."""
    receiver = site.node.func.value
    if type(receiver) is cst.Name:
        scope = site.scope.lookup_scope(receiver.value)
        bindings = scope.bindings.get(receiver.value, ()) if scope is not None else ()
        if bindings and all(b[0] == "param" for b in bindings):
            return site.scope.evaluate(receiver) == (INST, "concurrent.futures.Future")
    return _made_by_submit(site.scope, receiver, False)


def _made_by_submit(scope: Scope, node: cst.BaseExpression, many: bool, depth: int = 0) -> bool:
    """Whether ``node`` is (``many``: holds only) futures that executors' `submit()` made: `pool.submit(fn)`, a
    name bound to one, or an item of a list of them (`futures[-1]`, `for f in futures`, `[pool.submit(...) ...]`)."""
    if depth > 3:
        return False
    if type(node) is cst.Name:
        where = scope.lookup_scope(node.value)
        bindings = where.bindings.get(node.value, ()) if where is not None else ()
        return bool(bindings) and all(
            b[0] == "expr" and _made_by_submit(scope, b[1], many, depth + 1)
            or b[0] == "iter" and not many and _made_by_submit(scope, b[1], True, depth + 1) for b in bindings)
    if many:
        if type(node) in (cst.ListComp, cst.SetComp, cst.GeneratorExp):
            return _made_by_submit(scope, node.elt, False, depth + 1)
        if type(node) in (cst.List, cst.Set, cst.Tuple):
            return bool(node.elements) and all(type(e) is cst.Element and _made_by_submit(scope, e.value, False, depth + 1)
                                               for e in node.elements)
        return False
    if type(node) is cst.Subscript:
        return _made_by_submit(scope, node.value, True, depth + 1)
    return type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value == "submit"


def _passed(ctx: FileContext, site: CallSite, entry: str, func: cst.BaseExpression,
            target: cst.BaseExpression, own_args: bool = True) -> Dict[str, cst.BaseExpression]:
    """Parameter name -> the expression the thread entry passes for it: `Thread(target=f, args=(q,))`,
    `run_in_executor(None, f, q)`, `submit(f, q)`, `functools.partial(f, q)`. A library's callback registration
    (``own_args`` False: `basic_consume(name, functools.partial(on_delivery, queue))`) passes only what the
    partial binds; the library's own arguments follow those."""
    value = site.scope.evaluate(target)
    function = ctx.functions.get(value[1]) if value is not None and value[0] == REF else None
    if function is None:
        return {}
    positional: List[cst.BaseExpression] = []
    named: Dict[str, cst.BaseExpression] = {}
    made = _partial_of(site.scope, func) if func is not target else None
    if made is not None:  # functools.partial(target, *args, **kwargs), here or bound to a local
        positional.extend(a.value for a in made[0].args[1:] if a.keyword is None and not a.star)
        named.update((a.keyword.value, a.value) for a in made[0].args if a.keyword is not None)
    args = site.node.args if own_args else ()
    if not own_args:
        pass
    elif entry in ("threading.Thread", "threading.Timer", "multiprocessing.Process"):
        for arg in args:
            if arg.keyword is not None and arg.keyword.value == "args" and type(arg.value) in (cst.Tuple, cst.List):
                positional.extend(e.value for e in arg.value.elements if type(e) is not cst.StarredElement)
            if arg.keyword is not None and arg.keyword.value == "kwargs" and type(arg.value) is cst.Dict:
                named.update((e.key.evaluated_value, e.value) for e in arg.value.elements
                             if type(e) is cst.DictElement and type(e.key) is cst.SimpleString)
            if arg.keyword is not None and arg.keyword.value == "kwargs":
                named.update(_dict_call_items(site.scope, arg.value))
    elif entry != "signal.signal":
        after = False
        for arg in args:
            if arg.value is func:
                after = True
            elif after and arg.keyword is None and not arg.star:
                positional.append(arg.value)
            elif after and arg.keyword is not None:
                named[arg.keyword.value] = arg.value
    params = function.node.params
    names = [p.name.value for p in (*params.posonly_params, *params.params)]
    if function.self_name is not None and type(target) is cst.Attribute:
        names = names[1:]  # a bound method: `self` is already given
    named.update(zip(names, positional))
    return {name: (arg, site.scope) for name, arg in named.items()}


def check(ctx: FileContext) -> None:
    seen: Set[int] = set()
    entries = list(_entries(ctx))
    entries.extend(_log_handlers(ctx, entries))
    # the methods a library calls on a thread of its own (a socketserver handler's `handle`, watchdog's `on_*`)
    threaded = {id(func) for _, _, func, _, _ in entries if type(func) is cst.FunctionDef}
    for site, thread in loop_starters.driven_after_start(ctx):
        seen.add(id(site.node))
        ctx.report(
            "ACK402", site.node,
            f"`{call_text(site.node)}` is not thread-safe: this code has started the thread that runs the loop "
            f"(`{call_text(thread.node)}`), so it no longer runs on the loop's thread, and `loop."
            f"{site.node.func.attr.value}()` may only be called from there; use `loop.call_soon_threadsafe(...)` or "
            "`asyncio.run_coroutine_threadsafe(...)`",
            related=((thread.node, "where the thread that runs the loop is made"),),
        )
        if ctx.target_of(site) in _STARTS_A_TASK:
            _advise_from_thread(ctx, site.node)
    for site, method, facade, foreign in _facade_calls(ctx):
        if foreign and id(site.scope.node) in threaded:
            continue  # off the loop's thread whatever the other module's class does with its loop: reported below
        seen.add(id(site.node))
        if not method:
            owner = _loop_bound_method(site.scope.evaluate(site.node.func))
            runs = "this class runs on a thread it starts (`run_forever`)" if facade is None else \
                f"this class's coroutines run on (`{facade.rpartition('.')[2]}` runs it on a thread of its own)"
            ctx.report(
                "ACK401", site.node,
                f"`{call_text(site.node)}` touches an `{owner}`, which belongs to the loop {runs}, but its public "
                "methods run in their callers' threads; use `loop.call_soon_threadsafe(...)` or "
                "`asyncio.run_coroutine_threadsafe(...)`",
            )
            continue
        why = "this class runs its loop on a thread it starts (`run_forever`), so its public methods run in their " \
            "callers' threads" if facade is None else \
            f"`{facade.rpartition('.')[2]}` runs that loop on a thread of its own (`run_forever`), not in this " \
            "public method's caller's thread"
        message = f"`{call_text(site.node)}` is not thread-safe: {why}, and `loop.{method}()` may only be called " \
            "from the loop's thread; use `loop.call_soon_threadsafe(...)` or `asyncio.run_coroutine_threadsafe(...)`"
        if foreign:
            ctx.candidates.append(Candidate("background-loop", facade, site.index, call_text(site.node),
                                            detail=site.node.func.value.attr.value, in_async=False, message=message))
        else:
            ctx.report("ACK402", site.node, message)
    for node, scope, func, where, passed in entries:
        value = scope.evaluate(func) if type(func) is not cst.FunctionDef else None
        if value is not None and value[0] == INST and value[1] in knowledge.LOOP_BOUND_TYPES and id(func) not in seen:
            seen.add(id(func))  # (an object the library calls the methods of there: a QueueHandler's queue)
            ctx.report(
                "ACK401", func,
                f"`{call_text(func)}` (an `{value[1]}`) is handed to {where}: asyncio objects are not thread-safe; "
                "hand the records to a `queue.Queue` (a `QueueListener` can drain it), or over to the loop with "
                "`loop.call_soon_threadsafe(...)` in a handler of your own",
            )
            continue
        owner = _loop_bound_method(value)
        if owner is not None and id(func) not in seen:
            seen.add(id(func))
            ctx.report(
                "ACK401", func,
                f"`{call_text(func)}` of an `{owner}` is handed to {where}: asyncio objects are not thread-safe; pass "
                "it through `loop.call_soon_threadsafe(...)` instead",
            )
            continue
        loop_method = value[1].rpartition(".") if value is not None and value[0] == REF else ("", "", "")
        if loop_method[0] == knowledge.LOOP_TYPE and loop_method[2] in knowledge.LOOP_UNSAFE_METHODS \
                and id(func) not in seen:
            seen.add(id(func))  # `threading.Timer(30, loop.stop)`: the thread calls the loop's own method
            ctx.report(
                "ACK402", func,
                f"`{call_text(func)}` is handed to {where}, which calls it there: `loop.{loop_method[2]}()` is not "
                f"thread-safe and may only be called from the loop's thread; hand the thread "
                f"`functools.partial({call_text(func.value)}.call_soon_threadsafe, {call_text(func)})` instead",
            )
            continue
        thread_scopes = [scope] if type(func) is cst.FunctionDef else list(_thread_scopes(ctx, scope, func))
        if not thread_scopes and id(func) not in seen and _another_modules_callback(ctx, scope, func, where):
            seen.add(id(func))
        callbacks = _passed_callbacks(ctx, thread_scopes, passed)
        sync_half = _sync_half(thread_scopes)
        entry_passed = passed
        running = _with_helpers(ctx, thread_scopes + callbacks)
        helpers_passed = _helpers_passed(running, {id(s): entry_passed for s in thread_scopes})
        anchors = _loop_side_anchors(ctx, running, thread_scopes, scope, func)
        for thread_scope in running:
            if thread_scope not in thread_scopes:
                # a helper's parameters are not the entry's: what the thread's calls of it hand it
                passed = helpers_passed.get(id(thread_scope), {})
                if sync_half is not None and thread_scope.class_scope is not sync_half \
                        and thread_scope.qualname in _run_on_the_loop(ctx):
                    continue  # shared with the async half, whose loop objects the sync half never reaches
            own_loops = _loops_run_in(ctx, thread_scope)
            for inner in thread_scope.events.get("calls", ()):
                if id(inner.node) in seen or _on_own_loop(thread_scope, inner, own_loops) \
                        or loop_guards.on_a_running_loop(ctx, thread_scope, inner):
                    continue
                if _after_loop_closed(ctx, thread_scope, inner.node):
                    continue
                related = () if type(func) is cst.FunctionDef else \
                    ((node, "where it is installed as a signal handler" if where == _IN_SIGNAL_HANDLER
                      else "where the callable is handed to the other thread"),)
                # (a thread that runs a loop of its own may await them there: `loop.run_until_complete(sock.recv())`)
                if inner.dropped and not own_loops and not thread_scope.runs_on_loop \
                        and ctx.target_of(inner) in zeromq.COROUTINE_FUNCTIONS and "ACK401" in ctx.enabled:
                    seen.add(id(inner.node))
                    # (what it returns is no coroutine left unawaited: the call itself fails; one finding, this one)
                    ctx.findings[:] = [f for f in ctx.findings if not (f.code == "ACK301" and f.node is inner.node)]
                    ctx.report("ACK401", inner.node, zeromq.in_thread(call_text(inner.node), where), related=related)
                    continue
                finding = _unsafe_on_passed(thread_scope, inner, passed) or _unsafe_call(ctx, inner) \
                    or _resolves_queued_future(thread_scope, inner)  # (names the parameter)
                # (not where the thread runs a loop of its own: what it hands on may be that loop's)
                handed = _loop_method_handed(thread_scope, inner) if finding is None and not own_loops else None
                called = _loop_method_passed(thread_scope, inner, passed) if finding is None and handed is None \
                    else None
                if called is None and finding is None and handed is None:
                    called = _loop_method_queued(thread_scope, inner)
                if called is not None and id(called[0]) not in seen:
                    seen.add(id(called[0]))
                    arg, owner = called
                    ctx.report(
                        "ACK401", arg,
                        f"`{call_text(arg)}` of an `{owner}` is handed to {where}, and `{thread_scope.name}()` calls "
                        f"it there (`{call_text(inner.node)}`): asyncio objects are not thread-safe; hand it a "
                        "function that passes the call through `loop.call_soon_threadsafe(...)` instead",
                        related=related,
                    )
                    continue
                if handed is not None:
                    seen.add(id(inner.node))
                    arg, owner = handed
                    ctx.report(
                        "ACK401", arg,
                        f"`{call_text(arg)}` of an `{owner}` is handed to `{call_text(inner.node)}`, which runs in "
                        f"{where} and calls it back there: asyncio objects are not thread-safe; hand it a function "
                        "that passes the call through `loop.call_soon_threadsafe(...)` instead",
                        related=related,
                    )
                    continue
                if finding is None and not _hands_own_loop(inner, own_loops) \
                        and not (sync_half is not None and _shared_helper(ctx, inner, sync_half)):
                    _another_modules_helper(ctx, inner, where)
                if finding is not None:
                    seen.add(id(inner.node))
                    code, what = finding
                    if where == _IN_SIGNAL_HANDLER and what == _NEEDS_LOOP_HERE:
                        # the handler runs on the main thread, the loop's as a rule: a running loop is there
                        what = _SIGNAL_SCHEDULES
                    anchor = anchors.get(id(thread_scope))
                    if anchor is not None:
                        # loop-side code of another class, reached from the thread: the call from the thread is
                        # the mistake (the class's own callers on the loop are right), so it is reported there
                        if id(anchor[0]) not in seen:
                            seen.add(id(anchor[0]))
                            ctx.report(code, anchor[0], f"{anchor[1]} {what}, but this code runs in {where}; use "
                                       "`loop.call_soon_threadsafe(...)` or `asyncio.run_coroutine_threadsafe(...)`")
                        continue
                    ctx.report(
                        code, inner.node,
                        f"`{call_text(inner.node)}` {what}, but this code runs in {where}; use "
                        "`loop.call_soon_threadsafe(...)` or `asyncio.run_coroutine_threadsafe(...)`",
                        related=related,
                    )
                    if code == "ACK402" and ctx.target_of(inner) in _STARTS_A_TASK:
                        _advise_from_thread(ctx, inner.node)


def _loop_side_anchors(ctx: FileContext, running: List[Scope], thread_scopes: List[Scope], scope: Scope,
                       func: cst.BaseExpression) -> Dict[int, Tuple[cst.CSTNode, str]]:
    """For the functions run in the thread that are methods of another class than the code that runs them there
    (`self.builds.enqueue_nowait(...)` in a request handler; `Callback=bar.advance` handed over by a coroutine, of a
    class with coroutines of its own), a class that starts no thread of its own: where that code calls or hands
    them over, and how to say so. Such a
    method is the loop's side of the program; what it touches is reported at the call that brings it to the
    thread. (What they call in turn is reported at the same place.)"""
    anchors: Dict[int, Tuple[cst.CSTNode, str]] = {}
    thread_side: Dict[int, bool] = {}

    def loop_side(method: Scope, caller: Scope, receiver: cst.BaseExpression) -> bool:
        cls = method.class_scope
        if cls is None:
            return False
        while caller is not None and caller.kind in ("function", "lambda") and caller.self_name is None:
            caller = caller.parent  # (a lambda or a nested function sees its method's `self`)
        if caller is not None and (cls is caller.class_scope or dotted(receiver) == caller.self_name):
            return False
        if id(cls) not in thread_side:
            thread_side[id(cls)] = bool(_thread_methods(ctx, cls))
        return not thread_side[id(cls)]

    if type(func) is cst.Attribute:
        for target in thread_scopes:
            # (handed over whole, a method is the thread's body unless its class lives on the loop, with
            # coroutines of its own: `Thread(target=self.reader.run)` runs a worker's loop)
            if target.node is not func and loop_side(target, scope, func.value) \
                    and any(m.is_async for m in target.class_scope.methods.values()):
                anchors[id(target)] = (func, f"`{dotted(func)}` is handed to the other thread here, and "
                                             f"`{target.node.name.value}()`")
    for caller in running:
        for site in caller.events.get("calls", ()):
            called = site.node.func
            if type(called) is not cst.Attribute:
                continue
            value = site.scope.evaluate(called)
            helper = ctx.functions.get(value[1]) if value is not None and value[0] == REF else None
            if helper is None or helper not in running or id(helper) in anchors or helper is caller:
                continue
            if id(caller) in anchors:
                anchors[id(helper)] = anchors[id(caller)]
            elif loop_side(helper, caller, called.value):
                anchors[id(helper)] = (site.node, f"`{call_text(site.node)}` runs `{helper.node.name.value}()`, "
                                                  "which")
    return anchors


def _helpers_passed(running: List[Scope], passed_of: Dict[int, dict]) -> Dict[int, dict]:
    """Parameter name -> (the expression, its scope) for each sync helper that the code run in the thread calls:
    `worker(ev)` calling `helper(ev)`, or a lambda target `lambda: resolve(fut, 1)`, hands the helper the loop's
    object the thread was given (or the lambda closes over). A parameter called with different expressions
    that say different things is left out."""
    by_name = {s.qualname: s for s in running}
    found: Dict[int, dict] = dict(passed_of)
    for caller in running:  # (callers come before the helpers they call: _with_helpers adds them in that order)
        for site in caller.events.get("calls", ()):
            value = site.scope.evaluate(site.node.func)
            helper = by_name.get(value[1]) if value is not None and value[0] == REF else None
            if helper is None or helper is caller or id(helper) in passed_of:
                continue
            params = [p.name.value for p in (*helper.node.params.posonly_params, *helper.node.params.params)]
            if helper.self_name is not None and type(site.node.func) is cst.Attribute:
                params = params[1:]
            given = found.setdefault(id(helper), {})
            for index, arg in enumerate(a for a in site.node.args if not a.star):
                name = arg.keyword.value if arg.keyword is not None else params[index] if index < len(params) else None
                if name is None or arg.star:
                    continue
                handed = (arg.value, site.scope)
                outer = found.get(id(caller), {})
                if type(arg.value) is cst.Name and arg.value.value in outer \
                        and site.scope.lookup_scope(arg.value.value) is caller:
                    handed = outer[arg.value.value]  # the caller's own parameter: what it was handed
                if name in given and given[name] is not None \
                        and given[name][1].evaluate(given[name][0]) != handed[1].evaluate(handed[0]):
                    handed = None
                given[name] = handed if name not in given or given[name] is not None else None
    return {key: {n: h for n, h in given.items() if h is not None} for key, given in found.items()
            if key not in passed_of}


def _made_by_a_call(scope: Scope, name: str) -> bool:
    bindings = scope.bindings.get(name, ())
    return bool(bindings) and all(b[0] == "expr" and type(b[1]) is cst.Call for b in bindings)


def _sync_half(thread_scopes: List[Scope]) -> Optional[Scope]:
    """The class whose methods the thread runs, when it is the sync half of a library (a sync client reading on a
    thread of its own: no coroutine among its methods, no loop it keeps); None otherwise."""
    classes = {scope.class_scope for scope in thread_scopes}
    if len(classes) != 1:
        return None
    cls = classes.pop()
    if cls is None or any(method.is_async for method in cls.methods.values()) \
            or any("loop" in attr for attr in cls.attrs):
        return None
    return cls


def _shared_helper(ctx: FileContext, site: CallSite, sync_half: Scope) -> bool:
    """`self._apply()` in the sync half's thread, `_apply` a method of a base class the async half's coroutines
    run too."""
    value = site.scope.evaluate(site.node.func)
    defined = _defining(ctx, value[1]) if value is not None and value[0] == REF else None
    return defined is not None and defined.rpartition(".")[0] != sync_half.qualname \
        and defined in _run_on_the_loop(ctx)


def _run_on_the_loop(ctx: FileContext) -> FrozenSet[str]:
    """The sync functions of this module that coroutines of this module call: code shared by a library's sync and
    async halves (a router both sessions feed, a base class's method both subclasses run). Its loop objects
    are the async half's; the sync half's thread reaches them only through what it keeps itself."""
    found = ctx.root.memo.get(_RUN_ON_LOOP_KEY)
    if found is None:
        called = set()
        for scope in ctx.scopes:
            if scope.kind != "function" or not scope.runs_on_loop:
                continue
            for site in scope.events.get("calls", ()):
                if site.scope is scope:
                    value = scope.evaluate(site.node.func)
                    defined = _defining(ctx, value[1]) if value is not None and value[0] == REF else None
                    if defined is not None:
                        called.add(defined)
        found = ctx.root.memo[_RUN_ON_LOOP_KEY] = frozenset(called)
    return found


def _defining(ctx: FileContext, qualname: str, depth: int = 0) -> Optional[str]:
    """The function of this module ``qualname`` runs: itself, or for `Sub.method` the base class's method it
    inherits (`self._apply()` in a subclass)."""
    if qualname in ctx.functions:
        return qualname
    owner, _, attr = qualname.rpartition(".")
    cls = ctx.root.classes.get(owner)
    if cls is None or depth > 4:
        return None
    for base in cls.base_refs():
        if base in ctx.root.classes:
            found = _defining(ctx, f"{base}.{attr}", depth + 1)
            if found is not None:
                return found
    return None


_RUN_ON_LOOP_KEY = ("threads", "called from coroutines")


# What starts a task on the loop it is called for (`asyncio.ensure_future(coro)` in a thread: the thread's
# loop, which it has none of): its handle dropped there is ACK402's mistake before it is ACK302's
_STARTS_A_TASK = frozenset({f"{knowledge.LOOP_TYPE}.create_task", "asyncio.ensure_future", "asyncio.create_task"})


def _advise_from_thread(ctx: FileContext, node: cst.Call) -> None:
    """`loop.create_task(...)` (or `asyncio.ensure_future(...)`) in a thread, its handle dropped: ACK302 (tasks.py, run before) is true too, but
    it is the same mistake seen from the other side, and its fix is ACK402's: from this thread the task is started
    with `asyncio.run_coroutine_threadsafe()`, and what is kept is the future it returns. One finding, ACK402's
    (just reported), which says so; ACK302's goes."""
    dropped = [f for f in ctx.findings if f.code == "ACK302" and f.node is node]
    if not dropped:
        return
    ctx.findings[:] = [f for f in ctx.findings if not (f.code == "ACK302" and f.node is node)]
    for finding in ctx.findings:
        if finding.code == "ACK402" and finding.node is node:
            finding.message += (
                "; the task it makes is dropped too, and the loop holds tasks only weakly: keep the "
                "`concurrent.futures.Future` that `run_coroutine_threadsafe(coro, loop)` returns (it holds the task, "
                "and its `result()` or a done-callback sees the outcome), not a task set, which belongs to the "
                "loop's thread")


_BACKGROUND_KEY = "threads.background_loop"


def _background_loop(ctx: FileContext, cls: Scope) -> Optional[str]:
    """`threading.Thread(target=self._loop.run_forever).start()` in a method of the class (or `loop.run_forever`
    with `self._loop = loop`), or a method that runs on a thread the class starts (`run` of a `threading.Thread`
    subclass, a `Thread(target=self._serve)`) calling `self._loop.run_forever()`: the attribute holding the loop
    that then runs on that thread, or None. Memoised on the class: other classes ask it of the ones they hold."""
    if _BACKGROUND_KEY not in cls.memo:
        cls.memo[_BACKGROUND_KEY] = _find_background_loop(ctx, cls)
    return cls.memo[_BACKGROUND_KEY]


def _find_background_loop(ctx: FileContext, cls: Scope) -> Optional[str]:
    for method in _thread_methods(ctx, cls):
        for site in method.events.get("calls", ()) if method.self_name is not None else ():
            func = site.node.func
            if type(func) is cst.Attribute and func.attr.value in _RUNS_LOOP:
                loop = dotted(func.value)
                if loop.startswith(method.self_name + ".") and loop.count(".") == 1:
                    return loop.partition(".")[2]
    for method in cls.methods.values():
        if method.self_name is None:
            continue
        for site in method.events.get("calls", ()):
            if ctx.target_of(site) != "threading.Thread":
                continue
            target = _callable_arg(site, "threading.Thread")
            if type(target) is not cst.Attribute or target.attr.value != "run_forever":
                continue
            loop = dotted(target.value)
            if loop.startswith(method.self_name + ".") and loop.count(".") == 1:
                return loop.partition(".")[2]
            attr = stored_as(method, loop)
            if attr is not None:
                return attr
    return None


def _facade_calls(ctx: FileContext) -> Iterator[Tuple[CallSite, str, Optional[str], bool]]:
    """A class that runs its event loop on a thread it starts (a sync facade over async code): its public sync
    methods are called from its users' threads, never the loop's, so a non-thread-safe method of that loop called
    there directly is ACK402, and so is a method of an asyncio object of its own (`self._stopping.set()`: its
    coroutines, which wait on it, run on that loop) ACK401. So are the loop's methods called in a class that holds
    such a facade (`self.worker.loop.create_task()` in a GUI's button handler): the facade's loop runs on the
    facade's thread, not its holder's. Methods the class itself refers to (`self.method`: called from a coroutine,
    handed to the loop as a callback) may run on the loop's thread and are left alone. Yields (site, loop method,
    or "" for an asyncio object's, the facade class when another class holds it, is that class another module's:
    then the project index decides)."""
    for cls in ctx.root.classes.values():
        own = _background_loop(ctx, cls)
        runner = None if own is not None else _runs_coroutines_on(ctx, cls)
        referenced: Optional[Set[str]] = None
        for name, method in cls.methods.items():
            if method.is_async or name.startswith("_") or method.self_name is None:
                continue
            for site in method.events.get("calls", ()):
                func = site.node.func
                if type(func) is not cst.Attribute:
                    continue
                if func.attr.value in knowledge.LOOP_UNSAFE_METHODS:
                    holder = _facade_holding(ctx, cls, method, func.value, own)
                elif (own is not None or runner is not None) and func.attr.value in knowledge.LOOP_BOUND_METHODS \
                        and dotted(func.value).partition(".")[0] == method.self_name \
                        and _loop_bound_method(method.evaluate(func)) is not None:
                    holder = cls if own is not None else runner
                else:
                    continue
                if holder is None:
                    continue
                if referenced is None:
                    referenced = {node.attr.value for m in cls.methods.values() if m.self_name
                                  for node in walk_local(m.node)
                                  if type(node) is cst.Attribute and dotted(node.value) == m.self_name}
                if name in referenced or _loops_run_in(ctx, method) is not None:
                    break  # may run on the loop's thread: `run` of a Thread subclass that runs the loop
                loop_method = func.attr.value if func.attr.value in knowledge.LOOP_UNSAFE_METHODS else ""
                if type(holder) is str:
                    yield site, loop_method, holder, True
                else:
                    yield site, loop_method, (None if holder is cls else holder.name), False


def _runs_coroutines_on(ctx: FileContext, cls: Scope) -> Optional[Scope]:
    """A class of this module that runs its loop on a thread of its own, held by ``cls`` and handed one of
    ``cls``'s coroutines (`self._bg.run(self._start())`): ``cls``'s coroutines, and so the asyncio objects of its own
    they wait on, live on that loop; its public sync methods run in their callers' threads."""
    for method in cls.methods.values():
        if method.self_name is None:
            continue
        for site in method.events.get("calls", ()):
            func = site.node.func
            if type(func) is not cst.Attribute or type(func.value) is not cst.Attribute \
                    or dotted(func.value.value) != method.self_name \
                    or not any(_hands_own_coroutine(cls, a.value) for a in site.node.args):
                continue
            owner = ctx.instance_type(method, func.value)
            held = ctx.root.classes.get(owner) if owner is not None else None
            if held is not None and held is not cls and _background_loop(ctx, held) is not None:
                return held
    return None


def _hands_own_coroutine(cls: Scope, node: cst.BaseExpression) -> bool:
    """`self._start()` where `_start` is a coroutine function of ``cls``."""
    if type(node) is not cst.Call or type(node.func) is not cst.Attribute:
        return False
    method = cls.methods.get(node.func.attr.value)
    return method is not None and method.is_async and not method.is_generator


def _facade_holding(ctx: FileContext, cls: Scope, method: Scope, receiver: cst.BaseExpression,
                    own: Optional[str]) -> Union[Scope, str, None]:
    """The class whose background loop ``receiver`` is: `self.<own>`, or `<x>.<attr>` where `x` is an instance of
    a class of this module that runs its loop, held in `attr`, on a thread of its own; for a class of another
    module of the project, its name (the project index decides: see ``exported_background_loops``)."""
    if type(receiver) is not cst.Attribute:
        return None
    if own is not None and dotted(receiver) == f"{method.self_name}.{own}":
        return cls
    owner = ctx.instance_type(method, receiver.value)
    if owner is None:
        return None
    holder = ctx.root.classes.get(owner)
    if holder is None:
        return owner if ctx.is_project(owner) and owner not in ctx.root.defs else None
    if holder is cls or _background_loop(ctx, holder) != receiver.attr.value:
        return None
    return holder


def exported_background_loops(ctx: FileContext) -> Dict[str, tuple]:
    """The facts this module gives others about its classes that run their loop on a thread they start."""
    return {f"{cls.qualname}{BACKGROUND_LOOP}": ("loop", attr) for cls in ctx.root.classes.values()
            if (attr := _background_loop(ctx, cls)) is not None}


def _passed_callbacks(ctx: FileContext, scopes: List[Scope], passed: Dict[str, tuple]) -> List[Scope]:
    """`to_thread(self._scan, self._on_found)` where `_scan(self, on_found)` calls `on_found(...)`: the sync
    function of this module the entry hands the thread function as an argument, and which that function calls,
    runs in the thread too."""
    found: List[Scope] = []
    for scope in scopes:
        for site in scope.events.get("calls", ()):
            func = site.node.func
            # (`subscribe(cb)` / `_notify_all(cb)` in the thread: a registration that calls it back on its own
            # thread, or a sync helper of this module that calls it here: off the loop's thread either way)
            names = [func.value] if type(func) is cst.Name else []
            names.extend(_handed_on_in_thread(ctx, site, passed) if passed else ())
            for name in names:
                if name not in passed or name in scope.bindings \
                        and any(b[0] != "param" for b in scope.bindings[name]):
                    continue
                arg, where = passed[name]
                value = where.evaluate(arg) if type(arg) in (cst.Name, cst.Attribute) else None
                callback = ctx.functions.get(value[1]) if value is not None and value[0] == REF else None
                if callback is not None and not callback.is_async and not callback.is_generator \
                        and callback not in found and callback not in scopes:
                    found.append(callback)
    return found


def _handed_on_in_thread(ctx: FileContext, site: CallSite, passed: Dict[str, tuple]) -> Iterator[str]:
    """The parameters (of those the entry passes) that a call in the thread function hands to a callback
    registration of this module (`inst.subscribe(cb)`, which calls it back from a thread it starts) or to a sync
    function of this module that calls the parameter it receives there."""
    handed = [(i, a) for i, a in enumerate(a for a in site.node.args if not a.star)
              if type(a.value) is cst.Name and a.value.value in passed]
    if not handed:
        return
    entry = ctx.target_of(site)
    registered = registrations(ctx).get(entry) if entry is not None else None
    helper = ctx.functions.get(entry) if entry is not None and registered is None else None
    if registered is None and (helper is None or helper.is_async or type(helper.node) is not cst.FunctionDef):
        return
    if helper is not None:
        params = [p.name.value for p in (*helper.node.params.posonly_params, *helper.node.params.params)]
        if helper.self_name is not None and type(site.node.func) is cst.Attribute:
            params = params[1:]
        called = {c.node.func.value for c in helper.events.get("calls", ()) if type(c.node.func) is cst.Name}
    for index, arg in handed:
        if registered is not None:
            if (arg.keyword.value == registered[1]) if arg.keyword is not None else index == registered[0]:
                yield arg.value.value
        else:
            param = arg.keyword.value if arg.keyword is not None else (params[index] if index < len(params) else None)
            if param is not None and param in called and all(b[0] == "param" for b in helper.bindings.get(param, ())):
                yield arg.value.value


def _with_helpers(ctx: FileContext, scopes: List[Scope], depth: int = 2) -> List[Scope]:
    """The functions run in the thread and the sync functions of this module they call (`self._notify()`), two
    calls deep: those run in the thread too. A function that runs its own loop is not followed."""
    found = list(scopes)
    frontier = list(scopes)
    for _ in range(depth):
        following = []
        for scope in frontier:
            if _loops_run_in(ctx, scope) is not None:
                continue
            for site in scope.events.get("calls", ()):
                value = site.scope.evaluate(site.node.func)
                helper = ctx.functions.get(value[1]) if value is not None and value[0] == REF else None
                if helper is not None and not helper.is_async and not helper.is_generator and helper not in found:
                    found.append(helper)
                    following.append(helper)
                for callback in _called_back_in_thread(ctx, site, value) if helper is None else ():
                    if callback not in found:
                        found.append(callback)
                        following.append(callback)
        frontier = following
    return found


# Registrations whose callbacks the library fires inside its own calls on the same object: a sqlite3
# connection's handlers and functions run within its `execute()`s, in the thread of the code that drives it.
_FIRED_IN_OWN_CALLS = frozenset(f"sqlite3.Connection.{method}" for method in _SQLITE_HOOKS)

# Methods that keep what they are handed (containers, queues) rather than call it.
_STORES = frozenset({"append", "appendleft", "extend", "add", "insert", "setdefault", "update", "put", "put_nowait",
                     "push", "set", "__setitem__"})


def _called_back_in_thread(ctx: FileContext, site: CallSite, value: Optional[tuple]) -> Iterator[Scope]:
    """`model.generate(prompt, on_step=lambda s: progress.put_nowait(s))` made in the thread: library code calls
    what it is handed back on its caller's thread (or one of its own), never on the loop's, unless the call is
    the hand-over to the loop itself (`loop.call_soon_threadsafe(...)`)."""
    func = site.node.func
    if type(func) is cst.Attribute and (func.attr.value in _LOOP_HAND_OVERS or func.attr.value in _STORES
                                        or _REGISTERS.match(func.attr.value)) \
            and (value is None or value[0] != REF or value[1] not in _FIRED_IN_OWN_CALLS):
        return  # stored or registered, it runs where whoever fires it runs: not known to be this thread
    if value is not None and value[0] == REF and (value[1] in _LOOP_HAND_OVERS or value[1] == "functools.partial"):
        return
    for arg in site.node.args:
        if arg.star:
            continue
        if type(arg.value) is cst.Lambda:
            inner = ctx.builder.scope_of.get(id(arg.value))
            if inner is not None:
                yield inner
        elif type(arg.value) in (cst.Name, cst.Attribute):
            ref = site.scope.evaluate(arg.value)
            callback = ctx.functions.get(ref[1]) if ref is not None and ref[0] == REF else None
            if callback is not None and not callback.is_async and not callback.is_generator:
                yield callback


_RESOLVES = frozenset({"set_result", "set_exception"})
_THREAD_QUEUE_READS = frozenset({f"{kind}.{m}" for kind in ("queue.Queue", "queue.SimpleQueue", "queue.LifoQueue",
                                                             "queue.PriorityQueue") for m in ("get", "get_nowait")})


def _loop_method_queued(scope: Scope, site: CallSite) -> Optional[Tuple[cst.BaseExpression, str]]:
    """`job = self.jobs.get()` then `job()` in the thread, where a method of the class puts a loop object's bound
    method in that thread queue (`self.jobs.put(self.arrived.set)`): the thread calls it. (The put, and the
    loop object's type.)"""
    func = site.node.func
    if type(func) is not cst.Name:
        return None
    bindings = scope.bindings.get(func.value, ())
    if len(bindings) != 1 or bindings[0][0] != "expr" or type(bindings[0][1]) is not cst.Call:
        return None
    source = bindings[0][1]
    if type(source.func) is not cst.Attribute \
            or scope.evaluate(source.func) not in {(REF, name) for name in _THREAD_QUEUE_READS}:
        return None
    holder, cls = source.func.value, scope.class_scope
    if cls is None or type(holder) is not cst.Attribute or type(holder.value) is not cst.Name \
            or holder.value.value != scope.self_name:
        return None
    for method in cls.methods.values():
        for put in method.events.get("calls", ()):
            receiver = put.node.func
            if type(receiver) is not cst.Attribute or receiver.attr.value not in ("put", "put_nowait") \
                    or type(receiver.value) is not cst.Attribute or receiver.value.attr.value != holder.attr.value \
                    or type(receiver.value.value) is not cst.Name or receiver.value.value.value != method.self_name \
                    or not put.node.args:
                continue
            owner = _loop_bound_method(method.evaluate(put.node.args[0].value))
            if owner is not None:
                return put.node.args[0].value, owner
    return None


def _resolves_queued_future(scope: Scope, site: CallSite) -> Optional[Tuple[str, str]]:
    """`x, fut = self.jobs.get()` then `fut.set_result(...)` in the thread, where a method of the class puts
    `(x, loop.create_future())` in that thread queue: the asyncio future came from the loop's thread (a worker
    thread serving coroutines, as a model batcher does), and resolving it here wakes its waiter off the loop."""
    func = site.node.func
    if type(func) is not cst.Attribute or func.attr.value not in _RESOLVES or type(func.value) is not cst.Name:
        return None
    bindings = scope.bindings.get(func.value.value, ())
    if len(bindings) != 1 or bindings[0][0] != "unpack":
        return None
    source, position = bindings[0][1], bindings[0][2]
    if type(source) is not cst.Call or type(source.func) is not cst.Attribute \
            or scope.evaluate(source.func) not in {(REF, name) for name in _THREAD_QUEUE_READS}:
        return None
    holder, cls = source.func.value, scope.class_scope
    if cls is None or type(holder) is not cst.Attribute or type(holder.value) is not cst.Name \
            or holder.value.value != scope.self_name:
        return None
    for method in cls.methods.values():
        for put in method.events.get("calls", ()):
            receiver = put.node.func
            if type(receiver) is not cst.Attribute or receiver.attr.value not in ("put", "put_nowait") \
                    or type(receiver.value) is not cst.Attribute or receiver.value.attr.value != holder.attr.value \
                    or type(receiver.value.value) is not cst.Name or receiver.value.value.value != method.self_name \
                    or not put.node.args or type(put.node.args[0].value) is not cst.Tuple:
                continue
            elements = put.node.args[0].value.elements
            if position < len(elements) and type(elements[position]) is not cst.StarredElement \
                    and method.evaluate(elements[position].value) == (INST, "asyncio.Future"):
                return "ACK401", (f"resolves the `asyncio.Future` that `{method.name}()` puts in "
                                  f"`{call_text(receiver.value)}`, which belongs to the event loop's thread")
    return None


def _loop_method_handed(scope: Scope, site: CallSite) -> Optional[Tuple[cst.BaseExpression, str]]:
    """`trainer.fit(on_step=progress.put_nowait)` made in the thread: the bound method of a loop's object handed as
    a named callback to code that calls it back on this thread (as `_called_back_in_thread` follows a lambda). Not when
    the call is the hand-over to the loop itself, or keeps or registers what it is handed (what fires it later is
    not known to be this thread)."""
    func = site.node.func
    if type(func) is cst.Attribute and (func.attr.value in _LOOP_HAND_OVERS or func.attr.value in _STORES
                                        or _REGISTERS.match(func.attr.value)):
        return None
    value = scope.evaluate(func)
    if value is not None and value[0] == REF and (value[1] in _LOOP_HAND_OVERS or value[1] == "functools.partial"):
        return None
    for arg in site.node.args:
        # by keyword only: a callable handed first in line is what a hand-over schedules (`call_from_thread(f, x)`,
        # `from_thread.run_sync(f, x)`, `io_loop.add_callback(f)`), a named one a hook the callee fires itself
        if not arg.star and arg.keyword is not None and type(arg.value) is cst.Attribute:
            owner = _loop_bound_method(scope.evaluate(arg.value))
            if owner is not None:
                return arg.value, owner
    return None


def _loop_method_passed(scope: Scope, site: CallSite, passed: Dict[str, tuple]) -> Optional[Tuple[cst.BaseExpression, str]]:
    """`def cut(sheets, on_done): ... on_done()` started as `Thread(target=cut, args=(sheets, event.set))`: the
    parameter called holds the bound method of a loop's object that the hand-over passed; (that argument, the
    object's type). The function itself is right for a safe callback: the hand-over is the mistake."""
    func = site.node.func
    if not passed or type(func) is not cst.Name or func.value not in passed \
            or site.scope.lookup_scope(func.value) is not scope:
        return None
    arg, where = passed[func.value]
    owner = _loop_bound_method(where.evaluate(arg))
    return (arg, owner) if owner is not None else None


def _unsafe_on_passed(scope: Scope, site: CallSite, passed: Dict[str, tuple]) -> Optional[Tuple[str, str]]:
    """`def pump(q): q.put_nowait(x)` started as `Thread(target=pump, args=(queue,))`: the parameter holds the
    loop's object the caller passed."""
    func = site.node.func
    if not passed or type(func) is not cst.Attribute or type(func.value) is not cst.Name:
        return None
    name = func.value.value
    if name not in passed or site.scope.lookup_scope(name) is not scope or func.attr.value not in knowledge.LOOP_BOUND_METHODS:
        return None
    arg, where = passed[name]
    value = where.evaluate(arg)
    if value is not None and value[0] == INST and value[1] in knowledge.LOOP_BOUND_TYPES:
        return "ACK401", f"touches an `{value[1]}` (passed in as `{name}`), which belongs to the event loop's thread"
    return None


def _tests_closed(test: cst.BaseExpression) -> bool:
    """`loop.is_closed()`, alone or as one term of an `and`."""
    if type(test) is cst.BooleanOperation and type(test.operator) is cst.And:
        return _tests_closed(test.left) or _tests_closed(test.right)
    return (
        type(test) is cst.Call
        and type(test.func) is cst.Attribute
        and test.func.attr.value == "is_closed"
    )


def _after_loop_closed(ctx: FileContext, scope: Scope, node: cst.CSTNode) -> bool:
    """The call sits in the body of `if loop.is_closed():` (or the `else:` of `if not loop.is_closed():`): no
    thread runs that loop any more, so nothing races the call, and `call_soon_threadsafe` would raise there."""
    parents = ctx.parents(scope)
    child, parent = node, parents.get(id(node))
    while parent is not None:
        if type(parent) is cst.If:
            test = parent.test
            if child is parent.body and _tests_closed(test):
                return True
            if (child is parent.orelse and type(test) is cst.UnaryOperation
                    and type(test.operator) is cst.Not and _tests_closed(test.expression)):
                return True
        child, parent = parent, parents.get(id(parent))
    return False


_RUNS_LOOP = ("run_forever", "run_until_complete")
# tornado's IOLoop runs in the thread that calls these (`io_loop.start()`, `io_loop.run_sync(f)`)
_RUNS_TORNADO_LOOP = ("start", "run_sync")


def _loops_run_in(ctx: FileContext, scope: Scope) -> Optional[Set[str]]:
    """The loops this function runs itself (`loop.run_forever()`, `asyncio.run(...)`, `asyncio.Runner`, a tornado
    `io_loop.start()`), by receiver text: this function IS those loops' thread. None when it runs no loop."""
    owned: Set[str] = set()
    runs = False
    for site in scope.events.get("calls", ()):
        func = site.node.func
        if type(func) is cst.Attribute and (func.attr.value in _RUNS_LOOP
                                            or func.attr.value in _RUNS_TORNADO_LOOP and tornado_loop(site)):
            owned.add(dotted(func.value) or "?")
            runs = True
        elif ctx.target_of(site) in ("asyncio.run", "asyncio.Runner"):
            runs = True
    return owned if runs else None


def _on_own_loop(scope: Scope, site: CallSite, own_loops: Optional[Set[str]]) -> bool:
    """A call on a loop this function runs, or on an object this function made or got for itself."""
    if own_loops is None or type(site.node.func) is not cst.Attribute:
        return False
    receiver = site.node.func.value
    if site.node.func.attr.value in ("ensure_future", "create_task"):
        # `asyncio.ensure_future(coro, loop=loop)` is `loop.create_task(coro)`: it is on its loop's thread too
        receiver = _argument(site.node, -1, "loop") or receiver
    if dotted(receiver) in own_loops:
        return True
    if type(receiver) is cst.Attribute and scope.self_name and dotted(receiver.value) == scope.self_name:
        return dotted(receiver) in _attributes_set(scope, own_loops)  # `self.ready = asyncio.Event()` made here
    return (
        type(receiver) is cst.Name
        and receiver.value in scope.bindings
        and all(binding[0] == "expr" for binding in scope.bindings[receiver.value])
    )


_ATTRIBUTES_KEY = "threads.attributes_set"


def _attributes_set(scope: Scope, own_loops: Set[str]) -> Set[str]:
    """`self.x` that this function assigns itself (asyncpg's test proxy: the thread makes its loop, then its
    Events, then runs the loop; the Events are that loop's), or that a function defined in it assigns when
    handed to its own loop (`loop.call_soon(start)` where `start` sets `self.task = ensure_future(...)`): that
    function runs in this thread as well."""
    found = scope.memo.get(_ATTRIBUTES_KEY)
    if found is None:
        found = scope.memo[_ATTRIBUTES_KEY] = _assigned_attributes(scope.node.body)
        handed = {a.value.value for site in scope.events.get("calls", ())
                  if type(site.node.func) is cst.Attribute and dotted(site.node.func.value) in own_loops
                  for a in site.node.args if type(a.value) is cst.Name}
        for child in scope.children:
            if child.kind == "function" and type(child.node) is cst.FunctionDef and child.node.name.value in handed:
                found |= _assigned_attributes(child.node.body)
    return found


def _assigned_attributes(body: cst.CSTNode) -> Set[str]:
    found: Set[str] = set()
    for node in walk_local(body):
        if type(node) is cst.Assign:
            found.update(dotted(t.target) for t in node.targets if type(t.target) is cst.Attribute)
        elif type(node) is cst.AnnAssign and type(node.target) is cst.Attribute and node.value is not None:
            found.add(dotted(node.target))
    return found


def _unsafe_call(ctx: FileContext, site: CallSite) -> Optional[Tuple[str, str]]:
    value = site.scope.evaluate(site.node.func)
    owner = _loop_bound_method(value)
    if owner is not None:
        receiver = site.node.func.value if type(site.node.func) is cst.Attribute else None
        if type(receiver) is cst.Name and id(receiver) in site.scope.module.narrowed \
                and _made_by_a_call(site.scope, receiver.value):
            # `result = observer(event)`, then `elif isinstance(result, asyncio.Future): result.add_done_callback()`:
            # code shared by sync and async callers, which meets a loop object only when the loop's side hands
            # it one (a coroutine observer's future); nothing says the thread does
            return None
        return "ACK401", f"touches an `{owner}`, which belongs to the event loop's thread"
    target = ctx.target_of(site)
    if target is None:
        return None
    owner, _, method = target.rpartition(".")
    if owner == knowledge.LOOP_TYPE and method in knowledge.LOOP_UNSAFE_METHODS:
        return "ACK402", f"is not thread-safe: `loop.{method}()` may only be called from the loop's thread"
    if target in knowledge.LOOP_ONLY_CALLS:
        return "ACK402", f"is not thread-safe: it may only run on the loop's thread (its thread-safe twin is " \
            f"{knowledge.LOOP_ONLY_CALLS[target]})"
    if target in _SPAWN_FROM_THREAD:
        if target == "asyncio.ensure_future" and _made_future(_argument(site.node, 0, "coro_or_future")):
            return None  # handed a task or future, it hands that same object back: the call that made it schedules
        if _argument(site.node, -1, "loop") is not None:
            # a loop handed in needs no running loop here; the harm left is touching another thread's loop
            return "ACK402", "is not thread-safe: with `loop=` it schedules on that loop, which may only be " \
                "touched from its own thread"
        return "ACK402", _NEEDS_LOOP_HERE
    return None


def _made_future(node: Optional[cst.BaseExpression]) -> bool:
    """``node`` is a call that makes a task or a future (`loop.create_task(coro)`, `loop.create_future()`)."""
    return type(node) is cst.Call and type(node.func) in (cst.Attribute, cst.Name) \
        and dotted(node.func).rpartition(".")[2] in _MAKES_FUTURE


_MAKES_FUTURE = frozenset({"create_task", "create_future", "ensure_future"})
_NEEDS_LOOP_HERE = "needs a running loop in the calling thread"
_SIGNAL_SCHEDULES = "is not safe to call here: it schedules on the loop without waking it (a loop waiting for I/O " \
    "may not run the task until something else wakes it)"
_IN_SIGNAL_HANDLER = knowledge.THREAD_ENTRY_WHERE["signal.signal"]


_RUN_ONCE_COPIES = frozenset({"list", "tuple", "sorted", "set", "frozenset", "reversed"})
_VIEWS = frozenset({"copy", "values", "get", "setdefault"})
_STORES = {"append": 0, "add": 0, "appendleft": 0, "insert": 1}


def registrations(ctx: FileContext) -> Dict[str, Tuple[int, str, str]]:
    """Method -> (position of the parameter after `self`, its name, where what it is handed runs), for the classes
    of this module that call back, from a thread they start, the callables stored by that method."""
    key = ("thread registrations",)
    memo = ctx.root.memo
    if key not in memo:
        found: Dict[str, Tuple[int, str, str]] = {}
        for cls in ctx.root.classes.values():
            found.update(_class_registrations(ctx, cls))
        for name, hand_over in _parameter_starters(ctx).items():
            found.setdefault(name, hand_over)
        memo[key] = found
    return memo[key]


def _parameter_starters(ctx: FileContext) -> Dict[str, Tuple[int, str, str]]:
    """`def start_worker(fn, *args): threading.Thread(target=fn, args=args).start()`: the project's sync helpers
    that hand the callable their caller gives them straight to a thread (or an executor): it runs there."""
    out: Dict[str, Tuple[int, str, str]] = {}
    for func in ctx.functions.values():
        if func.is_async or type(func.node) is not cst.FunctionDef:
            continue
        params = [p.name.value for p in (*func.node.params.posonly_params, *func.node.params.params)]
        if func.self_name is not None:
            params = params[1:]
        if not params:
            continue
        for site in func.events.get("calls", ()):
            entry = ctx.target_of(site)
            if entry not in knowledge.THREAD_ENTRY:
                continue
            handed = _callable_arg(site, entry)
            if type(handed) is cst.Name and handed.value in params and len(func.bindings.get(handed.value, ())) == 1:
                out[func.qualname] = (params.index(handed.value), handed.value,
                                      f"the thread `{func.name}()` hands it to "
                                      f"({knowledge.THREAD_ENTRY_WHERE[entry]})")
                break
            relayed = _relayed_param(ctx, func, site, entry, handed, params) if handed is not None else None
            if relayed is None and handed is not None:
                relayed = _captured_param(ctx, func, entry, handed, params)
            if relayed is not None:
                out[func.qualname] = relayed
                break
    return out


def _captured_param(ctx: FileContext, func: Scope, entry: str, handed: cst.BaseExpression,
                    params: List[str]) -> Optional[Tuple[int, str, str]]:
    """`def subscribe(self, topic, callback): def reader(): ... callback(msg); Thread(target=reader).start()`: the
    thread runs a nested function that calls a parameter of the helper it closes over, so what the caller hands
    over is called back from that thread."""
    value = func.evaluate(_unwrap_partial(func, handed))
    runner = ctx.functions.get(value[1]) if value is not None and value[0] == REF else None
    if runner is None or runner.is_async or runner.parent is not func:
        return None
    param = next((node.func.value for node in walk_local(runner.node.body)
                  if type(node) is cst.Call and type(node.func) is cst.Name and node.func.value in params
                  and node.func.value not in runner.bindings and len(func.bindings.get(node.func.value, ())) == 1),
                 None)
    if param is None:
        return None
    return (params.index(param), param, f"the thread `{func.name}()` starts ({knowledge.THREAD_ENTRY_WHERE[entry]}), "
                                        f"which calls it back from `{runner.name}()`")


def _relayed_param(ctx: FileContext, func: Scope, site: CallSite, entry: str, handed: cst.BaseExpression,
                   params: List[str]) -> Optional[Tuple[int, str, str]]:
    """`def start_poller(fetch, deliver): Thread(target=poll_forever, args=(fetch, deliver)).start()`, where
    `poll_forever` (a function of this module) calls its `deliver`: the helper relays the callable its caller gives
    it to a thread that calls it back."""
    target = _unwrap_partial(func, handed)
    value = func.evaluate(target)
    runner = ctx.functions.get(value[1]) if value is not None and value[0] == REF else None
    if runner is None or runner.is_async:
        return None
    calls: Dict[str, bool] = {}  # parameter of the runner it calls -> is one such call a statement of its own
    for node in walk_local(runner.node.body):
        if type(node) is cst.Expr and type(node.value) is cst.Call and type(node.value.func) is cst.Name:
            calls[node.value.func.value] = True
        elif type(node) is cst.Call and type(node.func) is cst.Name:
            calls.setdefault(node.func.value, False)
    found = []
    for name, (arg, _) in _passed(ctx, site, entry, handed, target).items():
        if type(arg) is cst.Name and arg.value in params and len(func.bindings.get(arg.value, ())) == 1 \
                and name in calls and len(runner.bindings.get(name, ())) == 1:
            found.append((not calls[name], params.index(arg.value), arg.value))
    if not found:
        return None
    # one parameter per helper: the callback the thread delivers to (`deliver(item)`, its result unused) before a
    # source it reads from (`for item in fetch()`)
    _, position, param = min(found)
    return (position, param, f"the thread `{func.name}()` starts ({knowledge.THREAD_ENTRY_WHERE[entry]}), "
                             f"which calls it back from `{runner.name}()`")


def _class_registrations(ctx: FileContext, cls: Scope) -> Dict[str, Tuple[int, str, str]]:
    threaded = _thread_methods(ctx, cls)
    if not threaded:
        return {}
    called: Set[str] = set()
    pending, seen = list(threaded), set()
    while pending:  # the thread's method and the sync methods of the class it calls
        method = pending.pop()
        if method.name in seen or method.is_async or method.self_name is None:
            continue
        seen.add(method.name)
        for attr, is_method in _self_calls(cls, method):
            if is_method:
                pending.append(cls.methods[attr])
            else:
                called.add(attr)
    if not called:
        return {}
    where = f"the thread `{cls.name}` starts (`{threaded[0].name}`), which calls what is registered with it"
    out: Dict[str, Tuple[int, str, str]] = {}
    for method in cls.methods.values():
        if method.is_async or method.self_name is None:
            continue
        params = [p.name.value for p in (*method.node.params.posonly_params, *method.node.params.params)][1:]
        for param in _stored_params(method, called, params):
            out[method.qualname] = (params.index(param), param, where)
            if method.name == "__init__":  # `Heartbeat(self._beat)`: what the constructor is handed, called as the class
                out[cls.qualname] = out[method.qualname]
    return out


def _thread_methods(ctx: FileContext, cls: Scope) -> List[Scope]:
    """The methods of ``cls`` that run in a thread it starts: `Thread(target=self._poll)` in one of its methods,
    or `run` of a `threading.Thread` subclass."""
    found: List[Scope] = []
    outer_bases = ctx.builder.bases.get(cls.qualname)
    if outer_bases is not None and "run" in cls.methods and any(
            outer_bases[0].evaluate(base) == (REF, "threading.Thread") for base in outer_bases[1]):
        found.append(cls.methods["run"])
    for method in cls.methods.values():
        for site in method.events.get("calls", ()) if method.self_name is not None else ():
            entry = ctx.target_of(site)
            if entry not in ("threading.Thread", "threading.Timer", "_thread.start_new_thread"):
                continue
            target = _callable_arg(site, entry)
            target = _unwrap_partial(method, target) if target is not None else None
            if type(target) is cst.Attribute and dotted(target.value) == method.self_name \
                    and target.attr.value in cls.methods and cls.methods[target.attr.value] not in found:
                found.append(cls.methods[target.attr.value])
    return found


def _self_calls(cls: Scope, method: Scope) -> Iterator[Tuple[str, bool]]:
    """(attribute, is it a method of the class) for each `self.<attr>(...)` the method makes, and for each callable
    it takes out of `self.<attr>` and calls (`for fn in list(self._listeners): fn(event)`)."""
    me = method.self_name
    for node in walk_local(method.node.body):
        if type(node) is cst.Call:
            func = node.func
            if type(func) is cst.Attribute and type(func.value) is cst.Name and func.value.value == me:
                yield func.attr.value, func.attr.value in cls.methods
        elif type(node) is cst.For and type(node.target) is cst.Name:
            attr = _self_attribute(method, node.iter, me)
            name = node.target.value
            if attr is not None and any(type(n) is cst.Call and type(n.func) is cst.Name and n.func.value == name
                                        for n in walk_local(node.body)):
                yield attr, False


def _self_attribute(method: Scope, node: cst.BaseExpression, me: str, depth: int = 0) -> Optional[str]:
    """The attribute of `self` whose items ``node`` goes over: `self._hooks`, `list(self._hooks)`,
    `self._hooks.get(topic, ())`, `self._hooks[topic]`, or a local bound once to one of these."""
    if depth > 4:
        return None
    if type(node) is cst.Attribute and type(node.value) is cst.Name and node.value.value == me:
        return node.attr.value
    if type(node) is cst.Subscript:
        return _self_attribute(method, node.value, me, depth + 1)
    if type(node) is cst.Call and node.args:
        func = node.func
        if type(func) is cst.Name and func.value in _RUN_ONCE_COPIES:
            return _self_attribute(method, node.args[0].value, me, depth + 1)
    if type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value in _VIEWS:
        return _self_attribute(method, node.func.value, me, depth + 1)
    if type(node) is cst.Name:
        bindings = method.bindings.get(node.value, ())
        if len(bindings) == 1 and bindings[0][0] == "expr" and bindings[0][1] is not None:
            return _self_attribute(method, bindings[0][1], me, depth + 1)
    return None


def _stored_params(method: Scope, called: Set[str], params: List[str]) -> Iterator[str]:
    """The parameters the method stores where the thread takes its callbacks from: `self.<attr>.append(fn)`,
    `self.<attr>[topic] = fn`, `self.<attr>.setdefault(topic, []).append(fn)`, `self.<attr> = fn`."""
    me = method.self_name
    for node in walk_local(method.node.body):
        if type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value in _STORES:
            position = _STORES[node.func.attr.value]
            if len(node.args) > position and type(node.args[position].value) is cst.Name \
                    and node.args[position].value.value in params \
                    and _self_attribute(method, node.func.value, me) in called:
                yield node.args[position].value.value
        elif type(node) is cst.Assign and type(node.value) is cst.Name and node.value.value in params:
            for target in node.targets:
                if _self_attribute(method, target.target, me) in called:
                    yield node.value.value


def _another_modules_starter(ctx: FileContext, site: CallSite, entry: Optional[str]):
    """`spawn_daemon(sample)`, `spawn_daemon` a helper of another module of the project that starts a thread with
    what it is handed (its `(calls back)` fact): a function of this module handed to it runs in that thread."""
    foreign = ctx.root.foreign
    if foreign is None or not site.node.args:
        return None
    called = site.scope.evaluate(site.node.func)
    entry = called[1] if called is not None and called[0] == REF else entry
    if entry is None or not foreign.owns(entry):
        return None
    fact = foreign.fact(entry + CALLS_BACK, None)
    if fact is None or fact[0] != "thread":
        return None
    position, param, where = fact[1].split("|", 2)
    callback = _argument(site.node, int(position), param)
    if callback is None:
        return None
    target = _unwrap_partial(site.scope, callback)
    value = site.scope.evaluate(target)
    if value is None or value[0] != REF or value[1] not in ctx.functions:
        return None  # (an asyncio object's method is judged from the index: see the registration below)
    return site.node, site.scope, target, where, {}


def _another_modules_registration(ctx: FileContext, site: CallSite) -> None:
    """`watcher.add_listener(self._changed.set)`, the watcher's class in another module of the project: the
    project index says whether that method hands what it stores to a thread (see ``exported_registrations``).
    Only an asyncio object's method can be judged from here (a function handed over runs its code there)."""
    if type(site.node.func) not in (cst.Attribute, cst.Name) or not site.node.args:
        return  # (a helper function or a class of that module, called by name, as well as a method)
    value = site.scope.evaluate(site.node.func)
    if value is None or value[0] != REF or not ctx.is_project(value[1]) or value[1] in ctx.root.defs:
        return
    # a plain name is a function of that module or a class made (`Ticker(5, done.set)`, a Thread subclass): the
    # class's facts are kept under its name too (see ``_class_registrations``)
    entry = value[1]
    positional = [a for a in site.node.args if a.keyword is None and not a.star]
    for arg in site.node.args:
        if arg.star:
            continue
        owner = _loop_bound_method(site.scope.evaluate(arg.value))
        if owner is None:
            continue
        slot = arg.keyword.value if arg.keyword is not None else str(positional.index(arg))
        ctx.candidates.append(Candidate(
            "thread-callback", entry, site.index, call_text(site.node), detail=slot,
            in_async=False, message=f"`{call_text(arg.value)}` of an `{owner}` is handed to {{where}}: asyncio objects "
                                    "are not thread-safe; pass it through `loop.call_soon_threadsafe(...)` instead"))


def _another_modules_callback(ctx: FileContext, scope: Scope, func: cst.BaseExpression, where: str) -> bool:
    """`client.on_message = handle`, `handle` a sync function of another module of the project (or a method of an
    instance of its class): the library's thread runs its body, which the project index says touches the loop's
    objects itself (see ``exported_touches``). Reported where it is handed over; True if it was."""
    foreign = ctx.root.foreign
    if foreign is None or type(func) not in (cst.Name, cst.Attribute, cst.Call):
        return False
    value = scope.evaluate(func)  # (a call: `make_handler(state)` gives the function its factory hands back)
    if value is None or value[0] != REF or not foreign.owns(value[1]):
        return False
    fact = foreign.fact(value[1] + TOUCHES_LOOP, None)
    if fact is None or fact[0] != "touches":
        return False
    code, what = fact[1].split("|", 1)
    if code not in ctx.enabled:
        return False
    if where == _IN_SIGNAL_HANDLER and what == _NEEDS_LOOP_HERE:
        what = _SIGNAL_SCHEDULES  # (the main thread has the running loop, as in this module's own handlers)
    module, _, name = value[1].rpartition(".")
    ctx.report(code, func, f"`{call_text(func)}` is handed to {where}, but `{name}()` (of `{module}`) {what}; pass "
                           "that call through `loop.call_soon_threadsafe(...)` or `asyncio.run_coroutine_threadsafe(...)`")
    return True


def _hands_own_loop(site: CallSite, own_loops: Optional[Set[str]]) -> bool:
    """`self.engine.setup(self.loop, ready)` in the thread that made `self.loop` and runs it: what the helper
    schedules on the loop it is handed, it schedules from that loop's own thread."""
    return bool(own_loops) and any(dotted(arg.value) in own_loops for arg in site.node.args if not arg.star)


def _another_modules_helper(ctx: FileContext, site: CallSite, where: str) -> None:
    """`notifier.fire()` in a thread, `fire` a sync function of another module of the project: the project index
    says whether it touches the loop's objects itself (see ``exported_touches``)."""
    value = site.scope.evaluate(site.node.func)
    if value is None or value[0] != REF or not ctx.is_project(value[1]) or value[1] in ctx.root.defs:
        return
    ctx.candidates.append(Candidate(
        "thread-helper", value[1], site.index, call_text(site.node), in_async=False,
        message=f"`{call_text(site.node)}` runs `{value[1].rpartition('.')[2]}()`, which {{what}}, but this code "
                f"runs in {where}; use `loop.call_soon_threadsafe(...)` or `asyncio.run_coroutine_threadsafe(...)`"))


_TOUCHING_NAMES = knowledge.LOOP_BOUND_METHODS | knowledge.LOOP_UNSAFE_METHODS | {
    name.rpartition(".")[2] for name in (*_SPAWN_FROM_THREAD, *knowledge.LOOP_ONLY_CALLS)}


def exported_touches(ctx: FileContext) -> Dict[str, tuple]:
    """The sync functions of this module that themselves touch a loop-bound object or call a loop method that is
    not thread-safe (`def fire(self): self.changed.set()`), for the code of other modules that calls them from a
    thread. A function that runs a loop of its own, or a generator, is left out."""
    found: Dict[str, tuple] = {}
    for qualname, scope in ctx.functions.items():
        if scope.is_async or scope.is_generator or type(scope.node) is not cst.FunctionDef or scope.parent is None:
            continue
        if scope.parent.kind not in ("module", "class") and not _handed_back(scope):
            continue  # (a nested function is not another module's to call, unless its factory hands it back)
        # (by name first: evaluating every call of every sync function would cost more than the rule)
        sites = [site for site in scope.events.get("calls", ()) if site.scope is scope
                 and type(site.node.func) is cst.Attribute and site.node.func.attr.value in _TOUCHING_NAMES]
        if not sites or _loops_run_in(ctx, scope) is not None:
            continue
        for site in sites:
            finding = _unsafe_call(ctx, site) if not loop_guards.on_a_running_loop(ctx, scope, site) else None
            if finding is not None and not _after_loop_closed(ctx, scope, site.node):
                found[f"{qualname}{TOUCHES_LOOP}"] = ("touches", f"{finding[0]}|{finding[1]}")
                break
            held = _foreign_receiver(ctx, site) if finding is None else None
            if held is not None and not _after_loop_closed(ctx, scope, site.node):
                # `STOP.set()`, `STOP` an `asyncio.Event` of another module: what it is, the project index says
                found.setdefault(f"{qualname}{TOUCHES_LOOP}", ("touchref", f"{held}|{site.node.func.attr.value}"))
    if found:
        _touches_through_helpers(ctx, found)
    return found


def _touches_through_helpers(ctx: FileContext, found: Dict[str, tuple]) -> None:
    """Adds to ``found`` the sync functions that call one of this module's touching functions (`def on_press(self,
    key): self._forward(key)`), two calls deep: handed to a thread by another module, they touch the loop through
    it, as ``_with_helpers`` follows such calls within a module."""
    for _ in range(2):
        touching = {key[:-len(TOUCHES_LOOP)]: fact for key, fact in found.items() if fact[0] == "touches"}
        names = {qualname.rpartition(".")[2] for qualname in touching}
        added = False
        for qualname, scope in ctx.functions.items():
            if f"{qualname}{TOUCHES_LOOP}" in found or scope.is_async or scope.is_generator \
                    or type(scope.node) is not cst.FunctionDef or scope.parent is None \
                    or scope.parent.kind not in ("module", "class"):
                continue
            sites = [site for site in scope.events.get("calls", ()) if site.scope is scope and (
                type(site.node.func) is cst.Attribute and site.node.func.attr.value in names
                or type(site.node.func) is cst.Name and site.node.func.value in names)]
            if not sites or _loops_run_in(ctx, scope) is not None:
                continue
            for site in sites:
                value = scope.evaluate(site.node.func)
                fact = touching.get(value[1]) if value is not None and value[0] == REF else None
                if fact is None or loop_guards.on_a_running_loop(ctx, scope, site) \
                        or _after_loop_closed(ctx, scope, site.node):
                    continue
                code, what = fact[1].split("|", 1)
                found[f"{qualname}{TOUCHES_LOOP}"] = (
                    "touches", f"{code}|calls `{value[1].rpartition('.')[2]}()`, which {what}")
                added = True
                break
        if not added:
            return


def _handed_back(scope: Scope) -> bool:
    """`def make_handler(state): def on_message(client, userdata, msg): ...; return on_message`: a nested function
    its module-level (or class-level) sync factory returns, which another module's code calls or installs."""
    factory = scope.parent
    if factory.kind != "function" or factory.is_async or factory.parent is None \
            or factory.parent.kind not in ("module", "class"):
        return False
    return factory.module.call_value(factory.qualname) == (REF, scope.qualname)


def _foreign_receiver(ctx: FileContext, site: CallSite) -> Optional[str]:
    """The key of the value of another module of the project whose loop-bound method's name this call calls
    (`STOP.set()` with `from .channels import STOP`, `pipe.done.set()` with `pipe: Pipeline` of another module,
    `STATE.readings.put_nowait(x)`): the module that checks this one's exports knows nothing of what it holds."""
    foreign = ctx.root.foreign
    func = site.node.func
    if foreign is None or type(func) is not cst.Attribute or func.attr.value not in knowledge.LOOP_BOUND_METHODS:
        return None
    receiver = func.value
    value = site.scope.evaluate(receiver)
    if value is not None:
        return value[1] if value[0] == "fwd" or (value[0] == REF and foreign.owns(value[1])) else None
    if type(receiver) is not cst.Attribute:
        return None
    holder = site.scope.evaluate(receiver.value)
    if holder is not None and holder[0] in (INST, REF, "fwd") and foreign.owns(holder[1].partition("(")[0]):
        return f"{holder[1]}.{receiver.attr.value}"
    return None


def exported_registrations(ctx: FileContext) -> Dict[str, tuple]:
    """The facts this module gives others about its registration methods (`pkg.watch.Watcher.add_listener(calls
    back)`), for the callers in other modules that hand them an asyncio object's method."""
    return {f"{name}{CALLS_BACK}": ("thread", f"{position}|{param}|{where}")
            for name, (position, param, where) in registrations(ctx).items()}
