"""Shapes from the eleventh round on real projects (bench/real/real53-labels.tsv): each overclaimed shape beside the
true case next to it, which must still be found."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_cancellation_thrown_into_a_driven_generator_and_caught_back_is_not_this_tasks():
    # ray serve's streaming wrapper: closing early, it throws a CancelledError into the user's async generator so
    # that its cleanup runs, and catches the same CancelledError coming back out. An await of anything else in
    # the same try, or a generator thrown another error, still swallows the task's own cancellation.
    check_marked('''
        import asyncio
        import contextlib
        import inspect


        async def stream(call):
            gen = call()
            try:
                async for item in gen:
                    yield item
            finally:
                if inspect.isasyncgen(gen):
                    try:
                        await gen.athrow(asyncio.CancelledError())
                    except (StopAsyncIteration, asyncio.CancelledError):
                        pass


        async def stream_thrown_class(gen):
            try:
                async for item in gen:
                    yield item
            finally:
                with contextlib.suppress(StopAsyncIteration, asyncio.CancelledError):
                    await gen.athrow(asyncio.CancelledError)


        async def drain(gen, other):
            try:
                await gen.athrow(asyncio.CancelledError())
                await other.wait()
            except asyncio.CancelledError:  # ACK601
                pass
            return None


        async def thrown_other_error(gen):
            try:
                await gen.athrow(ValueError())
            except asyncio.CancelledError:  # ACK601
                pass
            return None
    ''', ["ACK601", "ACK602"])


def test_ensure_future_of_a_task_just_made_is_not_a_second_schedule_from_the_thread():
    # py-cord's voice socket reader thread: `asyncio.ensure_future(loop.create_task(cb(data)), loop=loop)`. Handed a
    # task, ensure_future hands the same task back; the unsafe call is the create_task inside, reported once. An
    # ensure_future handed a coroutine from the thread still schedules it, and the task touched there still counts.
    check_marked('''
        import asyncio
        import threading


        class Reader(threading.Thread):
            def __init__(self, loop, callbacks):
                super().__init__()
                self.loop = loop
                self.callbacks = callbacks
                self.tasks = set()

            def run(self):
                for cb in self.callbacks:
                    task = asyncio.ensure_future(
                        self.loop.create_task(cb()),  # ACK402
                        loop=self.loop,
                    )
                    self.tasks.add(task)
                    task.add_done_callback(self.tasks.discard)  # ACK401
                    asyncio.ensure_future(cb(), loop=self.loop)  # ACK402
    ''', ["ACK401", "ACK402"])


def test_wrapper_that_runs_the_coroutine_on_some_paths_makes_no_bare_coroutine():
    # ray serve's @_run_user_code hands the coroutine to run_coroutine_threadsafe (and returns the future) when user
    # code runs on a loop of its own, and returns the coroutine only otherwise; chromadb's async_to_sync returns it
    # on a running loop and runs it with run_until_complete otherwise. A call of either is a coroutine or not
    # depending on how it runs, so a bare call is not reported; a wrapper that only returns `f(...)` still keeps
    # the coroutine function what it was.
    check_marked('''
        import asyncio
        import functools


        def run_user_code(f):
            @functools.wraps(f)
            def wrapper(self, *args, **kwargs):
                coro = f(self, *args, **kwargs)
                if self.separate_thread:
                    fut = asyncio.run_coroutine_threadsafe(coro, self.user_loop)
                    if self.local:
                        return fut
                    return asyncio.wrap_future(fut)
                return coro
            return wrapper


        def async_to_sync(func):
            def sync_wrapper(*args, **kwargs):
                loop = asyncio.get_event_loop()
                if loop.is_running():
                    return func(*args, **kwargs)
                return loop.run_until_complete(func(*args, **kwargs))
            return sync_wrapper


        def traced(func):
            def wrapper(*args, **kwargs):
                print("calling", func)
                return func(*args, **kwargs)
            return wrapper


        class UserCode:
            @run_user_code
            async def initialize(self):
                return None

            @run_user_code
            async def reconfigure(self, config):
                return config

            @traced
            async def close(self):
                return None


        class Client:
            @async_to_sync
            async def cleanup(self):
                return None

            def __del__(self):
                self.cleanup()


        def make_local(code: UserCode):
            code.initialize().result()
            code.reconfigure({})
            code.close()  # ACK301


        async def serve(code: UserCode):
            await code.initialize()
            code.close()  # ACK301
    ''', ["ACK301"])


def test_ray_get_of_a_ref_asked_ready_without_waiting_returns_at_once(tmp_path):
    # ray serve's controller: `elif check_obj_ref_ready_nowait(self._health_check_ref): ray.get(...)`, the helper
    # being `ray.wait([ref], timeout=0)` in another module (also as an early return, `if not ...: return`). A get
    # of another ref than the one asked about, or of a ref never asked about, still waits.
    found = project_findings(tmp_path, {
        "serve/__init__.py": "",
        "serve/utils.py": '''
            import ray


            def check_obj_ref_ready_nowait(obj_ref):
                finished, _ = ray.wait([obj_ref], timeout=0)
                return len(finished) == 1
        ''',
        "serve/state.py": '''
            import ray

            from serve.utils import check_obj_ref_ready_nowait


            class Replica:
                def check_health(self):
                    if self._health_check_ref is None:
                        return None
                    elif check_obj_ref_ready_nowait(self._health_check_ref):
                        return ray.get(self._health_check_ref)
                    return None

                def reconcile(self):
                    if not check_obj_ref_ready_nowait(self.task.obj_ref):
                        return None
                    return ray.get(self.task.obj_ref)

                def some_finished(self, refs):
                    ray.wait(refs, timeout=0)
                    return ray.get(refs)

                def other(self, ref, other_ref):
                    if check_obj_ref_ready_nowait(other_ref):
                        return ray.get(ref)
                    return None


            async def control_loop(replica: Replica, ref, other):
                replica.check_health()
                replica.reconcile()
                replica.some_finished([ref])
                replica.other(ref, other)
                ray.get(ref)
        ''',
    }, ["ACK106"])
    assert found == {("serve/state.py", 32, "ACK106"), ("serve/state.py", 33, "ACK106"),
                     ("serve/state.py", 34, "ACK106")}


def test_inference_endpoint_handle_asks_the_hub_on_each_method():
    # llama-stack's TGI adapter: `endpoint = api.get_inference_endpoint(name)` then `endpoint.wait(timeout=60)`,
    # which polls the Hub, sleeping, until the endpoint is up (a miss). Its attributes are no calls, and a `wait`
    # of another object stays what that object is.
    check_marked('''
        import asyncio

        from huggingface_hub import HfApi, InferenceEndpoint


        class Adapter:
            async def initialize(self, config):
                api = HfApi(token=config.token)
                endpoint = api.get_inference_endpoint(config.name)  # ACK102
                endpoint.wait(timeout=60)  # ACK102
                ready = asyncio.Event()
                await ready.wait()
                return endpoint.url


        async def resume(endpoint: InferenceEndpoint):
            endpoint.resume()  # ACK102
            return endpoint.name, endpoint.status
    ''', ["ACK102", "ACK106"])
