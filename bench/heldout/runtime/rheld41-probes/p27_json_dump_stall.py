"""A snapshot endpoint that serialises a large state dict on the loop."""
import asyncio
import json

STATE = {f"k{i}": [i, str(i) * 8, {"v": i * 1.5}] for i in range(120_000)}


async def snapshot():
    await asyncio.sleep(0)
    body = json.dumps(STATE, sort_keys=True)  # PLANT ACK120
    return len(body) > 0


async def main():
    print("snapshot ok", await snapshot())


asyncio.run(main())
