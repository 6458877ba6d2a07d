"""A plugin loader imports every plugin file of a folder and calls its setup(registry) hook."""
import asyncio
import importlib.util
import os
import tempfile

PLUGINS = {
    "greeter.py": "def setup(registry):\n    registry['greet'] = lambda name: f'hello {name}'\n",
    "shouter.py": "def setup(registry):\n    registry['shout'] = str.upper\n",
    "counter.py": ("import asyncio\n\nasync def setup(registry):\n    await asyncio.sleep(0)\n"
                   "    registry['count'] = len\n"),
}
FOLDER = tempfile.mkdtemp()
for name, source in PLUGINS.items():
    with open(os.path.join(FOLDER, name), "w") as fh:
        fh.write(source)


def load_module(path):
    spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def load_plugins(folder, registry):
    names = sorted(n for n in os.listdir(folder) if n.endswith(".py"))
    modules = await asyncio.gather(*(asyncio.to_thread(load_module, os.path.join(folder, n)) for n in names))
    for module in modules:
        module.setup(registry)  # PLANT ACK301
    return [m.__name__ for m in modules]


async def main():
    registry = {}
    loaded = await load_plugins(FOLDER, registry)
    print(loaded, sorted(registry), registry["greet"]("ann"), registry["shout"]("quiet"))


asyncio.run(main())
