"""Shapes from the eighth round of reading findings on real code nobody here wrote (bench/real/real50-labels.tsv):
the round's false findings, each beside the true one next to it, and misses seen in passing."""
from __future__ import annotations

from .helpers import check_marked


def test_a_context_manager_handed_to_an_exit_stack_runs_only_up_to_its_yield_where_it_is_entered():
    # `stack.enter_context(tracing())` runs the generator up to its `yield`; what follows the yield runs when the
    # stack closes, which may be in another function. A `with` in the coroutine runs both halves there, and what
    # runs before the yield blocks where the stack enters it.
    check_marked('''
        import contextlib
        import threading
        import time


        class Session:
            def __init__(self):
                self.drained = threading.Event()

            def finish(self):
                self.drained.wait(5)


        @contextlib.contextmanager
        def tracing():
            session = Session()
            try:
                yield session
            finally:
                session.finish()


        @contextlib.contextmanager
        def slow_start(session):
            time.sleep(0.5)
            yield session


        def begin(stacks, session):
            stack = contextlib.ExitStack()
            stack.enter_context(tracing())
            stacks.append(stack)


        async def kickoff(stacks, session):
            begin(stacks, session)
            stack = contextlib.ExitStack()
            stack.enter_context(tracing())
            stack.enter_context(slow_start(session))  # ACK101
            stacks.append(stack)


        async def traced(session):
            with tracing():  # ACK106
                pass


        async def end(stacks):
            stacks.pop().close()
    ''', ["ACK101", "ACK106"])


def test_a_thread_that_waits_for_the_consumer_to_settle_what_it_put_applies_backpressure():
    # crewai's job runner: a worker thread hands each update to the loop with call_soon_threadsafe and blocks on
    # the Event it put in the item until the consumer sets it; one item in flight per thread. A thread that only
    # puts, or waits on something else, still fills the queue without bound.
    check_marked('''
        import asyncio
        import threading


        class JobRunner:
            def __init__(self):
                self._loop = asyncio.get_running_loop()
                self._events = asyncio.Queue()
                self._stopped = threading.Event()
                self._task = asyncio.create_task(self._process())

            def publish(self, update):
                settled = threading.Event()
                self._loop.call_soon_threadsafe(self._events.put_nowait, {"update": update, "settled": settled})
                settled.wait()

            async def _process(self):
                while True:
                    event = await self._events.get()
                    await self.apply(event["update"])
                    event["settled"].set()

            async def apply(self, update):
                await asyncio.sleep(0)


        class Relay:
            def __init__(self):
                self._loop = asyncio.get_running_loop()
                self._lines = asyncio.Queue()  # ACK501
                self._stopped = threading.Event()
                self._task = asyncio.create_task(self._forward())

            def publish(self, line):
                self._loop.call_soon_threadsafe(self._lines.put_nowait, line)
                self._stopped.wait(0.01)

            async def _forward(self):
                while True:
                    line = await self._lines.get()
                    await asyncio.sleep(0.1)
                    print(line)


        class CallbackPump:
            # the thread waits for the put to be done, not for the consumer to take the item
            def __init__(self):
                self._loop = asyncio.get_running_loop()
                self._callbacks = asyncio.Queue()  # ACK501
                self._task = asyncio.create_task(self._run())

            def on_event(self, callback, *args):
                future = asyncio.run_coroutine_threadsafe(self._callbacks.put((callback, *args)), self._loop)
                future.result()

            async def _run(self):
                while True:
                    callback, *args = await self._callbacks.get()
                    await callback(*args)
    ''', ["ACK501"])


def test_iterating_a_text_iterator_streamer_waits_for_the_generating_thread():
    # semantic-kernel's Hugging Face streaming: `generate()` runs in a thread and the coroutine iterates the
    # streamer, a queue.Queue get per piece of text. The same loop in a sync generator, or in a function handed to
    # a worker thread, waits off the loop.
    check_marked('''
        import asyncio
        from threading import Thread

        from transformers import TextIteratorStreamer


        class Completion:
            def __init__(self, model, tokenizer):
                self.model = model
                self.tokenizer = tokenizer

            async def stream(self, prompt):
                streamer = TextIteratorStreamer(self.tokenizer)
                Thread(target=self.model.generate, kwargs={"streamer": streamer}).start()
                for text in streamer:  # ACK106
                    yield text

            def stream_sync(self, prompt):
                streamer = TextIteratorStreamer(self.tokenizer)
                Thread(target=self.model.generate, kwargs={"streamer": streamer}).start()
                for text in streamer:
                    yield text

            async def complete(self, prompt):
                def collect():
                    return "".join(self.stream_sync(prompt))

                return await asyncio.to_thread(collect)
    ''', ["ACK106"])


def test_wave_open_of_a_path_does_file_io_and_of_a_buffer_does_not():
    # pipecat's eval TTS cache reads and writes WAV files in its coroutines; its audio helpers wrap bytes in a
    # BytesIO, which stays in memory, and a recording written by a function handed to a thread is off the loop.
    check_marked('''
        import asyncio
        import io
        import wave


        async def cached_audio(path):
            with wave.open(str(path), "rb") as wf:  # ACK103
                return wf.readframes(wf.getnframes())


        async def to_wav(pcm, rate):
            buffer = io.BytesIO()
            with wave.open(buffer, "wb") as wf:
                wf.setnchannels(1)
                wf.setsampwidth(2)
                wf.setframerate(rate)
                wf.writeframes(pcm)
            return buffer.getvalue()


        def save(path, pcm, rate):
            with wave.open(str(path), "wb") as wf:
                wf.setnchannels(1)
                wf.setsampwidth(2)
                wf.setframerate(rate)
                wf.writeframes(pcm)


        async def record(path, pcm, rate):
            await asyncio.to_thread(save, path, pcm, rate)
    ''', ["ACK103"])
