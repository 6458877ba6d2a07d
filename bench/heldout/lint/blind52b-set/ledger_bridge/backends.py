"""Connections to the three ledgers, made in one place."""
from __future__ import annotations

import functools
import os
import xmlrpc.client
from dataclasses import dataclass

import httpx
from intuitlib.client import AuthClient
from quickbooks import QuickBooks
from xero_python.accounting import AccountingApi
from xero_python.api_client import ApiClient, Configuration
from xero_python.api_client.oauth2 import OAuth2Token

ODOO_URL = os.environ.get("ODOO_URL", "https://erp.example.invalid")
ODOO_DB = os.environ.get("ODOO_DB", "shop")


def odoo_models() -> xmlrpc.client.ServerProxy:  # expect: clean
    return xmlrpc.client.ServerProxy(f"{ODOO_URL}/xmlrpc/2/object", allow_none=True)


@functools.lru_cache(maxsize=4)
def odoo_uid(user: str, password: str) -> int:  # expect: clean
    common = xmlrpc.client.ServerProxy(f"{ODOO_URL}/xmlrpc/2/common")
    return common.authenticate(ODOO_DB, user, password, {})


def quickbooks_client(realm_id: str, refresh_token: str) -> QuickBooks:  # expect: clean
    auth = AuthClient(
        client_id=os.environ["QBO_CLIENT_ID"],
        client_secret=os.environ["QBO_CLIENT_SECRET"],
        environment="production",
        redirect_uri="https://shop.example.invalid/qbo/callback",
    )
    return QuickBooks(auth_client=auth, refresh_token=refresh_token, company_id=realm_id)


def xero_accounting(token: dict) -> AccountingApi:  # expect: clean
    api_client = ApiClient(
        Configuration(oauth2_token=OAuth2Token(client_id=os.environ["XERO_ID"], client_secret=os.environ["XERO_SECRET"])),
        pool_threads=1,
    )

    @api_client.oauth2_token_getter
    def _token() -> dict:
        return token

    return AccountingApi(api_client)


class AsyncOdoo:  # expect: clean
    """Odoo's JSON-RPC over httpx: how the loop talks to Odoo."""

    def __init__(self, uid: int, password: str) -> None:
        self._http = httpx.AsyncClient(base_url=ODOO_URL, timeout=20)
        self._uid = uid
        self._password = password

    async def execute_kw(self, model: str, method: str, args: list, kwargs: dict | None = None):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [ODOO_DB, self._uid, self._password, model, method, args, kwargs or {}],
            },
        }
        resp = await self._http.post("/jsonrpc", json=payload)
        resp.raise_for_status()
        return resp.json()["result"]

    async def aclose(self) -> None:
        await self._http.aclose()


@dataclass
class Ledgers:  # expect: clean
    odoo: AsyncOdoo
    quickbooks: QuickBooks
    xero: AccountingApi
    tenant_id: str
