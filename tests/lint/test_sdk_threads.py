"""Code a library runs on threads of its own (ACK401): pygls's `@server.thread()` handlers, pypylon's image event
handlers, NI-DAQmx task callbacks; and the device waits of those SDKs in a coroutine (ACK105). Without the decorator
a pygls handler runs on the loop's thread; a hand-back through `call_soon_threadsafe` is safe; a project's own
`Task.read` is not the driver's."""
from __future__ import annotations

from .helpers import check_marked


def test_a_pygls_thread_handler_touching_loop_objects():
    check_marked('''
        import asyncio

        from pygls.server import LanguageServer

        lsp = LanguageServer("docs-lsp", "v0.3")
        indexed = asyncio.Event()
        loop = asyncio.new_event_loop()


        @lsp.thread()
        @lsp.feature("workspace/didChangeWatchedFiles")
        def rebuild_index(ls, params):
            indexed.set()  # ACK401


        @lsp.thread()
        @lsp.feature("workspace/didSave")
        def rebuild_on_save(ls, params):
            loop.call_soon_threadsafe(indexed.set)


        @lsp.feature("textDocument/didOpen")
        def opened(ls, params):
            indexed.set()
    ''', ["ACK401", "ACK402"])


def test_camera_and_daq_callbacks_run_on_the_drivers_threads():
    check_marked('''
        import asyncio

        import nidaqmx
        from pypylon import pylon


        class FrameSink(pylon.ImageEventHandler):
            def __init__(self, frames: asyncio.Queue, loop: asyncio.AbstractEventLoop):
                super().__init__()
                self.frames, self.loop = frames, loop

            def OnImageGrabbed(self, camera, grab):
                self.frames.put_nowait(grab.Array)  # ACK401

            def OnImagesSkipped(self, camera, count):
                self.loop.call_soon_threadsafe(self.frames.put_nowait, None)


        class Recorder:
            def __init__(self, done: asyncio.Event, loop: asyncio.AbstractEventLoop):
                self.done, self.loop = done, loop
                self.task = nidaqmx.Task()
                self.task.register_done_event(self._finished)
                self.task.register_every_n_samples_acquired_into_buffer_event(500, self._chunk)

            def _finished(self, handle, status, data):
                self.done.set()  # ACK401
                return 0

            def _chunk(self, handle, event_type, n, data):
                self.loop.call_soon_threadsafe(self.done.set)
                return 0
    ''', ["ACK401", "ACK402"])


def test_waiting_for_a_camera_or_a_daq_task_in_a_coroutine():
    check_marked('''
        import asyncio

        import nidaqmx
        from pypylon import pylon


        async def next_frame(camera: pylon.InstantCamera):
            return camera.RetrieveResult(2000)  # ACK105


        async def next_frame_off_loop(camera: pylon.InstantCamera):
            return await asyncio.to_thread(camera.RetrieveResult, 2000)


        async def sweep(channel: str):
            with nidaqmx.Task() as task:
                task.ai_channels.add_ai_voltage_chan(channel)
                return task.read(number_of_samples_per_channel=200)  # ACK105


        class Task:
            def read(self):
                return []


        async def local_task():
            return Task().read()
    ''', ["ACK105"])
