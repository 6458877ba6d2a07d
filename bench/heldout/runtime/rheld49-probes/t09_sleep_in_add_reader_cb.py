import asyncio, os, time
def on_readable(fd, got):
    got.append(os.read(fd, 10))
    time.sleep(0.02)  # PLANT ACK101
async def main():
    r, w = os.pipe()
    loop = asyncio.get_running_loop(); got = []
    loop.add_reader(r, on_readable, r, got)
    os.write(w, b"ping")
    while not got: await asyncio.sleep(0.01)
    loop.remove_reader(r); os.close(r); os.close(w)
    print(got)
asyncio.run(main())
