"""ACK602 across modules: whether an awaiter relies on a coroutine's cancellation is settled by the project index
from what each module exports (lint/reliance.py), also through callers that end with the coroutine (`return await
run()`, `await run()` as the last statement), which hand on only their own awaiters' reliance."""
from asynccheck.lint.reliance import NO, RELIED_TERM, UNUSED_TERM, either, holds, merge, settled
from asynccheck.lint.facts import USED

from tests.lint.helpers import named_findings, project_findings

SWALLOWER = '''
    import asyncio


    async def _pump(queue):
        try:
            while True:
                await queue.get()
        except asyncio.CancelledError:
            print("pump stopped")
'''


def _tail_caller(last: str) -> str:
    return f'''
        from app.pump import _pump


        async def _serve(queue):
            print("serving")
            {last}
    '''


def test_a_tail_caller_awaited_in_a_third_module_hands_its_awaiter_on(tmp_path):
    for last in ("await _pump(queue)", "return await _pump(queue)"):
        files = {
            "app/__init__.py": "",
            "app/pump.py": SWALLOWER,
            "app/serve.py": _tail_caller(last),
            "app/main.py": '''
                import asyncio
                from app.serve import _serve


                async def main(queue):
                    await asyncio.wait_for(_serve(queue), 10)
                    print("done")
            ''',
        }
        assert project_findings(tmp_path / last[:6], files, ["ACK602"]) == {("app/pump.py", 8, "ACK602")}


def test_a_tail_caller_only_started_as_a_task_elsewhere_hands_on_nothing(tmp_path):
    files = {
        "app/__init__.py": "",
        "app/pump.py": SWALLOWER,
        "app/serve.py": _tail_caller("await _pump(queue)"),
        "app/main.py": '''
            import asyncio
            from app.serve import _serve


            def start(queue):
                return asyncio.get_running_loop().create_task(_serve(queue))
        ''',
    }
    assert project_findings(tmp_path, files, ["ACK602"]) == set()


def test_a_chain_of_tail_callers_is_followed_to_its_awaiter(tmp_path):
    """_pump <- _serve (tail) <- _outer (tail, another module) <- awaited with a timeout in a fourth."""
    files = {
        "app/__init__.py": "",
        "app/pump.py": SWALLOWER,
        "app/serve.py": _tail_caller("await _pump(queue)"),
        "app/outer.py": '''
            from app.serve import _serve


            async def _outer(queue):
                return await _serve(queue)
        ''',
        "app/main.py": '''
            import asyncio
            from app.outer import _outer


            async def main(queue):
                await asyncio.wait_for(_outer(queue), 10)
                print("done")
        ''',
    }
    assert project_findings(tmp_path, files, ["ACK602"]) == {("app/pump.py", 8, "ACK602")}
    # the file alone, as pre-commit and editors lint it: the index loads the other modules on demand
    assert named_findings(tmp_path, "app/pump.py", ["ACK602"]) == {("app/pump.py", 8, "ACK602")}
    files["app/main.py"] = '''
        import asyncio
        from app.outer import _outer


        def start(queue):
            return asyncio.ensure_future(_outer(queue))
    '''
    assert project_findings(tmp_path / "spawned", files, ["ACK602"]) == set()


def test_terms_settle_to_a_fixed_point():
    names = {
        "a.run": frozenset({(RELIED_TERM, "b._serve")}),  # relied on if _serve is
        "b._serve": frozenset({(RELIED_TERM, "c._outer")}),  # ... if _outer is
        "c._outer": True,  # awaited outright
        "d.loop": frozenset({(RELIED_TERM, "e.nobody")}),  # nobody relies on e.nobody
        "f.offered": frozenset({(UNUSED_TERM, ("f.offered",))}),  # offered while no module uses it otherwise
        "g.used": frozenset({(UNUSED_TERM, ("g.used",))}),
        USED + "g.used": True,
    }
    held = settled(names)
    assert {"a.run", "b._serve", "c._outer", "f.offered"} <= held
    assert not {"d.loop", "g.used"} & held


def test_two_modules_terms_for_one_name_are_alternatives():
    into = {"x.f": frozenset({(RELIED_TERM, "y.g")})}
    merge(into, {"x.f": frozenset({(RELIED_TERM, "z.h")})})
    assert into["x.f"] == frozenset({(RELIED_TERM, "y.g"), (RELIED_TERM, "z.h")})
    merge(into, {"x.f": True})
    assert into["x.f"] is True
    merge(into, {"x.f": frozenset({(RELIED_TERM, "w")})})
    assert into["x.f"] is True  # (one module relying outright is enough)
    assert either(NO, NO) == NO and either(NO, True) is True


def test_terms_are_asked_in_a_fixed_order_until_one_holds():
    asked = []

    def relied(name):
        asked.append(name)
        return name == "b"

    reliance = frozenset({(RELIED_TERM, "c"), (RELIED_TERM, "b"), (RELIED_TERM, "a")})
    assert holds(reliance, relied, lambda name: False)
    assert asked == ["a", "b"]
    assert not holds(NO, relied, lambda name: False)
