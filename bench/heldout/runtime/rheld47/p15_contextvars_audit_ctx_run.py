"""Audit events are emitted in a copied context so the tenant id travels with them; the emitter is a coroutine."""
import asyncio
import contextvars

tenant = contextvars.ContextVar("tenant", default="none")
SENT = []


async def send_audit(event):
    await asyncio.sleep(0.001)
    SENT.append((tenant.get(), event))


async def handle(tenant_id, action):
    tenant.set(tenant_id)
    ctx = contextvars.copy_context()
    ctx.run(send_audit, f"{action} by {tenant_id}")  # PLANT ACK301
    await asyncio.sleep(0.01)
    return action


async def main():
    print(await asyncio.gather(handle("acme", "login"), handle("globex", "export")))
    print("audited", SENT)


asyncio.run(main())
