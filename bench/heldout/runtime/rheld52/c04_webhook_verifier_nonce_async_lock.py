"""A webhook receiver that verifies each delivery's HMAC signature and rejects replays: the nonces seen in the
last five minutes are kept in a cache behind an asyncio lock (pruned by a handler of the admin API)."""
import asyncio
import hashlib
import hmac
import json
import time

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

SECRET = b"whsec_5b1f"


class NonceCache:
    def __init__(self):
        self.lock = asyncio.Lock()
        self.seen = {}

    async def remember(self, nonce, audit):
        async with self.lock:
            if nonce in self.seen:
                return False
            self.seen[nonce] = time.monotonic()
            await audit(nonce)
            return True


NONCES = NonceCache()
AUDIT = []


async def audit(nonce):
    await asyncio.sleep(0.005)
    AUDIT.append(nonce)


async def receive(request: Request):
    body = await request.body()
    expected = hmac.new(SECRET, body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, request.headers.get("x-signature", "")):
        return JSONResponse({"ok": False, "why": "signature"}, status_code=401)
    if not await NONCES.remember(request.headers["x-nonce"], audit):
        return JSONResponse({"ok": False, "why": "replay"}, status_code=409)
    return JSONResponse({"ok": True, "event": json.loads(body)["type"]})


app = Starlette(routes=[Route("/hooks", receive, methods=["POST"])])


def signed(event, nonce, secret=SECRET):
    body = json.dumps({"type": event}).encode()
    return body, {"x-signature": hmac.new(secret, body, hashlib.sha256).hexdigest(), "x-nonce": nonce}


async def main():
    deliveries = [signed("invoice.paid", "n1"), signed("invoice.paid", "n1"), signed("charge.failed", "n2"),
                  signed("refund.created", "n3", secret=b"wrong"), signed("payout.sent", "n4")]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hooks") as client:
        replies = [await client.post("/hooks", content=b, headers=h) for b, h in deliveries]
    for r in replies:
        print(r.status_code, r.json())
    print(sorted(AUDIT))


asyncio.run(main())
