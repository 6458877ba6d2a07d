"""Request handlers of a shop backend spread over Django, Flask 2, aiohttp, FastAPI, Starlette and a GraphQL layer."""
from __future__ import annotations

import asyncio
import json
import smtplib
import sqlite3
import time
import urllib.request
from email.message import EmailMessage

import httpx
import requests
import strawberry
from aiohttp import web
from asgiref.sync import sync_to_async
from django.http import JsonResponse
from fastapi import Depends, FastAPI
from flask import Flask, jsonify
from starlette.middleware.base import BaseHTTPMiddleware

app = Flask(__name__)
api = FastAPI()
DB_PATH = "/var/lib/shop/shop.db"
STOCK = "https://stock.internal/api"


async def product_detail(request, sku):  # expect: blocking-call
    # Django async view: the stock service is still called the old way
    stock = requests.get(f"{STOCK}/{sku}", timeout=3).json()
    return JsonResponse({"sku": sku, "stock": stock["count"]})


async def product_detail_offloaded(request, sku):  # expect: clean  # near: blocking-call
    fetch = sync_to_async(requests.get, thread_sensitive=False)
    resp = await fetch(f"{STOCK}/{sku}", timeout=3)
    return JsonResponse({"sku": sku, "stock": resp.json()["count"]})


@app.route("/report/<int:rid>")
async def flask_report(rid):  # expect: blocking-call
    conn = sqlite3.connect(DB_PATH)
    try:
        row = conn.execute("SELECT body FROM reports WHERE id = ?", (rid,)).fetchone()
    finally:
        conn.close()
    return jsonify(json.loads(row[0]))


@app.route("/health")
def flask_health():  # expect: clean  # near: blocking-call
    # plain sync Flask route: blocking is fine here
    r = requests.get(f"{STOCK}/ping", timeout=1)
    return jsonify({"stock": r.ok})


async def aiohttp_avatar(request: web.Request) -> web.Response:  # expect: blocking-call
    user = request.match_info["user"]
    with open(f"/srv/avatars/{user}.png", "rb") as fh:
        body = fh.read()
    return web.Response(body=body, content_type="image/png")


async def aiohttp_avatar_offloaded(request: web.Request) -> web.Response:  # expect: clean  # near: blocking-call
    user = request.match_info["user"]

    def _load() -> bytes:
        with open(f"/srv/avatars/{user}.png", "rb") as fh:
            return fh.read()

    body = await request.app.loop.run_in_executor(None, _load)
    return web.Response(body=body, content_type="image/png")


def get_stock_client() -> requests.Session:  # expect: clean
    s = requests.Session()
    s.headers["X-Service"] = "shop"
    return s


@api.get("/items/{sku}")
async def fastapi_item(sku: str, client: requests.Session = Depends(get_stock_client)):  # expect: blocking-call
    return client.get(f"{STOCK}/{sku}", timeout=2).json()


async def get_async_stock_client():  # expect: clean
    async with httpx.AsyncClient(base_url=STOCK) as c:
        yield c


@api.get("/v2/items/{sku}")
async def fastapi_item_v2(sku: str, client: httpx.AsyncClient = Depends(get_async_stock_client)):  # expect: clean  # near: blocking-call
    r = await client.get(f"/{sku}")
    return r.json()


@api.post("/contact")
async def fastapi_contact(payload: dict):  # expect: blocking-call
    msg = EmailMessage()
    msg["Subject"] = "contact form"
    msg.set_content(payload.get("text", ""))
    server = smtplib.SMTP_SSL("smtp.internal", 465, timeout=10)
    server.send_message(msg)
    server.quit()
    return {"ok": True}


class TimingMiddleware(BaseHTTPMiddleware):  # expect: blocking-call
    def __init__(self, app, stats_path: str):
        super().__init__(app)
        self.stats_path = stats_path

    async def dispatch(self, request, call_next):
        t0 = time.perf_counter()
        response = await call_next(request)
        with open(self.stats_path, "a") as fh:
            fh.write(f"{request.url.path} {time.perf_counter() - t0:.4f}\n")
        return response


class HeaderMiddleware(BaseHTTPMiddleware):  # expect: clean  # near: blocking-call
    async def dispatch(self, request, call_next):
        started = time.perf_counter()
        response = await call_next(request)
        response.headers["X-Elapsed"] = f"{time.perf_counter() - started:.4f}"
        return response


@strawberry.type
class Query:  # expect: blocking-call
    @strawberry.field
    async def exchange_rate(self, currency: str) -> float:
        with urllib.request.urlopen(f"https://fx.internal/{currency}", timeout=5) as fh:
            return json.load(fh)["rate"]


@strawberry.type
class QuerySync:  # expect: clean  # near: blocking-call
    @strawberry.field
    def exchange_rate(self, currency: str) -> float:
        # strawberry runs sync resolvers in a worker thread
        with urllib.request.urlopen(f"https://fx.internal/{currency}", timeout=5) as fh:
            return json.load(fh)["rate"]


async def order_history(request):  # expect: ?blocking-call
    from shop.models import Order

    orders = list(Order.objects.filter(user_id=request.user.id).order_by("-created")[:20])
    return JsonResponse({"orders": [o.pk for o in orders]})


async def order_history_async(request):  # expect: blocking-call
    from shop.models import Order

    orders = [o.pk async for o in Order.objects.filter(user_id=request.user.id).order_by("-created")[:20]]
    return JsonResponse({"orders": orders})


class CheckoutView:  # expect: blocking-call
    http = requests.Session()

    async def post(self, request):
        body = json.loads(request.body)
        r = self.http.post("https://payments.internal/charge", json=body, timeout=8)
        return JsonResponse(r.json(), status=r.status_code)


async def webhook_retry(request):  # expect: blocking-call
    payload = await request.json()
    for attempt in range(3):
        r = httpx.post("https://hooks.internal/relay", json=payload)
        if r.status_code < 500:
            return web.json_response({"status": r.status_code})
        time.sleep(0.5 * (attempt + 1))
    return web.json_response({"status": 502}, status=502)


async def fx_rate_offloaded(currency: str) -> float:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    r = await loop.run_in_executor(None, lambda: requests.get(f"https://fx.internal/{currency}", timeout=5))
    return r.json()["rate"]
