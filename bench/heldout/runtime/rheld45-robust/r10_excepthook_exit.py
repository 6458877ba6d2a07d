"""A custom sys.excepthook, warnings as errors from the command line's view, and an uncaught error."""
import asyncio
import sys
import warnings


def hook(tp, val, tb):
    print("hook:", tp.__name__, val)
    frames = 0
    while tb is not None:
        frames += tb.tb_frame.f_code.co_filename == __file__
        tb = tb.tb_next
    print("own frames", frames)


sys.excepthook = hook
warnings.filterwarnings("error", category=ResourceWarning)


async def main():
    await asyncio.sleep(0)
    raise KeyError("config")


asyncio.run(main())
