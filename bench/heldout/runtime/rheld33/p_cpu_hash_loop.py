"""A token service deriving keys with PBKDF2 (many iterations) inside the coroutine."""
import asyncio
import hashlib
import time


def iterations_for(seconds):
    start = time.thread_time()
    hashlib.pbkdf2_hmac("sha256", b"pw", b"salt", 20000)
    return int(20000 * seconds / max(time.thread_time() - start, 1e-4))


async def issue_token(user, rounds):
    await asyncio.sleep(0)
    key = hashlib.pbkdf2_hmac("sha256", user.encode(), b"salt", rounds)  # PLANT ACK120
    return key.hex()[:16]


async def main():
    print(len(await issue_token("ann", iterations_for(0.45))))


asyncio.run(main())
