"""An email digest batcher: notifications for a user are gathered for a short window and sent as one digest.
The flush is scheduled on the loop in a copy of the request's context, so the mailer's log lines carry the
tenant that asked for it; it starts the sending as a task it keeps."""
import asyncio
import contextvars

TENANT = contextvars.ContextVar("tenant", default="-")


class Mailer:
    def __init__(self):
        self.sent = []

    async def send(self, to, subject, lines):
        await asyncio.sleep(0.005)
        self.sent.append((TENANT.get(), to, subject, len(lines)))


class DigestBatcher:
    def __init__(self, mailer, window):
        self.mailer = mailer
        self.window = window
        self.pending = {}
        self.sending = set()

    def add(self, user, line):
        first = user not in self.pending
        self.pending.setdefault(user, []).append(line)
        if first:
            loop = asyncio.get_running_loop()
            loop.call_later(self.window, self.flush, user, context=contextvars.copy_context())

    def flush(self, user):
        lines = self.pending.pop(user, [])
        if lines:
            task = asyncio.ensure_future(self.mailer.send(user, f"{len(lines)} new notifications", lines))
            self.sending.add(task)
            task.add_done_callback(self.sending.discard)


async def request(batcher, tenant, user, line):
    TENANT.set(tenant)
    batcher.add(user, line)
    await asyncio.sleep(0.001)


async def main():
    mailer = Mailer()
    batcher = DigestBatcher(mailer, window=0.02)
    events = [("acme", "ana@acme.test", "comment on #4"), ("acme", "ana@acme.test", "mention in #9"),
              ("globex", "bo@globex.test", "invoice ready"), ("acme", "ana@acme.test", "review requested")]
    await asyncio.gather(*(request(batcher, *e) for e in events))
    await asyncio.sleep(0.06)
    print("pending", batcher.pending, "sent", mailer.sent)


asyncio.run(main())
