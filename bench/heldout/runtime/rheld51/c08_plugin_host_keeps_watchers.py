"""A plugin host: plugins are Python files in a folder, loaded at run time with importlib; each may export a
`watch()` coroutine that the host starts in the background and keeps until it is done."""
import asyncio
import importlib.util
import os
import sys
import tempfile

PLUGINS = {
    "disk_usage": "import asyncio\nSEEN = []\nasync def watch():\n    for n in range(3):\n        SEEN.append(n)\n        await asyncio.sleep(0.01)\n",
    "uptime": "NAME = 'uptime'\n",
    "queue_depth": "import asyncio\nSEEN = []\nasync def watch():\n    await asyncio.sleep(0.02)\n    SEEN.append('depth')\n",
}


def load(folder, name):
    spec = importlib.util.spec_from_file_location(f"plugins.{name}", os.path.join(folder, f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class Host:
    def __init__(self, folder):
        self.folder = folder
        self.loaded = {}
        self.watchers = set()

    def activate(self, name):
        module = load(self.folder, name)
        self.loaded[name] = module
        if hasattr(module, "watch"):
            task = asyncio.ensure_future(module.watch())
            self.watchers.add(task)
            task.add_done_callback(self.watchers.discard)

    async def close(self):
        await asyncio.gather(*self.watchers)


def write_plugins(folder):
    for name, src in PLUGINS.items():
        with open(os.path.join(folder, f"{name}.py"), "w") as f:
            f.write(src)


async def main():
    with tempfile.TemporaryDirectory() as folder:
        await asyncio.to_thread(write_plugins, folder)
        host = Host(folder)
        for name in sorted(PLUGINS):
            host.activate(name)
        await host.close()
        print(sorted(host.loaded), host.loaded["disk_usage"].SEEN, host.loaded["queue_depth"].SEEN)


asyncio.run(main())
