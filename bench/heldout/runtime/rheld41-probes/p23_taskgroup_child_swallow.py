"""A poller inside a TaskGroup that turns the group's cancellation into a clean exit and keeps polling."""
import asyncio


async def poll(state):
    while state["polls"] < 10:
        try:
            await asyncio.sleep(0.01)
            state["polls"] += 1
        except asyncio.CancelledError:  # PLANT ACK601
            state["interrupted"] = True


async def failing():
    await asyncio.sleep(0.025)
    raise RuntimeError("boom")


async def main():
    state = {"polls": 0, "interrupted": False}
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(poll(state))
            tg.create_task(failing())
    except* RuntimeError:
        print("group failed; poller interrupted:", state["interrupted"], "finished:", state["polls"] == 10)


asyncio.run(main())
