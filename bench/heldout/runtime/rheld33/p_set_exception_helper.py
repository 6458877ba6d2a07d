"""An RPC client whose reader thread fails pending calls through a helper that sets exceptions."""
import asyncio
import threading


class RpcClient:
    def __init__(self):
        self.pending = {}

    def _fail_all(self, exc):
        for fut in list(self.pending.values()):
            if not fut.done():
                fut.set_exception(exc)  # PLANT ACK401
        self.pending.clear()

    def _reader(self):
        self._fail_all(ConnectionResetError("peer closed"))

    async def call(self, method):
        fut = asyncio.get_running_loop().create_future()
        self.pending[method] = fut
        threading.Thread(target=self._reader).start()
        return await asyncio.wait_for(fut, 5)


async def main():
    try:
        await RpcClient().call("ping")
    except ConnectionResetError as e:
        print("failed:", e)


asyncio.run(main())
