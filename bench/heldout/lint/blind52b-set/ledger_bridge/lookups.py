"""Sync lookups shared by the nightly reconciliation CLI and the API."""
from __future__ import annotations

from quickbooks import QuickBooks
from quickbooks.objects.invoice import Invoice
from xero_python.identity import IdentityApi

from .backends import ODOO_DB, odoo_models, odoo_uid


def find_partner(email: str, user: str, password: str) -> int | None:  # expect: clean
    ids = odoo_models().execute_kw(
        ODOO_DB, odoo_uid(user, password), password, "res.partner", "search", [[["email", "=", email]]], {"limit": 1}
    )
    return ids[0] if ids else None


def open_invoices(qb: QuickBooks) -> list[Invoice]:  # expect: clean
    return Invoice.where("Balance > '0'", qb=qb)


def tenant_ids(identity: IdentityApi) -> list[str]:  # expect: clean
    return [conn.tenant_id for conn in identity.get_connections()]
