"""What the linter knows about the clients of business SaaS that sync and back-office services call: Supabase,
Airtable (pyairtable), Notion, HubSpot, Salesforce (simple-salesforce), Shopify (ShopifyAPI), WooCommerce,
Braintree and Zendesk (Zenpy).

Each is a sync HTTP client: every method reached through its namespaces (`notion.pages.create(...)`,
`client.crm.contacts.basic_api.get_by_id(...)`, `gateway.transaction.refund(...)`, `sf.Contact.create(...)`) is one
request on the calling thread, but for the few listed that only hold settings. Supabase's and PostgREST's queries
are built without a request (`db.table("t").select("*").eq(...)`) and sent by `execute()`; `acreate_client`
gives the async client, whose `execute()` makes a coroutine. An Airtable table handle (`api.table(base, name)`) is
made locally; its reads and writes are requests. Shopify's resources are ActiveResource classes whose `find`,
`create` and `count` are requests, as are an instance's `save()`, `destroy()` and `reload()`. knowledge.py merges
these tables into its own; the names follow its conventions (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

SUPABASE = "supabase.Client"
POSTGREST_QUERY = "postgrest.SyncRequestBuilder"
AIRTABLE_API, AIRTABLE_TABLE = "pyairtable.Api", "pyairtable.Table"
NOTION, NOTION_ASYNC = "notion_client.Client", "notion_client.AsyncClient"
HUBSPOT = "hubspot.HubSpot"
SALESFORCE = "simple_salesforce.Salesforce"
WOOCOMMERCE = "woocommerce.API"
BRAINTREE = "braintree.BraintreeGateway"
ZENPY = "zenpy.Zenpy"
_SETTINGS = frozenset({"access_token", "api_key", "auth", "options", "session", "session_id", "sf_instance",
                       "sf_version", "base_url", "headers", "config", "timeout", "url", "consumer_key",
                       "consumer_secret", "version", "graphql_client", "client", "logger"})
_SHOPIFY_RESOURCES = (
    "Order Product Customer Variant CustomCollection SmartCollection Collect InventoryLevel InventoryItem "
    "Fulfillment Shop Webhook Location DraftOrder Transaction Refund Metafield Page Article Blog Theme Asset GiftCard "
    "PriceRule DiscountCode ScriptTag Redirect"
).split()
_SHOPIFY_CALLS = ("find", "find_first", "find_one", "create", "count", "current", "delete")
_SHOPIFY_INSTANCE = ("save", "destroy", "reload")
_BRAINTREE_STATIC = {kind: "sale find refund void submit_for_settlement create update delete search cancel"
                     for kind in ("Transaction", "Customer", "Subscription", "PaymentMethod")}

CANONICAL: Dict[str, str] = {
    "supabase._sync.client.SyncClient": SUPABASE, "supabase.client.Client": SUPABASE,
    "supabase._sync.client.create_client": "supabase.create_client",
    "postgrest._sync.request_builder.SyncRequestBuilder": POSTGREST_QUERY,
    "pyairtable.api.api.Api": AIRTABLE_API, "pyairtable.api.table.Table": AIRTABLE_TABLE,
    "notion_client.client.Client": NOTION, "notion_client.client.AsyncClient": NOTION_ASYNC,
    "hubspot.hubspot.HubSpot": HUBSPOT, "hubspot.Client": HUBSPOT,
    "simple_salesforce.api.Salesforce": SALESFORCE,
    "woocommerce.api.API": WOOCOMMERCE,
    "braintree.braintree_gateway.BraintreeGateway": BRAINTREE,
    "zenpy.lib.api.Zenpy": ZENPY,
}
BLOCKING_FUNCTIONS: Dict[str, str] = {
    f"{POSTGREST_QUERY}.execute": "ACK102",
    **{f"shopify.{kind}.{m}": "ACK102" for kind in _SHOPIFY_RESOURCES for m in _SHOPIFY_CALLS},
    **{f"shopify.{kind}.{m}": "ACK102" for kind in _SHOPIFY_RESOURCES for m in _SHOPIFY_INSTANCE},
    **{f"braintree.{kind}.{m}": "ACK102" for kind, methods in _BRAINTREE_STATIC.items() for m in methods.split()},
    **{f"{AIRTABLE_API}.{m}": "ACK102" for m in ("bases", "whoami", "iterate_requests", "request")},
}
# every public method but settings is a request, through the client's namespaces too
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    **{kind: ("ACK102", _SETTINGS) for kind in (NOTION, HUBSPOT, SALESFORCE, WOOCOMMERCE, BRAINTREE, ZENPY)},
    AIRTABLE_TABLE: ("ACK102", frozenset({"name", "base", "api", "id", "url", "schema_url"})),
}
ITEM_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    **{kind: (kind, _SETTINGS) for kind in (NOTION, NOTION_ASYNC, HUBSPOT, SALESFORCE, BRAINTREE, ZENPY)},
}
COROUTINE_TYPES: Dict[str, FrozenSet[str]] = {NOTION_ASYNC: _SETTINGS}
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset({"supabase.acreate_client"})
# a query builder's methods give the builder, but `execute()`, which sends it
FLUENT_TYPES: Dict[str, FrozenSet[str]] = {POSTGREST_QUERY: frozenset({"execute"})}
RETURNS: Dict[str, str] = {
    "supabase.create_client": SUPABASE,
    **{f"{SUPABASE}.{m}": POSTGREST_QUERY for m in ("table", "from_", "rpc", "schema")},
    AIRTABLE_API: AIRTABLE_API, f"{AIRTABLE_API}.table": AIRTABLE_TABLE, AIRTABLE_TABLE: AIRTABLE_TABLE,
    **{kind: kind for kind in (NOTION, NOTION_ASYNC, HUBSPOT, SALESFORCE, WOOCOMMERCE, BRAINTREE, ZENPY)},
    **{f"shopify.{kind}.{m}": f"shopify.{kind}" for kind in _SHOPIFY_RESOURCES for m in ("find_first", "find_one",
                                                                                          "create", "current")},
}
