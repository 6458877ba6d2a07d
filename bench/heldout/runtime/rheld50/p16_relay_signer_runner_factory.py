"""A webhook relay signs its payloads in a thread pool (an HSM client that is sync only); the relay runs in an
asyncio.Runner whose loop factory tunes the loop."""
import asyncio
import concurrent.futures
import hashlib
import hmac
import time

SIGNER = concurrent.futures.ThreadPoolExecutor(2, thread_name_prefix="hsm")


def hsm_sign(payload):
    time.sleep(0.03)
    return hmac.new(b"hsm-key", payload, hashlib.sha256).hexdigest()[:12]


def make_loop():
    loop = asyncio.new_event_loop()
    loop.slow_callback_duration = 0.5
    return loop


async def relay(payloads):
    signed = []
    for payload in payloads:
        pending = SIGNER.submit(hsm_sign, payload)
        signed.append((payload.decode(), pending.result()))  # PLANT ACK106
        await asyncio.sleep(0)
    return signed


with asyncio.Runner(loop_factory=make_loop) as runner:
    print(runner.run(relay([b"order-1", b"order-2"])))
SIGNER.shutdown()
