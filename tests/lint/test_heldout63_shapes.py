"""Shapes measured on held-out robotics, gateway, media and desktop code (heldout63).

ROS callbacks: rclpy calls a node's subscription, timer and service callbacks on the thread that spins its
executor, rospy on threads of its own; asyncio objects touched there are ACK401/ACK402. Look-alikes: a hand-back
through `call_soon_threadsafe`, a callback that is a coroutine function (rclpy runs it as its own task), a module
that spins the node from a coroutine (`spin_once` between awaits: the loop's thread), a project's own class with a
method of the same name."""
from __future__ import annotations

from .helpers import check_marked


def test_rclpy_callbacks_run_on_the_executors_thread():
    check_marked('''
        import asyncio

        from rclpy.node import Node
        from std_msgs.msg import String


        class Relay(Node):
            def __init__(self, inbox: asyncio.Queue, loop: asyncio.AbstractEventLoop, planner):
                super().__init__("relay")
                self.inbox, self.loop, self.planner = inbox, loop, planner
                self.arrived = asyncio.Event()
                self.create_subscription(String, "/in", self.on_msg, 10)
                self.create_subscription(String, "/safe", self.on_safe, 10)
                self.create_subscription(String, "/arrived", callback=self.on_arrived, qos_profile=10)
                self.create_timer(0.5, self.tick)
                self.create_subscription(String, "/coro", self.on_coro, 10)

            def on_msg(self, msg):
                self.inbox.put_nowait(msg.data)  # ACK401

            def on_safe(self, msg):
                self.loop.call_soon_threadsafe(self.inbox.put_nowait, msg.data)

            def on_arrived(self, msg):
                self.arrived.set()  # ACK401

            def tick(self):
                self.loop.create_task(self.planner.replan())  # ACK402

            async def on_coro(self, msg):
                self.arrived.set()


        def attach(node: Node, done: asyncio.Event) -> None:
            def on_done(msg):
                done.set()  # ACK401

            node.create_service(String, "/done", on_done)
    ''', ["ACK401", "ACK402", "ACK302"])


def test_rospy_subscriber_callbacks_run_on_rospys_threads():
    check_marked('''
        import asyncio

        import rospy
        from std_msgs.msg import String


        def listen(stop: asyncio.Event, loop: asyncio.AbstractEventLoop) -> None:
            def on_stop(msg):
                stop.set()  # ACK401

            def on_stop_safe(msg):
                loop.call_soon_threadsafe(stop.set)

            rospy.Subscriber("/stop", String, on_stop)
            rospy.Subscriber("/stop2", String, on_stop_safe)
    ''', ["ACK401"])


def test_a_node_spun_from_a_coroutine_calls_back_on_the_loops_thread():
    check_marked('''
        import asyncio

        import rclpy
        from rclpy.node import Node
        from std_msgs.msg import String


        class Listener(Node):
            def __init__(self, inbox: asyncio.Queue):
                super().__init__("listener")
                self.inbox = inbox
                self.create_subscription(String, "/in", self.on_msg, 10)

            def on_msg(self, msg):
                self.inbox.put_nowait(msg.data)


        async def spin(node: Node) -> None:
            while rclpy.ok():
                rclpy.spin_once(node, timeout_sec=0)
                await asyncio.sleep(0.01)
    ''', ["ACK401"])


def test_a_projects_own_create_subscription_is_not_rclpys():
    check_marked('''
        import asyncio


        class Bus:
            def __init__(self):
                self.handlers = {}

            def create_subscription(self, kind, topic, callback, depth):
                self.handlers[topic] = callback


        class Consumer:
            def __init__(self, bus: Bus, inbox: asyncio.Queue):
                self.inbox = inbox
                bus.create_subscription(str, "/in", self.on_msg, 10)

            def on_msg(self, msg):
                self.inbox.put_nowait(msg)
    ''', ["ACK401"])
