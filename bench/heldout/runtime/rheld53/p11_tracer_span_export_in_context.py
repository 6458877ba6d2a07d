"""Request tracing for an async service: each request runs with its request id in a context variable, its spans
are finished by the handlers and exported by a callback the tracer schedules on the loop in a copy of the
request's context (so the exporter tags each span with the request it belongs to). The collector accepts a few
spans per window; the exporter keeps to that."""
import asyncio
import contextvars
import time

request_id = contextvars.ContextVar("request_id", default="-")


class Exporter:
    def __init__(self, per_window=4, window=0.01):
        self.per_window = per_window
        self.window = window
        self.in_window = 0
        self.sent = []

    def export(self, span):
        if self.in_window == self.per_window:
            time.sleep(self.window)  # PLANT ACK101
            self.in_window = 0
        self.in_window += 1
        self.sent.append((request_id.get(), span))


class Tracer:
    def __init__(self, exporter):
        self.exporter = exporter

    def finish(self, name):
        loop = asyncio.get_running_loop()
        loop.call_soon(self.exporter.export, name, context=contextvars.copy_context())


async def handle(tracer, rid, steps):
    request_id.set(rid)
    for step in steps:
        await asyncio.sleep(0.002)
        tracer.finish(step)
    return rid


async def main():
    exporter = Exporter()
    tracer = Tracer(exporter)
    steps = ["auth", "load", "render"]
    done = await asyncio.gather(*(asyncio.create_task(handle(tracer, f"req-{i}", steps)) for i in range(6)))
    await asyncio.sleep(0.01)
    print(done)
    print(len(exporter.sent), sorted(exporter.sent)[:4])


asyncio.run(main())
