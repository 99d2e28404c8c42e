"""Keeping to a channel's rate, with a few sends in flight at once.

Each message costs a provider call and two committed writes (claim, outcome); on PostgreSQL
with fsync a commit takes ~4 ms here, so one sender tops out near 50 messages a second. The
senders overlap messages; the shared pacer still spaces their starts 1/rate apart.
"""

import logging
import queue
import threading
import time

from django.db import connections

logger = logging.getLogger(__name__)


class Pacer:
    """Hands out send slots 1/rate apart. After a stall it resumes at the rate; it never bursts
    to catch up by more than `slack` seconds (a provider counts per second, too)."""

    def __init__(self, rate: float, sleep=time.sleep, clock=time.monotonic, slack: float = 0.1):
        self.interval = 1 / rate if rate > 0 else 0.0
        self.sleep, self.clock, self.slack = sleep, clock, slack
        self.lock = threading.Lock()
        self.next = clock()

    def wait(self) -> None:
        with self.lock:
            now = self.clock()
            if now - self.next > self.slack:
                self.next = now
            slot = self.next
            self.next += self.interval
        if slot > now:
            self.sleep(slot - now)

    def hold(self, seconds: float) -> None:
        """Back off (the provider said "slow down")."""
        with self.lock:
            self.next = max(self.next, self.clock()) + seconds


class SenderPool:
    """Runs `work(item)` on `size` threads (inline when 1); each thread has its own database
    connection, closed when the pool closes."""

    def __init__(self, size: int):
        self.size = max(size, 1)
        self.items: queue.Queue = queue.Queue()
        self.threads: list[threading.Thread] = []
        if self.size > 1:
            for number in range(self.size):
                thread = threading.Thread(target=self._loop, name=f"sender-{number}", daemon=True)
                thread.start()
                self.threads.append(thread)

    def _loop(self) -> None:
        try:
            while True:
                job = self.items.get()
                try:
                    if job is None:
                        return
                    work, item = job
                    work(item)
                except Exception:
                    logger.exception("a send failed unexpectedly")
                finally:
                    self.items.task_done()
        finally:
            connections.close_all()

    def map(self, work, items) -> None:
        """Run `work` for every item and wait for all of them."""
        if not self.threads:
            for item in items:
                work(item)
            return
        for item in items:
            self.items.put((work, item))
        self.items.join()

    def close(self) -> None:
        for _thread in self.threads:
            self.items.put(None)
        for thread in self.threads:
            thread.join(timeout=30)
        self.threads = []
