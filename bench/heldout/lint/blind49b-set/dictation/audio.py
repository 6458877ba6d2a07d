"""Microphone capture for the dictation app: sounddevice and PyAudio callbacks feeding the recogniser."""
from __future__ import annotations

import asyncio
import logging
import queue
import threading
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import pyaudio
import sounddevice as sd

log = logging.getLogger("dictation.audio")

SAMPLE_RATE = 16_000
BLOCK = 1024


class MicCapture:  # expect: thread-unsafe-capture
    """Hands every block the PortAudio thread records to the recogniser."""

    def __init__(self, blocks: asyncio.Queue, device: int | None = None) -> None:
        self.blocks = blocks
        self.device = device
        self.stream: sd.InputStream | None = None

    def start(self) -> None:
        self.stream = sd.InputStream(samplerate=SAMPLE_RATE, blocksize=BLOCK, channels=1,
                                     device=self.device, callback=self._on_block)
        self.stream.start()

    def _on_block(self, indata, frames, time_info, status) -> None:
        if status:
            log.warning("input status: %s", status)
        self.blocks.put_nowait(indata.copy())

    def stop(self) -> None:
        if self.stream is not None:
            self.stream.stop()
            self.stream.close()


class MicCaptureThreadsafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, blocks: asyncio.Queue, loop: asyncio.AbstractEventLoop, device: int | None = None) -> None:
        self.blocks = blocks
        self.loop = loop
        self.device = device
        self.stream: sd.InputStream | None = None

    def start(self) -> None:
        self.stream = sd.InputStream(samplerate=SAMPLE_RATE, blocksize=BLOCK, channels=1,
                                     device=self.device, callback=self._on_block)
        self.stream.start()

    def _on_block(self, indata, frames, time_info, status) -> None:
        if status:
            log.warning("input status: %s", status)
        self.loop.call_soon_threadsafe(self._offer, indata.copy())

    def _offer(self, block) -> None:
        if self.blocks.full():
            self.blocks.get_nowait()
        self.blocks.put_nowait(block)


class SilenceDetector:  # expect: thread-unsafe-capture
    """Ends an utterance once the input stays under the threshold for `hold` seconds."""

    def __init__(self, threshold: float = 0.01, hold: float = 0.8) -> None:
        self.threshold = threshold
        self.quiet_blocks_needed = int(hold * SAMPLE_RATE / BLOCK)
        self.quiet_blocks = 0
        self.silence = asyncio.Event()
        self.stream = sd.InputStream(samplerate=SAMPLE_RATE, blocksize=BLOCK, channels=1, callback=self._measure)

    def _measure(self, indata, frames, time_info, status) -> None:
        rms = float(np.sqrt(np.mean(indata ** 2)))
        self.quiet_blocks = self.quiet_blocks + 1 if rms < self.threshold else 0
        if self.quiet_blocks >= self.quiet_blocks_needed:
            self.silence.set()

    async def wait_for_silence(self) -> None:
        self.silence.clear()
        with self.stream:
            await self.silence.wait()


def level_meter(levels: asyncio.Queue, loop: asyncio.AbstractEventLoop) -> sd.InputStream:  # expect: clean  # near: thread-unsafe-capture
    def callback(indata, frames, time_info, status) -> None:
        rms = float(np.sqrt(np.mean(indata ** 2)))
        asyncio.run_coroutine_threadsafe(levels.put(rms), loop)

    return sd.InputStream(samplerate=SAMPLE_RATE, blocksize=BLOCK * 4, channels=1, callback=callback)


def make_vu_callback(loud: asyncio.Event, threshold: float = 0.2):  # expect: ?thread-unsafe-capture
    """The meter's stream callback; the app hands it to sounddevice."""

    def on_block(indata, frames, time_info, status) -> None:
        if float(np.abs(indata).max()) > threshold:
            loud.set()

    return on_block


class PyAudioRecorder:  # expect: clean  # near: thread-unsafe-capture
    """Records into a thread-safe queue; the recogniser drains it with to_thread."""

    def __init__(self) -> None:
        self.pa = pyaudio.PyAudio()
        self.frames: queue.Queue[bytes] = queue.Queue()
        self.stream = None

    def start(self) -> None:
        self.stream = self.pa.open(format=pyaudio.paInt16, channels=1, rate=SAMPLE_RATE, input=True,
                                   frames_per_buffer=BLOCK, stream_callback=self._fill)

    def _fill(self, in_data, frame_count, time_info, status):
        self.frames.put(in_data)
        return None, pyaudio.paContinue

    async def next_frame(self) -> bytes:
        return await asyncio.to_thread(self.frames.get)


