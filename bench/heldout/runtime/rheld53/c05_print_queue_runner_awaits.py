"""A print queue on sqlite: jobs are rows, a spooler coroutine takes them in order. The legacy CLI submits
through a synchronous facade; the email-to-print gateway, an async service run by an `asyncio.Runner` with the
shop's own loop factory, awaits the queue itself; the facade is only for the CLI."""
import asyncio
import sqlite3


def shop_loop():
    loop = asyncio.new_event_loop()
    loop.slow_callback_duration = 0.5
    return loop


class PrintQueue:
    def __init__(self):
        self.db = sqlite3.connect(":memory:")
        self.db.execute("create table jobs (id integer primary key, doc text, state text)")
        self.backlog = []

    async def submit(self, doc):
        await asyncio.sleep(0.005)
        self.db.execute("insert into jobs (doc, state) values (?, 'queued')", (doc,))
        return self.db.execute("select max(id) from jobs").fetchone()[0]

    def submit_sync(self, doc):
        pending = self.submit(doc)
        try:
            return asyncio.run(pending)
        except RuntimeError:
            pending.close()
            self.backlog.append(doc)
            return None

    async def spool(self):
        for doc in self.backlog:
            await self.submit(doc)
        self.backlog.clear()
        printed = []
        for job_id, doc in self.db.execute("select id, doc from jobs where state = 'queued' order by id").fetchall():
            await asyncio.sleep(0.005)
            self.db.execute("update jobs set state = 'printed' where id = ?", (job_id,))
            printed.append(doc)
        return printed


async def gateway(queue, mails):
    ids = []
    for sender, attachment in mails:
        ids.append(await queue.submit(f"{attachment} from {sender}"))
    return ids, await queue.spool()


def main():
    queue = PrintQueue()
    mails = [("ana", "invoice.pdf"), ("bo", "label.png"), ("cy", "menu.pdf")]
    with asyncio.Runner(loop_factory=shop_loop) as runner:
        ids, printed = runner.run(gateway(queue, mails))
    print("ids:", ids)
    print("printed:", printed)
    print("cli job:", queue.submit_sync("notes.txt from admin"))


main()
