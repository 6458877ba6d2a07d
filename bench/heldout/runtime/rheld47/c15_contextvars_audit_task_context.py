"""Audit events run as tasks in a copied context so the tenant id travels with them; the tasks are kept."""
import asyncio
import contextvars

tenant = contextvars.ContextVar("tenant", default="none")
SENT = []
PENDING = set()


async def send_audit(event):
    await asyncio.sleep(0.001)
    SENT.append((tenant.get(), event))


async def handle(tenant_id, action):
    tenant.set(tenant_id)
    ctx = contextvars.copy_context()
    task = asyncio.create_task(send_audit(f"{action} by {tenant_id}"), context=ctx)
    PENDING.add(task)
    task.add_done_callback(PENDING.discard)
    await asyncio.sleep(0.01)
    return action


async def main():
    print(await asyncio.gather(handle("acme", "login"), handle("globex", "export")))
    print("audited", sorted(SENT))


asyncio.run(main())
