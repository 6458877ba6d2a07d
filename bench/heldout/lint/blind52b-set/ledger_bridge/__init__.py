"""Accounting bridge: every paid order of the shop becomes an invoice in Odoo, QuickBooks Online and Xero."""
from .backends import AsyncOdoo, Ledgers, odoo_models, odoo_uid, quickbooks_client, xero_accounting
from .lookups import find_partner, open_invoices, tenant_ids

__all__ = [
    "AsyncOdoo",
    "Ledgers",
    "find_partner",
    "odoo_models",
    "odoo_uid",
    "open_invoices",
    "quickbooks_client",
    "tenant_ids",
    "xero_accounting",
]
