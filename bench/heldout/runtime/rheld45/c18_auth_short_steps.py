"""An auth service: cheap hashing on the loop (well under the threshold), the expensive one in a thread."""
import asyncio
import hashlib
import hmac

SALT = b"s" * 16


class UserStore:
    def __init__(self):
        self.hashes = {}

    def digest(self, password, rounds):
        return hashlib.pbkdf2_hmac("sha256", password.encode(), SALT, rounds)

    def set_password(self, user, password):
        self.hashes[user] = self.digest(password, 1000)


async def login(store, user, password):
    quick = store.digest(password, 1000)
    slow = await asyncio.to_thread(store.digest, password, 1000 * 400)
    ok = hmac.compare_digest(quick, store.hashes.get(user, b""))
    return ("welcome" if ok else "denied", len(slow))


async def main():
    store = UserStore()
    store.set_password("ann", "pw")
    print(await login(store, "ann", "pw"))
    print(await login(store, "ann", "nope"))


asyncio.run(main())
