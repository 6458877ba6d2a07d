"""False-alarm shapes found by linting real async applications (realcode48: airflow, dask distributed, fastmcp,
flet, livekit-agents, pipecat, reflex, streamlit, ...): each look-alike must stay clean, beside the close case it
must still flag."""
from tests.lint.helpers import check_marked, project_findings


def test_workflow_task_decorator_makes_a_task_factory_not_a_coroutine_function():
    # Airflow 3 runs `@task async def` bodies on the worker's loop; calling the decorated function inside a DAG
    # definition only adds the task to the graph. The same call of a plain or unknown-decorated `async def` drops
    # its coroutine and still flags.
    check_marked(
        """
        from airflow.sdk import DAG, task, dag
        import somelib


        with DAG(dag_id="pages") as graph:

            @task(retries=2)
            async def fetch_all(ti=None):
                return 1

            @task.branch
            async def pick():
                return "a"

            @somelib.retry(3)
            async def wrapped():
                return 2

            fetch_all()
            pick()
            wrapped()  # ACK301


        @dag(schedule=None)
        async def nightly():
            fetch_all()


        async def plain():
            return 3

        nightly()
        plain()  # ACK301
        """,
        ["ACK301", "ACK301"],
    )


def test_workflow_task_decorator_inside_the_framework_own_tree(tmp_path):
    # Airflow's example DAGs sit inside the `airflow` package itself, so `airflow.sdk.task` is a name of the
    # project being linted, whether or not its definition is among the files; the library table still decides.
    # A decorator the project really defines elsewhere and that keeps the coroutine still flags.
    found = project_findings(tmp_path, {
        "airflow/__init__.py": "",
        "airflow/tools.py": """
            def traced(f):
                return f
            """,
        "airflow/example_dags/pages.py": """
            from airflow.sdk import DAG, task
            from airflow.tools import traced

            with DAG(dag_id="pages") as graph:

                @task(retries=2)
                async def fetch_all(ti=None):
                    return 1

                @traced
                async def lost():
                    return 2

                fetch_all()
                lost()
            """,
    }, ["ACK301"])
    assert found == {("airflow/example_dags/pages.py", 15, "ACK301")}


def test_local_queue_filled_by_an_awaited_helper_then_read_is_one_batch():
    # dask's `_first_completed`: a local queue handed to a helper that puts each finished item in a loop, the helper
    # awaited to its end, and only then `await q.get()`: the queue holds that one batch, and a maxsize would leave
    # the helper waiting forever on its own put. Started as a task beside the reader, or filled by a helper that
    # the caller does not wait for, the same helper races the reader and is still judged.
    check_marked(
        """
        import asyncio


        async def _fill(waiter, queue):
            while not waiter.done():
                item = await waiter.next()
                queue.put_nowait(item)


        def _fill_now(source, queue):
            while source.more():
                queue.put_nowait(source.next())


        async def first_done(items):
            queue = asyncio.Queue()
            await _fill(items, queue)
            return await queue.get()


        async def first_of(items):
            queue = asyncio.Queue()
            _fill_now(items, queue)
            return queue.get_nowait()


        async def stream(items):
            queue = asyncio.Queue()  # ACK501
            task = asyncio.create_task(_fill(items, queue))
            while True:
                yield await queue.get()


        async def _drain(queue):
            while True:
                print(await queue.get())


        async def pumped(items):
            queue = asyncio.Queue()  # ACK501
            reader = asyncio.create_task(_drain(queue))
            await _fill(items, queue)
            return queue.get_nowait()
        """,
        ["ACK501"],
    )
