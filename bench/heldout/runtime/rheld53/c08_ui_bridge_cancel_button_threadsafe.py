"""A desktop app's download manager: the widgets live on a UI thread with its own event queue (`after(ms, fn)`,
`invoke()`, as tkinter's mainloop works), the downloads run on an asyncio loop in the background. The Cancel
button's command hands the stop to the loop's thread."""
import asyncio
import queue
import threading
import time


class UiThread(threading.Thread):
    def __init__(self):
        super().__init__(name="ui")
        self.events = queue.Queue()

    def after(self, ms, fn):
        self.events.put((time.monotonic() + ms / 1000, fn))

    def quit(self):
        self.events.put((0, None))

    def run(self):
        while True:
            due, fn = self.events.get()
            if fn is None:
                return
            time.sleep(max(0.0, due - time.monotonic()))
            fn()


class Button:
    def __init__(self, label, command):
        self.label = label
        self.command = command

    def invoke(self):
        self.command()


class DownloadManager:
    def __init__(self):
        self.loop = asyncio.get_running_loop()
        self.cancel_pressed = asyncio.Event()
        self.status = "idle"

    def on_cancel(self):
        self.loop.call_soon_threadsafe(self.cancel_pressed.set)

    async def download(self, chunks):
        received = 0
        self.status = "downloading"
        for _ in range(chunks):
            if self.cancel_pressed.is_set():
                self.status = "cancelled"
                return received
            await asyncio.sleep(0.01)
            received += 1
        self.status = "done"
        return received


async def main(ui):
    manager = DownloadManager()
    cancel = Button("Cancel", manager.on_cancel)
    ui.after(80, cancel.invoke)
    received = await manager.download(chunks=400)
    ui.quit()
    print(manager.status, "after", "fewer than 400" if received < 400 else "all", "chunks")


ui = UiThread()
ui.start()
asyncio.run(main(ui))
ui.join()
