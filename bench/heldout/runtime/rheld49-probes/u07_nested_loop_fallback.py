import asyncio
async def lookup(key):
    await asyncio.sleep(0)
    return key.upper()
def sync_lookup(key):
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(lookup(key))
    except RuntimeError:
        return "fallback"
    finally:
        loop.close()
async def handler():
    return sync_lookup("k")  # PLANT ACK108
print(asyncio.run(handler()))
