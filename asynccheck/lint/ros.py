"""What the linter knows about ROS client libraries (rclpy for ROS 2, rospy for ROS 1), for robot nodes bridged
to asyncio.

A node's subscription, timer and service callbacks are called by the executor that spins the node, on whichever
thread spins it: `rclpy.spin(node)` in a thread of its own (`Thread(target=executor.spin)`), or the main thread
while the asyncio loop runs in another. rospy calls them on threads of its own, one per subscription. Either way
not the loop's thread, unless this module spins the node from a coroutine (`rclpy.spin_once(node, timeout_sec=0)`
between awaits): then its callbacks run on the loop's thread. (A callback that is itself a coroutine function is
run by rclpy's executor as its own task and is not ours to judge.) knowledge.py merges these tables into its own.
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

NODE = "rclpy.node.Node"
EXECUTORS = ("rclpy.executors.Executor", "rclpy.executors.SingleThreadedExecutor",
             "rclpy.executors.MultiThreadedExecutor")

# (position, keyword) of the callback each registration is handed
THREAD_ENTRY: Dict[str, Tuple[int, str]] = {
    f"{NODE}.create_subscription": (2, "callback"),
    f"{NODE}.create_timer": (1, "callback"),
    f"{NODE}.create_wall_timer": (1, "callback"),
    f"{NODE}.create_service": (2, "callback"),
    f"{NODE}.create_guard_condition": (0, "callback"),
    f"{NODE}.add_on_set_parameters_callback": (0, "callback"),
    "rclpy.action.ActionServer": (3, "execute_callback"),
    "rclpy.action.server.ActionServer": (3, "execute_callback"),
    "rospy.Subscriber": (2, "callback"),
    "rospy.Timer": (1, "callback"),
    "rospy.Service": (2, "handler"),
    "rospy.topics.Subscriber": (2, "callback"),
    "rospy.timer.Timer": (1, "callback"),
}
# rclpy's executor runs a callback that is a coroutine function as a task of its own (rospy calls them plainly)
RUNS_COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset(name for name in THREAD_ENTRY if name.startswith("rclpy."))
_RCLPY_WHERE = "the thread that spins the ROS node's executor (an rclpy callback)"
THREAD_ENTRY_WHERE: Dict[str, str] = {
    name: ("a rospy callback thread" if name.startswith("rospy.") else _RCLPY_WHERE) for name in THREAD_ENTRY
}
# The calls that run a node's callbacks in the calling thread: made from a coroutine, that thread is the loop's.
SPINS: FrozenSet[str] = frozenset({
    "rclpy.spin_once", "rclpy.spin_until_future_complete",
    *(f"{kind}.{m}" for kind in EXECUTORS for m in ("spin_once", "spin_until_future_complete")),
})