class TimedRecording:  # expect: thread-unsafe-capture
    """Records `seconds` of audio and resolves a future with the bytes."""

    def __init__(self, loop: asyncio.AbstractEventLoop, seconds: float) -> None:
        self.pa = pyaudio.PyAudio()
        self.needed = int(seconds * SAMPLE_RATE / BLOCK)
        self.chunks: list[bytes] = []
        self.done: asyncio.Future[bytes] = loop.create_future()

    def _collect(self, in_data, frame_count, time_info, status):
        self.chunks.append(in_data)
        if len(self.chunks) == self.needed:
            self.done.set_result(b"".join(self.chunks))
            return None, pyaudio.paComplete
        return None, pyaudio.paContinue

    async def record(self) -> bytes:
        stream = self.pa.open(format=pyaudio.paInt16, channels=1, rate=SAMPLE_RATE, input=True,
                              frames_per_buffer=BLOCK, stream_callback=self._collect)
        try:
            return await self.done
        finally:
            stream.close()


class Chime:  # expect: thread-unsafe-capture
    """Plays a short confirmation sound and lets the caller await its end."""

    def __init__(self, samples: np.ndarray) -> None:
        self.samples = samples
        self.position = 0
        self.finished = asyncio.Event()

    def _play(self, outdata, frames, time_info, status) -> None:
        chunk = self.samples[self.position:self.position + frames]
        outdata[: len(chunk), 0] = chunk
        outdata[len(chunk):, 0] = 0
        self.position += frames
        if len(chunk) < frames:
            raise sd.CallbackStop

    def _on_finished(self) -> None:
        self.finished.set()

    async def play(self) -> None:
        self.position = 0
        self.finished.clear()
        stream = sd.OutputStream(samplerate=SAMPLE_RATE, channels=1, callback=self._play,
                                 finished_callback=self._on_finished)
        with stream:
            await self.finished.wait()


class ChimeThreadsafe:  # expect: clean  # near: thread-unsafe-capture
    def __init__(self, samples: np.ndarray) -> None:
        self.samples = samples
        self.position = 0

    def _play(self, outdata, frames, time_info, status) -> None:
        chunk = self.samples[self.position:self.position + frames]
        outdata[: len(chunk), 0] = chunk
        outdata[len(chunk):, 0] = 0
        self.position += frames
        if len(chunk) < frames:
            raise sd.CallbackStop

    async def play(self) -> None:
        loop = asyncio.get_running_loop()
        finished = asyncio.Event()
        self.position = 0
        stream = sd.OutputStream(samplerate=SAMPLE_RATE, channels=1, callback=self._play,
                                 finished_callback=partial(loop.call_soon_threadsafe, finished.set))
        with stream:
            await finished.wait()


class Playback:  # expect: clean  # near: thread-unsafe-capture
    """Output side: a thread-safe queue between the synthesiser and the PortAudio thread."""

    def __init__(self) -> None:
        self.pending: queue.Queue[np.ndarray] = queue.Queue(maxsize=32)
        self.drained = threading.Event()
        self.stream = sd.OutputStream(samplerate=SAMPLE_RATE, channels=1, blocksize=BLOCK, callback=self._pull)

    def _pull(self, outdata, frames, time_info, status) -> None:
        try:
            outdata[:, 0] = self.pending.get_nowait()
        except queue.Empty:
            outdata.fill(0)
            self.drained.set()

    async def say(self, blocks) -> None:
        self.drained.clear()
        for block in blocks:
            await asyncio.to_thread(self.pending.put, block)
        await asyncio.to_thread(self.drained.wait)


@dataclass
class Utterances:  # expect: unbounded-queue
    """Recognised phrases waiting for the editor; the recogniser streams them in."""

    phrases: asyncio.Queue = field(default_factory=asyncio.Queue)
    count: int = 0

    async def feed(self, recogniser) -> None:
        async for phrase in recogniser.stream():
            self.count += 1
            await self.phrases.put(phrase)


@dataclass
class BoundedUtterances:  # expect: clean  # near: unbounded-queue
    phrases: asyncio.Queue = field(default_factory=partial(asyncio.Queue, maxsize=16))
    count: int = 0

    async def feed(self, recogniser) -> None:
        async for phrase in recogniser.stream():
            self.count += 1
            await self.phrases.put(phrase)
