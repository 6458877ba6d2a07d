"""False-alarm shapes found by linting real asyncio frameworks and SDKs (an ASGI server, job queues, an ORM's
database backends, a WebRTC stack, API clients): each look-alike must stay quiet, beside the close case that
must still be flagged."""
from __future__ import annotations

from pathlib import Path

from tests.lint.helpers import check_marked
from tests.lint.test_types_project import expected, found, write

# A package that keeps a default client under the same name as one of its submodules: the
# package's `client` value is a sync HTTP client, the submodule `pkg/client.py` only holds plain helpers.
SHADOWED_SUBMODULE = {
    "pkg/__init__.py": '''
        import requests
        from .client import check_url


        class Session:
            """The package's default client: every method is a request."""

            def check_url(self, url: str) -> int:
                return requests.head(url).status_code


        client: Session | None = None
        session: Session = Session()
    ''',
    "pkg/client.py": '''
        class ClientError(Exception):
            pass

        def check_url(url: str) -> str:
            if not url.startswith("https://"):
                raise ClientError(url)
            return url
    ''',
    "pkg/auth.py": '''
        from importlib import import_module
        from typing import TYPE_CHECKING

        import pkg
        if TYPE_CHECKING:
            import pkg.client as client_module
        else:
            client_module = import_module(".client", "pkg")

        async def prepare(url: str) -> str:
            client_module.check_url(url)
            raise client_module.ClientError(url)

        async def fetch_default(url: str):
            return pkg.session.check_url(url)  # ACK102
    ''',
}


def test_a_submodule_imported_by_its_dotted_name_is_the_module_not_a_package_value_of_that_name(tmp_path: Path):
    # `import pkg.client as m` binds the module pkg/client.py, also when pkg/__init__.py has a value `client`
    # (a default session made on first use): `m.check_url()` is the module's helper, not a method of that session.
    # A package value that names no module (`pkg.session`) is still the session, and its request still blocks.
    write(tmp_path, SHADOWED_SUBMODULE)
    assert found([tmp_path], tmp_path, use_cache=False) == expected(SHADOWED_SUBMODULE)
    alone = found([tmp_path / "pkg" / "auth.py"], tmp_path, use_cache=False)
    assert alone == expected(SHADOWED_SUBMODULE)
