"""Async handlers of the order stream: each paid order is posted to every ledger the shop uses."""
from __future__ import annotations

import asyncio
import functools
import logging
import weakref
from collections.abc import Awaitable, Callable

from quickbooks.objects.customer import Customer
from quickbooks.objects.invoice import Invoice

from . import Ledgers, find_partner, odoo_models, open_invoices
from .backends import ODOO_DB

log = logging.getLogger("ledger_bridge.sync")


def move_from(order: dict) -> dict:  # expect: clean
    return {
        "partner_id": order["partner_id"],
        "move_type": "out_invoice",
        "invoice_line_ids": [(0, 0, {"name": line["sku"], "quantity": line["qty"], "price_unit": line["price"]})
                             for line in order["lines"]],
    }


async def partner_for(order: dict, creds: tuple[str, str]) -> int | None:  # expect: blocking-call
    return find_partner(order["email"], *creds)


async def partner_for_offloaded(order: dict, creds: tuple[str, str]) -> int | None:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(find_partner, order["email"], *creds)


async def post_to_odoo(ledgers: Ledgers, order: dict) -> int:  # expect: clean  # near: blocking-call, unawaited-coroutine
    return await ledgers.odoo.execute_kw("account.move", "create", [[move_from(order)]])


async def post_to_odoo_legacy(order: dict, uid: int, password: str) -> int:  # expect: blocking-call
    models = odoo_models()
    return models.execute_kw(ODOO_DB, uid, password, "account.move", "create", [[move_from(order)]])


async def confirm_move(ledgers: Ledgers, move_id: int) -> None:  # expect: unawaited-coroutine
    ledgers.odoo.execute_kw("account.move", "action_post", [[move_id]])
    log.info("posted move %s", move_id)


async def overdue_customers(ledgers: Ledgers) -> list[str]:  # expect: blocking-call
    return sorted({inv.CustomerRef.name for inv in open_invoices(ledgers.quickbooks)})


async def quickbooks_customer(ledgers: Ledgers, name: str) -> Customer | None:  # expect: blocking-call
    matches = Customer.filter(DisplayName=name, qb=ledgers.quickbooks)
    return matches[0] if matches else None


async def quickbooks_customer_offloaded(ledgers: Ledgers, name: str) -> Customer | None:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    matches = await loop.run_in_executor(None, functools.partial(Customer.filter, DisplayName=name, qb=ledgers.quickbooks))
    return matches[0] if matches else None


def save_invoice(ledgers: Ledgers, order: dict) -> Invoice:  # expect: clean
    invoice = Invoice()
    invoice.DocNumber = str(order["id"])
    invoice.save(qb=ledgers.quickbooks)
    return invoice


async def post_to_quickbooks(ledgers: Ledgers, order: dict) -> None:  # expect: clean  # near: blocking-call
    invoice = await asyncio.to_thread(save_invoice, ledgers, order)
    log.info("quickbooks invoice %s", invoice.Id)


async def xero_invoices(ledgers: Ledgers, since) -> list:  # expect: blocking-call
    result = ledgers.xero.get_invoices(ledgers.tenant_id, if_modified_since=since)
    return result.invoices


async def xero_contacts_offloaded(ledgers: Ledgers) -> list:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    result = await loop.run_in_executor(None, ledgers.xero.get_contacts, ledgers.tenant_id)
    return result.contacts


async def post_to_xero(ledgers: Ledgers, order: dict) -> None:  # expect: clean
    await asyncio.to_thread(ledgers.xero.create_invoices, ledgers.tenant_id, {"Invoices": [move_from(order)]})


async def post_everywhere(ledgers: Ledgers, order: dict) -> None:  # expect: clean  # near: dangling-task
    async with asyncio.TaskGroup() as tg:
        tg.create_task(post_to_odoo(ledgers, order))
        tg.create_task(post_to_quickbooks(ledgers, order))
        tg.create_task(post_to_xero(ledgers, order))


class Dispatcher:  # expect: unawaited-coroutine
    """Posts an order to the ledgers a tenant has switched on."""

    def __init__(self, ledgers: Ledgers) -> None:
        self.ledgers = ledgers
        self.targets: dict[str, Callable[[Ledgers, dict], Awaitable[None]]] = {
            "odoo": post_to_odoo,
            "quickbooks": post_to_quickbooks,
            "xero": post_to_xero,
        }

    async def post(self, order: dict, enabled: list[str]) -> None:
        for name in enabled:
            self.targets[name](self.ledgers, order)
        log.info("order %s dispatched to %s", order["id"], enabled)


class AwaitingDispatcher:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, ledgers: Ledgers) -> None:
        self.ledgers = ledgers
        self.targets: dict[str, Callable[[Ledgers, dict], Awaitable[None]]] = {
            "odoo": post_to_odoo,
            "quickbooks": post_to_quickbooks,
            "xero": post_to_xero,
        }

    async def post(self, order: dict, enabled: list[str]) -> None:
        await asyncio.gather(*(self.targets[name](self.ledgers, order) for name in enabled))


async def retry_later(ledgers: Ledgers, order: dict, delay: float) -> None:  # expect: unawaited-coroutine
    again = functools.partial(post_to_quickbooks, ledgers, order)
    await asyncio.sleep(delay)
    again()


async def retry_later_awaited(ledgers: Ledgers, order: dict, delay: float) -> None:  # expect: clean  # near: unawaited-coroutine
    again = functools.partial(post_to_quickbooks, ledgers, order)
    await asyncio.sleep(delay)
    await again()


class TokenKeeper:  # expect: dangling-task
    """Refreshes the QuickBooks and Xero tokens before they expire."""

    def __init__(self, ledgers: Ledgers) -> None:
        self.ledgers = ledgers
        self._refreshers: weakref.WeakSet[asyncio.Task] = weakref.WeakSet()

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        for name in ("quickbooks", "xero"):
            self._refreshers.add(loop.create_task(self._refresh_forever(name)))

    async def _refresh_forever(self, name: str) -> None:
        while True:
            await asyncio.sleep(50 * 60)
            await asyncio.to_thread(self._refresh, name)

    def _refresh(self, name: str) -> None:
        if name == "quickbooks":
            self.ledgers.quickbooks.auth_client.refresh()


class StrongTokenKeeper:  # expect: clean  # near: dangling-task
    def __init__(self, ledgers: Ledgers) -> None:
        self.ledgers = ledgers
        self._refreshers: set[asyncio.Task] = set()

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        for name in ("quickbooks", "xero"):
            task = loop.create_task(self._refresh_forever(name))
            self._refreshers.add(task)
            task.add_done_callback(self._refreshers.discard)

    async def _refresh_forever(self, name: str) -> None:
        while True:
            await asyncio.sleep(50 * 60)
            await asyncio.to_thread(self.ledgers.quickbooks.auth_client.refresh)


async def on_order_paid(ledgers: Ledgers, order: dict) -> None:  # expect: dangling-task
    log.info("order %s paid", order["id"])
    asyncio.ensure_future(post_everywhere(ledgers, order))
