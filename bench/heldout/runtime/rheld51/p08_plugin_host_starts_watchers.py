"""A plugin host: plugins are Python files in a folder, loaded at run time with importlib; each may export a
`watch()` coroutine that the host starts in the background once the plugin is loaded."""
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

    def activate(self, name):
        module = load(self.folder, name)
        self.loaded[name] = module
        if hasattr(module, "watch"):
            asyncio.ensure_future(module.watch())  # PLANT ACK302


async def main(folder):
    host = Host(folder)
    for name in sorted(PLUGINS):
        host.activate(name)
    await asyncio.sleep(0.1)
    print(sorted(host.loaded), host.loaded["disk_usage"].SEEN, host.loaded["queue_depth"].SEEN)


with tempfile.TemporaryDirectory() as plugin_dir:
    for plugin, source in PLUGINS.items():
        with open(os.path.join(plugin_dir, f"{plugin}.py"), "w") as out:
            out.write(source)
    asyncio.run(main(plugin_dir))
