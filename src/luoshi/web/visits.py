"""Who counts as a reader of a page (浏览次数): not a bot, and not the same reader again soon."""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict

# User agents of crawlers, link checkers and scripts; they read pages but are not readers.
BOT = re.compile(
    r"bot|crawl|spider|slurp|scrape|fetch|monitor|preview|headless|curl|wget|httpx|"
    r"python-requests|aiohttp|go-http-client|java/|libwww|okhttp|wrk|ab/|check",
    re.IGNORECASE,
)
# A reader who opens the same page again within this many seconds is counted once.
REPEAT_SECONDS = 30 * 60
REMEMBERED = 100_000


class Visits:
    """Decides, per worker process, whether a page view is a new reading of a report."""

    def __init__(self, repeat_seconds: float = REPEAT_SECONDS, size: int = REMEMBERED) -> None:
        self._seen: OrderedDict[tuple[str, str, int], float] = OrderedDict()
        self._lock = threading.Lock()
        self._repeat = repeat_seconds
        self._size = size

    def counts(self, client: str, user_agent: str, report_id: int) -> bool:
        """Whether this view counts: a person's browser, not seen on this page lately."""
        if not user_agent or BOT.search(user_agent):
            return False
        key = (client, user_agent, report_id)
        now = time.monotonic()
        with self._lock:
            last = self._seen.get(key)
            if last is not None and now - last < self._repeat:
                return False
            self._seen[key] = now
            self._seen.move_to_end(key)
            while len(self._seen) > self._size:
                self._seen.popitem(last=False)
        return True
