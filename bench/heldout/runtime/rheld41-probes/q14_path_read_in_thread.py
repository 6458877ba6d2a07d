"""A template renderer that reads its templates with pathlib in a worker thread, cached."""
import asyncio
import pathlib
import shutil
import tempfile

root = pathlib.Path(tempfile.mkdtemp())
(root / "page.html").write_text("<h1>{title}</h1>")


class Renderer:
    def __init__(self, folder):
        self.folder = folder
        self.cache = {}

    async def render(self, name, **ctx):
        if name not in self.cache:
            self.cache[name] = await asyncio.to_thread((self.folder / name).read_text)
        return self.cache[name].format(**ctx)


async def main():
    r = Renderer(root)
    print(await r.render("page.html", title="Hi"), await r.render("page.html", title="Again"))


asyncio.run(main())
shutil.rmtree(root)
