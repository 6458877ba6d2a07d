"""A CRM sync service: mirrors customers and orders between SaaS tools on a schedule."""
from __future__ import annotations

import asyncio
from typing import Any

import braintree
import shopify
from hubspot import HubSpot
from notion_client import AsyncClient as NotionAsync
from notion_client import Client as Notion
from pyairtable import Api
from simple_salesforce import Salesforce
from supabase import Client as Supabase
from supabase import create_client
from woocommerce import API as WooAPI
from zenpy import Zenpy


async def signups_since(url: str, key: str, since: str) -> list[dict[str, Any]]:  # expect: blocking-call
    db: Supabase = create_client(url, key)
    return db.table("signups").select("*").gte("created_at", since).execute().data


async def airtable_rows(api: Api, base: str, table: str) -> list[dict[str, Any]]:  # expect: blocking-call
    return api.table(base, table).all()


async def notion_page(notion: Notion, parent: str, title: str) -> dict[str, Any]:  # expect: blocking-call
    return notion.pages.create(parent={"database_id": parent}, properties={"Name": {"title": [{"text": {"content": title}}]}})


async def notion_page_async(notion: NotionAsync, parent: str, title: str) -> dict[str, Any]:  # expect: clean  # near: blocking-call
    return await notion.pages.create(parent={"database_id": parent}, properties={"Name": {"title": [{"text": {"content": title}}]}})


async def hubspot_contact(client: HubSpot, email: str) -> Any:  # expect: blocking-call
    return client.crm.contacts.basic_api.get_by_id(email, id_property="email")


async def salesforce_accounts(sf: Salesforce) -> list[dict[str, Any]]:  # expect: blocking-call
    return sf.query("SELECT Id, Name FROM Account LIMIT 100")["records"]


async def shopify_orders(since_id: int) -> list[Any]:  # expect: blocking-call
    return shopify.Order.find(since_id=since_id, limit=250)


async def woo_orders(wc: WooAPI) -> list[dict[str, Any]]:  # expect: blocking-call
    return wc.get("orders", params={"per_page": 50}).json()


async def refund(gateway: braintree.BraintreeGateway, txn: str) -> Any:  # expect: blocking-call
    return gateway.transaction.refund(txn)


async def tickets(zen: Zenpy, requester: str) -> list[Any]:  # expect: blocking-call
    return list(zen.search(type="ticket", requester=requester))


async def tickets_offloaded(zen: Zenpy, requester: str) -> list[Any]:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(lambda: list(zen.search(type="ticket", requester=requester)))
