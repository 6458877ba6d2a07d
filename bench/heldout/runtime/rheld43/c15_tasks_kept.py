"""Background audit tasks kept in a set with a discard callback, and a TaskGroup for a batch."""
import asyncio

written = []
background = set()


async def write_audit(user, action):
    await asyncio.sleep(0.02)
    written.append(f"{user}:{action}")


async def delete_account(user):
    task = asyncio.create_task(write_audit(user, "delete"))
    background.add(task)
    task.add_done_callback(background.discard)
    return "deleted"


async def main():
    print(await delete_account("u42"))
    async with asyncio.TaskGroup() as tg:
        for u in ("u1", "u2"):
            tg.create_task(write_audit(u, "login"))
    await asyncio.sleep(0.04)
    print("audit", sorted(written))


asyncio.run(main())
