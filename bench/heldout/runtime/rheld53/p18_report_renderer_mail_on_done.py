"""A report service: monthly statements are rendered to PDF-like bytes in the default executor (the renderer is
synchronous), and when a render finishes its done callback tells the account owner by mail."""
import asyncio
import functools
import zlib


def render_statement(account, rows):
    body = "\n".join(f"{day:02d} {amount:>10.2f}" for day, amount in rows)
    return zlib.compress(f"statement for {account}\n{body}".encode())


class Mailer:
    def __init__(self):
        self.sent = []

    async def send(self, to, subject):
        await asyncio.sleep(0.005)
        self.sent.append((to, subject))


class StatementService:
    def __init__(self, mailer):
        self.mailer = mailer
        self.rendered = {}

    def on_rendered(self, account, owner, future):
        self.rendered[account] = len(future.result())
        self.mailer.send(owner, f"your statement for {account} is ready")  # PLANT ACK301

    async def run(self, accounts):
        loop = asyncio.get_running_loop()
        jobs = []
        for account, owner, rows in accounts:
            job = loop.run_in_executor(None, render_statement, account, rows)
            job.add_done_callback(functools.partial(self.on_rendered, account, owner))
            jobs.append(job)
        await asyncio.gather(*jobs)
        await asyncio.sleep(0.02)


async def main():
    mailer = Mailer()
    service = StatementService(mailer)
    accounts = [(f"ACC-{n}", f"owner{n}@bank", [(d, d * 1.5 + n) for d in range(1, 29)]) for n in range(3)]
    await service.run(accounts)
    print("rendered:", sorted(service.rendered))
    print("mails sent:", len(mailer.sent))


asyncio.run(main())
