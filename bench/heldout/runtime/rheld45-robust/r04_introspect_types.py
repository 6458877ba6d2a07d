"""A program that looks at the types and names of things a checker might wrap."""
import asyncio
import inspect
import socket
import threading
import time

print(type(time.sleep).__name__, time.sleep.__name__, time.sleep.__module__)
print(type(socket.socket.recv).__name__, socket.socket.recv.__name__)
print(type(open).__name__, open.__name__, inspect.isbuiltin(time.sleep))
lock = threading.Lock()
print(type(lock).__name__, type(lock).__module__, lock.locked())
rl = threading.RLock()
print(type(rl).__name__, repr(rl).split(" object")[0].split()[0])
print(asyncio.Lock.release.__qualname__, asyncio.Queue.put_nowait.__qualname__)
print(type(threading.Event().wait).__name__, threading.Event.wait.__qualname__)
print(time.sleep is getattr(__import__("time"), "sleep"))
try:
    print(inspect.signature(time.sleep))
except ValueError as e:
    print("no signature", type(e).__name__)
