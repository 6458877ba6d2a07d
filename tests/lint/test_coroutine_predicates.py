"""ACK301 for a coroutine function used where a builtin wants a value at once: as `filter`'s predicate (a coroutine
is always true), as a `key=` of `sorted`/`min`/`max`/`list.sort` (coroutines cannot be ordered), directly or in a
lambda, and coroutines collected into `any()`, `all()`, `sum()`, `sorted()`. Look-alikes: `map` and `list()` of
coroutines (handed to `gather` afterwards, the idiom), sync predicates and keys, a module's own `filter`, and
awaited values collected into `any()`."""
from __future__ import annotations

from .helpers import check_marked, messages_by_line


def test_coroutine_functions_as_predicates_and_keys():
    check_marked('''
        import asyncio
        import itertools


        async def is_open(account) -> bool:
            await asyncio.sleep(0)
            return True


        class Checker:
            async def allowed(self, item) -> bool:
                return True

            async def keep(self, items):
                return [i for i in filter(self.allowed, items)]  # ACK301


        async def open_accounts(accounts):
            return list(filter(is_open, accounts))  # ACK301


        async def open_accounts_lambda(accounts):
            return list(filter(lambda a: is_open(a), accounts))  # ACK301


        async def by_rank(accounts):
            return sorted(accounts, key=lambda a: is_open(a))  # ACK301


        async def best(accounts):
            return max(accounts, key=is_open)  # ACK301


        async def sort_in_place(accounts: list):
            accounts.sort(key=is_open)  # ACK301


        async def leading_open(accounts):
            return list(itertools.takewhile(is_open, accounts))  # ACK301


        async def any_open(accounts):
            return any(is_open(a) for a in accounts)  # ACK301


        async def all_open(accounts):
            return all([is_open(a) for a in accounts])  # ACK301


        def sync_open(account) -> bool:
            return account.open


        async def fine(accounts):
            kept = list(filter(sync_open, accounts))
            ranked = sorted(accounts, key=lambda a: sync_open(a))
            flags = await asyncio.gather(*map(is_open, accounts))
            checks = list(is_open(a) for a in accounts)
            done = await asyncio.gather(*checks)
            awaited = any([await is_open(a) for a in accounts])
            return kept, ranked, flags, done, awaited
    ''', ["ACK301"])


def test_a_module_that_defines_its_own_filter_is_left_alone():
    check_marked('''
        async def is_open(account) -> bool:
            return True


        def filter(predicate, items):
            return [i for i in items]


        async def open_accounts(accounts):
            return filter(is_open, accounts)
    ''', ["ACK301"])


def test_the_message_says_the_builtin_uses_the_result():
    found = messages_by_line('''
        async def is_open(account) -> bool:
            return True


        async def open_accounts(accounts):
            return list(filter(is_open, accounts))
    ''', ["ACK301"])
    message = found["return list(filter(is_open, accounts))"]
    assert "uses what each call returns" in message and "await each call first" in message
