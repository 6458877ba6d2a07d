"""The dictation app: the asyncio loop runs on a helper thread, pynput and PortAudio call in from theirs."""
from __future__ import annotations

import asyncio
import atexit
import logging
import signal
import threading

import sounddevice as sd
from pynput import keyboard

from .audio import MicCaptureThreadsafe, SAMPLE_RATE, Utterances, make_vu_callback
from .hotkeys import KeyLogger, PushToTalk, wake_word_trigger

log = logging.getLogger("dictation")


class Recogniser:  # expect: clean
    def __init__(self, model) -> None:
        self.model = model

    async def transcribe(self, block) -> str:
        return await asyncio.to_thread(self.model.transcribe, block)

    async def stream(self):
        while True:
            yield await self.model.next_phrase()


class LoopThread:  # expect: clean
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="dictation-loop", daemon=True)

    def start(self) -> None:
        self.thread.start()


class DictationApp:  # expect: dangling-task, thread-unsafe-capture
    def __init__(self, recogniser: Recogniser) -> None:
        self.recogniser = recogniser
        self.runner = LoopThread()
        self.ptt = PushToTalk()
        self.loud = asyncio.Event()
        self.wake = asyncio.Event()
        self.utterances = Utterances()
        self.blocks: asyncio.Queue = asyncio.Queue(maxsize=64)
        self.capture = MicCaptureThreadsafe(self.blocks, self.runner.loop)

    def start(self) -> None:
        self.runner.start()
        self.listener = keyboard.Listener(on_press=self.ptt.on_press, on_release=self.ptt.on_release)
        self.listener.start()
        self.hotkeys = keyboard.GlobalHotKeys({"<ctrl>+<shift>+w": wake_word_trigger(self.runner.loop, self.wake)})
        self.hotkeys.start()
        self.meter = sd.InputStream(samplerate=SAMPLE_RATE, channels=1, callback=make_vu_callback(self.loud))
        self.meter.start()
        self.capture.start()
        asyncio.run_coroutine_threadsafe(self.run(), self.runner.loop).result()

    async def run(self) -> None:
        asyncio.create_task(self.utterances.feed(self.recogniser))
        while True:
            await self.ptt.talking.wait()
            block = await self.blocks.get()
            text = await self.recogniser.transcribe(block)
            log.info("heard %r", text)


async def transcribe_forever(recogniser: Recogniser, blocks: asyncio.Queue, out) -> None:  # expect: cancellation-swallowed
    while True:
        block = await blocks.get()
        try:
            out.write(await recogniser.transcribe(block))
        except asyncio.CancelledError:
            log.info("transcription of one block cancelled; moving on")
        finally:
            blocks.task_done()


async def transcribe_until_cancelled(recogniser: Recogniser, blocks: asyncio.Queue, out) -> None:  # expect: clean  # near: cancellation-swallowed
    while True:
        block = await blocks.get()
        try:
            out.write(await recogniser.transcribe(block))
        except asyncio.CancelledError:
            log.info("transcription cancelled")
            raise
        except Exception:
            log.exception("could not transcribe a block")
        finally:
            blocks.task_done()


def install_quit_signal(stop: asyncio.Event) -> None:  # expect: thread-unsafe-capture
    signal.signal(signal.SIGINT, lambda signum, frame: stop.set())
    signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())


async def install_quit_signal_on_loop(stop: asyncio.Event) -> None:  # expect: clean  # near: thread-unsafe-capture
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)


def register_shutdown(runner: LoopThread) -> None:  # expect: thread-unsafe-capture
    def close_loop() -> None:
        runner.loop.call_soon(runner.loop.stop)
        runner.thread.join(timeout=2)

    atexit.register(close_loop)


def register_shutdown_threadsafe(runner: LoopThread) -> None:  # expect: clean  # near: thread-unsafe-capture
    def close_loop() -> None:
        runner.loop.call_soon_threadsafe(runner.loop.stop)
        runner.thread.join(timeout=2)

    atexit.register(close_loop)


def start_keylogger(typed: asyncio.Queue) -> keyboard.Listener:  # expect: thread-unsafe-capture
    logger = KeyLogger(typed)
    listener = keyboard.Listener(on_press=logger.on_press)
    listener.start()
    return listener
