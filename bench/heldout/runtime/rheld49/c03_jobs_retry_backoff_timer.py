"""A job runner that retries a failed job from the job's done callback, backing off with a timer."""
import asyncio
import functools

FLAKY = {"fetch-feed": 2, "resize-images": 0, "notify-admins": 5}


async def run_job(name, attempt):
    await asyncio.sleep(0.01)
    if attempt <= FLAKY[name]:
        raise ConnectionError(f"{name}: upstream unavailable (attempt {attempt})")
    return f"{name} ok after {attempt} attempt(s)"


class JobRunner:
    def __init__(self, backoff, max_attempts):
        self.loop = asyncio.get_running_loop()
        self.backoff = backoff
        self.max_attempts = max_attempts
        self.attempts = {}
        self.running = set()
        self.pending = 0
        self.outcomes = {}
        self.idle = asyncio.Event()

    def submit(self, name):
        self.attempts[name] = self.attempts.get(name, 0) + 1
        task = self.loop.create_task(run_job(name, self.attempts[name]))
        self.running.add(task)
        task.add_done_callback(functools.partial(self.finished, name))

    def finished(self, name, task):
        self.running.discard(task)
        error = task.exception()
        if error is None:
            self.outcomes[name] = task.result()
        elif self.attempts[name] < self.max_attempts:
            self.pending += 1
            self.loop.call_later(self.backoff * self.attempts[name], self.retry, name)
        else:
            self.outcomes[name] = f"gave up: {error}"
        if not self.running and not self.pending:
            self.idle.set()

    def retry(self, name):
        self.pending -= 1
        self.submit(name)


async def main():
    runner = JobRunner(backoff=0.02, max_attempts=3)
    for name in FLAKY:
        runner.submit(name)
    await runner.idle.wait()
    for name, outcome in sorted(runner.outcomes.items()):
        print(name, "->", outcome)


asyncio.run(main())
