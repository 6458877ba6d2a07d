"""A program reading its own argv[0], __file__, __spec__, __name__ and sys.path[0]."""
import asyncio
import os
import sys

print(os.path.basename(sys.argv[0]), len(sys.argv))
print(os.path.basename(__file__), os.path.isabs(__file__))
print(__name__, __spec__, __package__)
print(os.path.samefile(sys.path[0], os.path.dirname(os.path.abspath(__file__))))
print(sorted(k for k in globals() if k.startswith("__")))


async def where():
    return os.path.basename(sys._getframe().f_code.co_filename)


print(asyncio.run(where()))
