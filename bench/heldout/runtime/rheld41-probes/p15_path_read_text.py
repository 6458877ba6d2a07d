"""A template renderer that reads its template with pathlib inside the request coroutine."""
import asyncio
import pathlib
import shutil
import tempfile

root = pathlib.Path(tempfile.mkdtemp())
(root / "page.html").write_text("<h1>{title}</h1>")


class Renderer:
    def __init__(self, folder):
        self.folder = folder

    async def render(self, name, **ctx):
        text = (self.folder / name).read_text()  # PLANT ACK103
        await asyncio.sleep(0)
        return text.format(**ctx)


async def main():
    print(await Renderer(root).render("page.html", title="Hi"))


asyncio.run(main())
shutil.rmtree(root)
