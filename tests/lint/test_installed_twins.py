"""ACK105 for a library class's method whose installed async twin has it as a coroutine function, where the twin
lives in an `aio` subpackage of a package above the client's module (Azure's layout) or in a separately installed
asyncio flavour of the package (an OpenAPI client generated for asyncio)."""
from tests.lint.helpers import check_marked

CODES = ["ACK102", "ACK105"]


def _write(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _install(root, monkeypatch):
    _write(root, {
        # the sync client two levels down, its twin in the aio package of the level above
        "cloudkit/__init__.py": "",
        "cloudkit/py.typed": "",
        "cloudkit/storage/__init__.py": "",
        "cloudkit/storage/blob/__init__.py": (
            "class BlobClient:\n"
            "    def download(self, name):\n        return b''\n"
            "    def url(self, name):\n        return name\n"),
        "cloudkit/storage/aio/__init__.py": (
            "class BlobClient:\n"
            "    async def download(self, name):\n        return b''\n"
            "    def url(self, name):\n        return name\n"),
        # a generated API client and its asyncio flavour, another distribution
        "petstore/__init__.py": "",
        "petstore/py.typed": "",
        "petstore/api.py": (
            "class PetApi:\n"
            "    def __init__(self, api_client=None):\n        self.api_client = api_client\n"
            "    def get_pet(self, pet_id):\n        return self.api_client.call_api('/pet', pet_id)\n"
            "    def describe(self):\n        return 'pets'\n\n"
            "class StoreApi:\n"
            "    def get_order(self, order_id):\n        return order_id\n"),
        "petstore_asyncio/__init__.py": "",
        "petstore_asyncio/py.typed": "",
        "petstore_asyncio/api.py": (
            "class PetApi:\n"
            "    async def get_pet(self, pet_id):\n        return None\n"
            "    def describe(self):\n        return 'pets'\n"),
    })
    from asynccheck.lint import stubs

    monkeypatch.syspath_prepend(str(root))
    monkeypatch.setattr(stubs, "_twin_resolver", stubs._UNSET)
    monkeypatch.setattr(stubs, "_twins", {})


def test_twins_in_an_aio_package_above_or_an_asyncio_flavour_package(tmp_path, monkeypatch):
    from asynccheck.lint import stubs

    if not stubs.available():
        return
    _install(tmp_path, monkeypatch)
    check_marked('''
        import asyncio

        from cloudkit.storage.blob import BlobClient
        from petstore.api import PetApi, StoreApi

        async def fetch(blob: BlobClient, pets: PetApi):
            data = blob.download("a")  # ACK105
            pet = pets.get_pet(1)  # ACK105
            return data, pet

        async def quiet(blob: BlobClient, pets: PetApi, store: StoreApi):
            # the same method plain in the twin, a class with no twin, handed to a thread, sync code
            link = blob.url("a")
            name = pets.describe()
            order = store.get_order(2)
            pet = await asyncio.to_thread(pets.get_pet, 1)
            return link, name, order, pet

        def sync_fetch(blob: BlobClient):
            return blob.download("a")
    ''', CODES)



def test_a_twin_read_from_source_says_nothing_of_its_own_duplicate_classes(tmp_path):
    # a module that defines a class twice (one for type checkers, one at run time) made typeshed_client log a
    # warning per class, which the logging module printed on stderr in the middle of the user's lint output
    import os
    import subprocess
    import sys

    from asynccheck.lint import stubs

    if not stubs.available():
        return
    site, project = tmp_path / "site", tmp_path / "project"
    _write(site, {
        "cloudkit/__init__.py": "",
        "cloudkit/py.typed": "",
        "cloudkit/blob/__init__.py": "class BlobClient:\n    def download(self, name):\n        return b''\n",
        "cloudkit/aio/__init__.py": (
            "import typing as t\n"
            "if t.TYPE_CHECKING:\n"
            "    class Info(dict):\n        name: str\n"
            "else:\n"
            "    class Info(dict):\n        label: str\n"
            "class BlobClient:\n    async def download(self, name):\n        return b''\n"),
    })
    _write(project, {"asynccheck.toml": "", "app.py": (
        "from cloudkit.blob import BlobClient\n\n"
        "async def fetch(blob: BlobClient):\n    return blob.download('a')\n")})
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])))
    proc = subprocess.run([sys.executable, "-m", "asynccheck", "lint", "--no-cache", "app.py"], cwd=project,
                          capture_output=True, text=True, env=env, timeout=120)
    assert "ACK105" in proc.stdout, proc.stdout + proc.stderr
    assert proc.stderr == "", proc.stderr
