"""An auth service that derives password hashes on the event loop's thread."""
import asyncio
import hashlib
import hmac

SALT = b"s" * 16


class UserStore:
    def __init__(self):
        self.hashes = {}

    def set_password(self, user, password):
        self.hashes[user] = hashlib.pbkdf2_hmac("sha256", password.encode(), SALT, 1000)

    def check(self, user, password):
        digest = hashlib.pbkdf2_hmac("sha256", password.encode(), SALT, 1000 * 1000)
        return hmac.compare_digest(digest, self.hashes.get(user, b""))


class AuthService:
    def __init__(self, store):
        self.store = store

    async def login(self, user, password):
        await asyncio.sleep(0)
        ok = self.store.check(user, password)  # PLANT ACK120
        return "welcome" if ok else "denied"


async def main():
    store = UserStore()
    store.set_password("ann", "pw")
    svc = AuthService(store)
    print(await svc.login("ann", "wrong"))


asyncio.run(main())
