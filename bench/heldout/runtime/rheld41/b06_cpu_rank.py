"""Ranking documents with a pure-Python scoring loop on the event loop."""
import asyncio


def rank(docs):
    scores = {}
    for name, words in docs.items():
        s = 0
        for i in range(1_500_000):
            s = (s * 31 + i * len(words)) % 1_000_003
        scores[name] = s
    return sorted(scores, key=scores.get)


async def search(docs):
    await asyncio.sleep(0.01)
    ranked = rank(docs)  # PLANT ACK120
    return ranked[0]


async def main():
    docs = {"a": "one two", "b": "three four five"}
    print("best:", await search(docs))


asyncio.run(main())
