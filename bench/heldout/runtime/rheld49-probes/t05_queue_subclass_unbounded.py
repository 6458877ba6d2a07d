import asyncio
class Mailbox(asyncio.Queue):
    def __init__(self, owner):
        super().__init__()  # PLANT ACK501
        self.owner = owner
async def main():
    box = Mailbox("ops")
    for n in range(11000):
        box.put_nowait(n)
    total = 0
    while not box.empty():
        total += box.get_nowait()
    print(total)
asyncio.run(main())
