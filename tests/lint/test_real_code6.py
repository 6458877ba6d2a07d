"""False-alarm shapes found by linting more real asyncio code (psycopg, crewai, vllm, streamlit, ...): each
look-alike must stay clean, beside the close case it must still flag."""
from tests.lint.helpers import check_marked


def test_else_of_a_literal_true_test_never_runs():
    # psycopg's async twin is generated from the sync one: `if True:  # ASYNC` keeps the async line and leaves
    # the sync call in an `else:` that never runs. A test the linter cannot decide still has both branches live.
    check_marked(
        """
        import socket


        class Connection:
            async def set_autocommit(self, value):
                pass

            def _set_autocommit(self, value):
                if True:  # ASYNC
                    raise TypeError("use await set_autocommit()")
                else:
                    self.set_autocommit(value)

            def _set_autocommit_later(self, value):
                if False:
                    self.set_autocommit(value)

            def _set_autocommit_maybe(self, value, ready):
                if ready:
                    raise TypeError("use await set_autocommit()")
                else:
                    self.set_autocommit(value)  # ACK301


        async def resolve(host, port):
            if True:  # ASYNC
                return []
            else:
                return socket.getaddrinfo(host, port)


        async def resolve_live(host, port):
            if not False:
                return socket.getaddrinfo(host, port)  # ACK105
        """,
        ["ACK301", "ACK105"],
    )
