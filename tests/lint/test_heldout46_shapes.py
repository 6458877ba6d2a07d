"""Shapes from heldout46's media/device measurement.

A per-event registration on a device or SDK object whose own loop runs in a thread (`cam.on_frame(cb)` next to
`Thread(target=cam.serve_forever)`): the callback runs on that thread. Look-alikes: the same registration marshalled
with call_soon_threadsafe, the object driven from the loop, and a call that fires a handler rather than registering
one."""
from __future__ import annotations

from asynccheck import rules

from .helpers import check_marked

ALL = sorted(rules.BY_CODE)


def test_per_event_registration_on_an_object_run_in_a_thread():
    check_marked('''
        import asyncio
        import threading

        async def first_frame(cam):
            ready = asyncio.Event()
            cam.on_frame(lambda frame: ready.set())  # ACK401
            threading.Thread(target=cam.serve_forever, daemon=True).start()
            await ready.wait()

        class DoorBell:
            def __init__(self, sdk):
                self.sdk = sdk
                self.rung = asyncio.Event()

            async def watch(self):
                self.sdk.on_press(self.rung.set)  # ACK401
                await asyncio.to_thread(self.sdk.listen)
    ''', ALL)


def test_per_event_registration_look_alikes():
    check_marked('''
        import asyncio
        import threading

        async def first_frame_safe(cam):
            ready = asyncio.Event()
            loop = asyncio.get_running_loop()
            cam.on_frame(lambda frame: loop.call_soon_threadsafe(ready.set))
            threading.Thread(target=cam.serve_forever, daemon=True).start()
            await ready.wait()

        async def first_frame_on_loop(cam):
            # no thread runs the camera: it calls back from the loop that polls it
            ready = asyncio.Event()
            cam.on_frame(lambda frame: ready.set())
            await cam.poll()
            await ready.wait()

        class Dispatcher:
            def __init__(self, sdk):
                self.sdk = sdk
                self.done = asyncio.Event()

            async def run(self):
                await asyncio.to_thread(self.sdk.listen)
                # fires the SDK's own handler with a value, here on the loop's thread
                self.sdk.on_press(len("x"))
                self.done.set()
    ''', ALL)


def test_opencv_capture_read_in_a_coroutine():
    check_marked('''
        import asyncio
        import cv2

        class Camera:
            def __init__(self, index: int):
                self.cap = cv2.VideoCapture(index)

            async def frame(self):
                ok, img = self.cap.read()  # ACK103
                return img if ok else None

        async def snapshot(url: str):
            cap = cv2.VideoCapture()
            cap.open(url)  # ACK103
            cap.grab()  # ACK103
            return cap.retrieve()  # ACK103
    ''', ALL)


def test_opencv_capture_look_alikes():
    check_marked('''
        import asyncio
        import cv2

        class Camera:
            def __init__(self, index: int):
                self.cap = cv2.VideoCapture(index)

            async def frame(self):
                ok, img = await asyncio.to_thread(self.cap.read)
                return img if ok else None

            def frame_sync(self):
                return self.cap.read()

            async def resized(self, jpeg: bytes):
                import numpy as np
                img = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
                return cv2.resize(img, (320, 240))

        class VideoCapture:
            """A test double of the capture: frames from a list."""

            def __init__(self, frames):
                self.frames = list(frames)

            def read(self):
                return bool(self.frames), (self.frames.pop(0) if self.frames else None)

        async def replay(frames, sink):
            cap = VideoCapture(frames)
            ok, img = cap.read()
            while ok:
                await sink(img)
                ok, img = cap.read()
    ''', ALL)


def test_blocking_audio_io_in_a_coroutine():
    check_marked('''
        import asyncio
        import pyaudio
        import sounddevice as sd

        class Microphone:
            def __init__(self):
                self.pa = pyaudio.PyAudio()
                self.stream = self.pa.open(format=pyaudio.paInt16, channels=1, rate=16000, input=True)

            async def chunk(self) -> bytes:
                return self.stream.read(1024)  # ACK103

        async def beep(tone):
            sd.play(tone, 44100)
            sd.wait()  # ACK106

        async def capture(frames: int):
            with sd.InputStream(samplerate=16000, channels=1) as stream:
                data, overflowed = stream.read(frames)  # ACK103
            return data

        async def speak(pcm):
            out = sd.RawOutputStream(samplerate=22050, channels=1, dtype="int16")
            out.start()
            out.write(pcm)  # ACK103
    ''', ALL)


def test_audio_io_look_alikes():
    check_marked('''
        import asyncio
        import pyaudio
        import sounddevice as sd

        class Microphone:
            def __init__(self):
                self.pa = pyaudio.PyAudio()
                self.stream = self.pa.open(format=pyaudio.paInt16, channels=1, rate=16000, input=True)

            async def chunk(self) -> bytes:
                return await asyncio.to_thread(self.stream.read, 1024)

            def chunk_sync(self) -> bytes:
                return self.stream.read(1024)

        async def beep(tone):
            sd.play(tone, 44100)  # starts playback on PortAudio's thread and returns
            await asyncio.to_thread(sd.wait)

        class Recorder:
            """Keeps the newest blocks of a callback stream: PortAudio's thread calls `_block`."""

            def __init__(self, loop, frames):
                self.loop = loop
                self.frames = frames
                self.stream = sd.InputStream(callback=self._block)

            def _block(self, indata, frames, time, status):
                self.loop.call_soon_threadsafe(self.frames.append, bytes(indata))

        class Library:
            def open(self, name):
                return self

            def read(self, n):
                return b""

        async def from_library(lib: Library):
            return lib.open("clip").read(10)
    ''', ALL)
