"""Anonymous visitors of the public pages, for `bench/portal_load.py` (locust).

The addresses come from the JSON file named by `ACCORD_BENCH_URLS`, which
portal_load.py writes from the bench database: many states, bodies, people,
meetings, documents and news items, read with Zipf popularity, so that the
cache holds many pages and misses are part of the run. Each request is reported under its page's name
(`state profile`, not one line per address). Without the file, the few
addresses every installation has are used.

    locust -f bench/locustfile.py --headless -u 50 -r 10 --run-time 60s --host http://127.0.0.1:8000
"""

import itertools
import json
import os
import random

from locust import HttpUser, between, task

FALLBACK = {"home": {"weight": 1, "urls": ["/"]}}


def _pages() -> dict[str, dict]:
    path = os.environ.get("ACCORD_BENCH_URLS")
    if not path:
        return FALLBACK
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


PAGES = _pages()
NAMES = list(PAGES)
WEIGHTS = [PAGES[name]["weight"] for name in NAMES]
# Within a kind of page, popularity follows Zipf's law (the k-th address is read
# 1/k as often as the first): a few states and meetings are read a lot, most
# rarely, as on a real site; the addresses' order was shuffled by portal_load.py.
ZIPF = {
    name: list(itertools.accumulate(1 / (k + 1) for k in range(len(PAGES[name]["urls"])))) for name in NAMES
}
LANGUAGES = ["ru"] * 4 + ["en"]  # Russian is the default; some visitors read English


class Visitor(HttpUser):
    """Reads a page, thinks for a moment, reads another; never signed in, so the cache may serve them."""

    wait_time = between(
        float(os.environ.get("ACCORD_BENCH_WAIT_MIN", "0.5")),
        float(os.environ.get("ACCORD_BENCH_WAIT_MAX", "2.5")),
    )

    def on_start(self) -> None:
        self.language = random.choice(LANGUAGES)

    @task
    def read_a_page(self) -> None:
        name = random.choices(NAMES, weights=WEIGHTS)[0]
        url = random.choices(PAGES[name]["urls"], cum_weights=ZIPF[name])[0]
        with self.client.get(
            url,
            name=name,
            headers={"Accept-Language": self.language},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"{url}: HTTP {response.status_code}")
