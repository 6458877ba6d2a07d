"""`python uvloop_runner.py PROGRAM ARGS...` runs PROGRAM as `python PROGRAM ARGS...` would, on uvloop's loop:
every loop the program gets from asyncio (`asyncio.run`, `new_event_loop`, `get_event_loop`) is a `uvloop.Loop`.
The policy is asyncio's default one with uvloop's loop, not `uvloop.EventLoopPolicy`, whose `get_event_loop` never
creates a loop: a program that relies on asyncio's (an `asyncio.Lock()` made at import on Python 3.9) runs here
as it does on asyncio. The uvloop matrix (test_uvloop_matrix.py) runs every program of test_programs.py here."""
import asyncio
import os
import runpy
import sys

import uvloop


class UvloopPolicy(asyncio.DefaultEventLoopPolicy):
    _loop_factory = uvloop.Loop


asyncio.set_event_loop_policy(UvloopPolicy())
path = os.path.abspath(sys.argv[1])
sys.argv = sys.argv[1:]
sys.path[0] = os.path.dirname(path)
runpy.run_path(path, run_name="__main__")
