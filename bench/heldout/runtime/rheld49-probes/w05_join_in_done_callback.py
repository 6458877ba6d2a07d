import asyncio, threading, time
class Exporter:
    def __init__(self):
        self.flusher = None
        self.flushed = []
    def start_flush(self):
        self.flusher = threading.Thread(target=lambda: (time.sleep(0.03), self.flushed.append("batch")))
        self.flusher.start()
    def on_shutdown(self, task):
        self.flusher.join()  # PLANT ACK106
async def serve(exporter):
    exporter.start_flush()
    await asyncio.sleep(0.005)
async def main():
    exporter = Exporter()
    t = asyncio.create_task(serve(exporter))
    t.add_done_callback(exporter.on_shutdown)
    await t
    await asyncio.sleep(0.05)
    print(exporter.flushed)
asyncio.run(main())
