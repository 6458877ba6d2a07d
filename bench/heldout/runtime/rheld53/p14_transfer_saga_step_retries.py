"""A money-transfer saga: debit, reserve at the partner bank, credit, each step retried a few times on failure
before the saga gives up and compensates. The API gives a whole transfer 100 ms (`asyncio.timeout`); the partner
bank is slow on its first call of the day."""
import asyncio


class PartnerBank:
    def __init__(self):
        self.calls = 0

    async def reserve(self, amount):
        self.calls += 1
        await asyncio.sleep(0.4 if self.calls == 1 else 0.005)
        return f"hold-{amount}"


class TransferSaga:
    def __init__(self, bank, retries=3):
        self.bank = bank
        self.retries = retries
        self.log = []

    async def step(self, name, action):
        for attempt in range(1, self.retries + 1):
            try:
                result = await action()
                self.log.append(f"{name} ok on attempt {attempt}")
                return result
            except BaseException as exc:  # PLANT ACK601
                self.log.append(f"{name} attempt {attempt} failed: {type(exc).__name__}")
                await asyncio.sleep(0.01)
        raise RuntimeError(f"{name} failed {self.retries} times")

    async def transfer(self, amount):
        async def debit():
            await asyncio.sleep(0.005)
            return "debited"

        await self.step("debit", debit)
        hold = await self.step("reserve", lambda: self.bank.reserve(amount))
        await self.step("credit", debit)
        return hold


async def main():
    saga = TransferSaga(PartnerBank())
    try:
        async with asyncio.timeout(0.1):
            outcome = await saga.transfer(250)
    except TimeoutError:
        outcome = "timed out"
    print("outcome:", outcome)
    for line in saga.log:
        print(" ", line)


asyncio.run(main())
