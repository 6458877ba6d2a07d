"""A sitemap builder for a docs site: a crawler task walks the site's link graph (here a synthetic one, each
page linking to its sections), handing every URL it finds to the writer, which renders `<url>` entries into
sitemap files of 5,000 entries each."""
import asyncio
import hashlib


def links_of(page, pages):
    return [f"/docs/{n}" for n in range(page * 8 + 1, min(page * 8 + 9, pages))]


class SitemapBuilder:
    def __init__(self, pages):
        self.pages = pages
        self.found = asyncio.Queue()  # PLANT ACK501
        self.files = []

    async def crawl(self):
        await self.found.put("/docs/0")
        for page in range(self.pages):
            if page % 1000 == 0:
                await asyncio.sleep(0)
            for url in links_of(page, self.pages):
                await self.found.put(url)
        await self.found.put(None)

    async def write(self):
        entries = []
        while (url := await self.found.get()) is not None:
            entries.append(f"<url><loc>https://docs.example{url}</loc></url>")
            if len(entries) == 5000:
                self.files.append(self.flush(entries))
                entries = []
                await asyncio.sleep(0.005)
        if entries:
            self.files.append(self.flush(entries))

    def flush(self, entries):
        return len(entries), hashlib.md5("".join(entries).encode()).hexdigest()[:8]


async def main():
    builder = SitemapBuilder(pages=24_000)
    await asyncio.gather(builder.crawl(), builder.write())
    print(len(builder.files), "sitemap files,", sum(n for n, _ in builder.files), "urls")
    print([digest for _, digest in builder.files])


asyncio.run(main())
