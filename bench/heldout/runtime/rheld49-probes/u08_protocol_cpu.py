import asyncio
def score(line):
    h = 0
    for ch in line * 40:
        h = (h * 131 + ord(ch)) % 1000003
    return h
class Scorer(asyncio.Protocol):
    def connection_made(self, t): self.t = t
    def data_received(self, data):
        lines = data.decode().split()
        best = max(score(line) for line in lines * 2100)  # PLANT ACK120
        self.t.write(str(best).encode() + b"\n")
async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Scorer, "127.0.0.1", 0)
    r, w = await asyncio.open_connection("127.0.0.1", server.sockets[0].getsockname()[1])
    w.write(b"alpha beta gamma delta epsilon zeta eta theta iota kappa")
    print(await r.readline())
    w.close(); server.close()
asyncio.run(main())
