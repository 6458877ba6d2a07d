"""Shapes the unseen set heldout59 (AI and data services: LLM agents, RAG pipelines, model serving, ETL, eval
harnesses) showed missed, each beside the look-alike that must stay quiet."""
from .helpers import check_marked, project_findings


def test_an_exception_only_formatted_by_another_modules_helper_is_still_swallowed(tmp_path):
    found = project_findings(tmp_path, {
        "svc/__init__.py": "",
        "svc/errors.py": '''
            import traceback

            def describe(stage, err):
                return f"{stage}: {type(err).__name__}: {err}"

            def keep(err):
                FAILURES.append(err)
                return str(err)

            def trace_of(err):
                return "".join(traceback.format_exception(err))

            FAILURES = []
        ''',
        "svc/worker.py": '''
            import asyncio
            from svc.errors import describe, keep, trace_of

            async def pump(jobs: asyncio.Queue, run, page) -> None:
                while True:
                    try:
                        await run(await jobs.get())
                    except BaseException as e:
                        await page(describe("pump", e))

            async def pump_kept(jobs: asyncio.Queue, run, page) -> None:
                while True:
                    try:
                        await run(await jobs.get())
                    except BaseException as e:
                        await page(keep(e))

            async def pump_traced(jobs: asyncio.Queue, run, page) -> None:
                while True:
                    try:
                        await run(await jobs.get())
                    except BaseException as e:
                        await page(trace_of(e))

            async def pump_errors(jobs: asyncio.Queue, run, page) -> None:
                while True:
                    try:
                        await run(await jobs.get())
                    except Exception as e:
                        await page(describe("pump", e))
        ''',
    }, ["ACK601", "ACK602"])
    # describe() only formats the exception; keep() stores it and trace_of() hands it to a library: not looked into
    assert found == {("svc/worker.py", 8, "ACK601")}
