"""A handler firing an audit task and dropping its handle; the task runs fine."""
import asyncio

written = []


async def write_audit(user, action):
    await asyncio.sleep(0.02)
    written.append(f"{user}:{action}")


async def delete_account(user):
    if user.startswith("u"):
        asyncio.create_task(write_audit(user, "delete"))  # PLANT ACK302
    await asyncio.sleep(0)
    return "deleted"


async def main():
    print(await delete_account("u42"))
    await asyncio.sleep(0.06)
    print("audit", written)


asyncio.run(main())
