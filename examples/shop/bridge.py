"""A barcode scanner SDK calls back on its own thread."""
import asyncio


class ScannerBridge:
    def __init__(self, sdk) -> None:
        self.scans: asyncio.Queue[str] = asyncio.Queue(maxsize=100)
        sdk.on_scan(self._on_scan)
        self._loop: asyncio.AbstractEventLoop | None = None

    def _on_scan(self, code: str) -> None:
        # runs on the SDK's thread: must hand over to the loop
        assert self._loop is not None
        self._loop.call_soon_threadsafe(self.scans.put_nowait, code)

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()

    def start_polling(self, sdk) -> None:
        import threading

        def poll() -> None:
            while True:
                self.scans.put_nowait(sdk.read_blocking())

        threading.Thread(target=poll, daemon=True).start()
