"""An OAuth token cache with a synchronous facade for the legacy report code: `token_sync(scope)` runs the async
client to completion. When a report job finishes, its done callback refreshes the token the next job will need on a worker thread,
where the facade runs a loop of its own."""
import asyncio


class TokenClient:
    def __init__(self):
        self.issued = 0

    async def fetch(self, scope):
        await asyncio.sleep(0.01)
        self.issued += 1
        return f"tok-{scope}-{self.issued}"


class TokenCache:
    def __init__(self, client):
        self.client = client
        self.tokens = {}

    def token_sync(self, scope):
        if scope not in self.tokens:
            pending = self.client.fetch(scope)
            try:
                self.tokens[scope] = asyncio.run(pending)
            except RuntimeError:
                pending.close()
                self.tokens[scope] = None
        return self.tokens[scope]


async def report_job(name, token):
    await asyncio.sleep(0.02)
    return f"{name} built with {token}"


def on_job_done(cache, next_scope, task):
    loop = asyncio.get_running_loop()
    cache.refreshing = loop.run_in_executor(None, cache.token_sync, next_scope)


async def main(cache):
    token = await cache.client.fetch("reports:daily")
    job = asyncio.create_task(report_job("daily", token))
    job.add_done_callback(lambda t: on_job_done(cache, "reports:weekly", t))
    print(await job)
    await asyncio.sleep(0)
    await cache.refreshing
    print(cache.tokens)


asyncio.run(main(TokenCache(TokenClient())))
