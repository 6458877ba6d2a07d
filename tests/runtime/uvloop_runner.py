"""`python uvloop_runner.py PROGRAM ARGS...` runs PROGRAM as `python PROGRAM ARGS...` would, with uvloop's
event loop policy installed first: every `asyncio.run()` and `new_event_loop()` of the program gets a uvloop
loop. The uvloop matrix (test_uvloop_matrix.py) runs every program of test_programs.py through it."""
import asyncio
import os
import runpy
import sys

import uvloop

asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
path = os.path.abspath(sys.argv[1])
sys.argv = sys.argv[1:]
sys.path[0] = os.path.dirname(path)
runpy.run_path(path, run_name="__main__")
