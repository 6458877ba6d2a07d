"""Callbacks that C and C++ libraries call on threads of their own (PyVISA's event handlers, GStreamer's sync
handlers and pad probes, pymilter's milters, pjsua2's overridden methods): loop objects touched there are ACK401, a
task made there ACK402; the same code in their loop-side look-alikes stays quiet."""
from __future__ import annotations

from .helpers import check_marked

CODES = ["ACK401", "ACK402"]


def test_pyvisa_event_handler_runs_on_the_visa_thread():
    check_marked('''
        import asyncio
        import pyvisa

        class Instrument:
            def __init__(self, loop: asyncio.AbstractEventLoop, address: str):
                self.loop = loop
                self.events: asyncio.Queue = asyncio.Queue()
                self.inst = pyvisa.ResourceManager().open_resource(address)

            def arm(self):
                self.inst.install_handler(pyvisa.constants.EventType.service_request, self._on_srq, None)

            def _on_srq(self, resource, event, user_handle):
                self.events.put_nowait(event)  # ACK401
                self.loop.call_soon_threadsafe(self.events.put_nowait, event)

            def on_ready(self, value):
                self.events.put_nowait(value)
    ''', CODES)


def test_gstreamer_sync_handler_and_pad_probe():
    check_marked('''
        import asyncio
        from gi.repository import Gst

        class Player:
            def __init__(self, loop):
                self.loop = loop
                self.done = asyncio.Event()
                self.pipeline = Gst.parse_launch("playbin")
                bus = self.pipeline.get_bus()
                bus.set_sync_handler(self.on_sync_message)
                bus.connect("message", self.on_message)

            def on_sync_message(self, bus, message):
                if message.type == Gst.MessageType.EOS:
                    self.done.set()  # ACK401
                    self.loop.create_task(self.finish())  # ACK402
                return Gst.BusSyncReply.PASS

            def on_message(self, bus, message):
                self.loop.call_soon_threadsafe(self.done.set)

            async def finish(self):
                pass
    ''', CODES)


def test_pymilter_callbacks_and_pjsua2_overrides():
    check_marked('''
        import asyncio
        import Milter
        import pjsua2 as pj

        EVENTS: asyncio.Queue = asyncio.Queue(100)

        class Filter(Milter.Base):
            def __init__(self, loop):
                self.loop = loop

            def envfrom(self, sender, *params):
                EVENTS.put_nowait(sender)  # ACK401
                return Milter.CONTINUE

            def eom(self):
                self.loop.call_soon_threadsafe(EVENTS.put_nowait, "eom")
                return Milter.ACCEPT

            def summary(self):
                EVENTS.put_nowait("summary")

        class Account(pj.Account):
            def __init__(self, loop):
                super().__init__()
                self.loop = loop

            def onIncomingCall(self, prm):
                self.loop.create_task(self.answer(prm))  # ACK402

            def onRegState(self, prm):
                asyncio.run_coroutine_threadsafe(self.answer(prm), self.loop)

            async def answer(self, prm):
                pass

        class Call(pj.Call):
            def __init__(self, acc, loop):
                super().__init__(acc)
                self.state = asyncio.Event()

            def onCallState(self, prm):
                self.state.set()  # ACK401
    ''', CODES)
