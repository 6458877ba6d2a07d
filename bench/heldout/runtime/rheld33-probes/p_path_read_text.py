"""A template renderer that loads its template with pathlib's read_text in the coroutine."""
import asyncio
import pathlib
import tempfile

TEMPLATE = pathlib.Path(tempfile.mkdtemp()) / "hello.txt"
TEMPLATE.write_text("Hello, {name}!")


class Renderer:
    def __init__(self, path):
        self.path = path

    async def render(self, **ctx):
        await asyncio.sleep(0)
        return self.path.read_text().format(**ctx)  # PLANT ACK103


print(asyncio.run(Renderer(TEMPLATE).render(name="ann")))
