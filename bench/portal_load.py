"""Load test of the public pages: gunicorn on the bench database, 50 locust visitors, p95 ≤ 150 ms.

    python bench/portal_load.py                    # Redis when it answers, else local memory
    python bench/portal_load.py --cache both       # one run with Redis, one without
    python bench/portal_load.py --users 50 --run-time 60 --p95 150

Builds or reuses the database of bench/portal_data.py (PostgreSQL; skipped
with a message, exit 0, when there is none), runs `collectstatic` and starts
gunicorn with the production configuration (accord/gunicorn_conf.py, as
`accord serve` does) on 127.0.0.1 (2 × cores + 1 sync workers, DEBUG off, no
TLS redirect, hashed and compressed static files, JSON logs to a file) with `REDIS_URL=redis://127.0.0.1:6379/<db>` when Redis
answers, local memory otherwise, and runs locust headless against the
public pages (bench/locustfile.py) with addresses drawn from the database:
hundreds of states, bodies, people, meetings, documents and news items.
Meanwhile a writer in this process renames a state through the ORM every
few seconds and checks that the very next request for its page shows the
new name (the invalidation works across processes); the names are put back
at the end. Prints p50/p95/p99 and counts per page and overall, and exits 1
when the overall p95 exceeds the target or an invalidation check failed.
Everything listens on the loopback only; gunicorn is stopped in all cases.
"""

import argparse
import csv
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path[:0] = [str(ROOT / "bench")]

from portal_data import SKIPPED, database_url  # noqa: E402

HOST = "127.0.0.1"


def redis_answers(port: int = 6379) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def fetch(url: str, language: str = "ru", timeout: float = 10) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Accept-Language": language})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


# ---- what the visitors read ---------------------------------------------------


def url_pool() -> dict[str, dict]:
    """Page name → weight and addresses, public rows only, through the portal's addresses when it has them."""
    from django.contrib.auth.models import AnonymousUser
    from django.urls import NoReverseMatch, reverse

    from accord.documents.models import Document
    from accord.meetings.models import Meeting
    from accord.registry.models import Organization, Person, State

    anonymous = AnonymousUser()
    pool: dict[str, dict] = {}

    def add(name: str, weight: int, urls: list[str]) -> None:
        if urls:
            pool[name] = {"weight": weight, "urls": urls}

    def named(name: str, **kwargs) -> str | None:
        try:
            return reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            return None

    try:
        from accord.portal import addresses
    except ImportError:
        addresses = None

    add("home", 10, ["/"])
    states = list(State.objects.visible_to(anonymous).order_by("iso3"))
    if addresses and named("portal:state_list"):
        add("states", 4, [named("portal:state_list")])
        add("state profile", 8, [addresses.state_url(s) for s in states])
    else:
        add("states", 4, [reverse("registry:state_list")])
        add("state profile", 8, [s.get_absolute_url() for s in states])
    bodies = list(Organization.objects.visible_to(anonymous).filter(kind="body").order_by("pk"))
    if addresses and named("portal:body_list"):
        add("bodies", 3, [named("portal:body_list")])
        add("body profile", 6, [addresses.body_url(b) for b in bodies])
    people = list(
        Person.objects.visible_to(anonymous).filter(posts__isnull=False).distinct().order_by("?")[:1500]
    )
    if addresses and named("portal:person_detail", pk=1, slug="x"):
        try:
            from accord.portal.profiles import public_people

            people = list(public_people(anonymous).order_by("?")[:1500])
        except ImportError:
            pass
        add("person", 6, [addresses.person_url(p) for p in people])
    else:
        add("person", 6, [p.get_absolute_url() for p in people])
    calendar = named("portal:calendar")
    if calendar:
        years = sorted({d.year for d in Meeting.objects.visible_to(anonymous).dates("start_on", "year")})
        keys = [addresses.body_key(b) for b in bodies[:40]] if addresses else []
        add(
            "calendar",
            5,
            [calendar] + [f"{calendar}?year={y}" for y in years] + [f"{calendar}?body={k}" for k in keys],
        )
    else:
        add("calendar", 5, [reverse("meetings:meeting_list")])
    meetings = Meeting.objects.visible_to(anonymous).order_by("?").values_list("pk", flat=True)[:3000]
    add("meeting", 6, [reverse("meetings:meeting_detail", kwargs={"pk": pk}) for pk in meetings])
    documents = Document.objects.visible_to(anonymous).order_by("?").values_list("pk", flat=True)[:5000]
    add("document", 8, [reverse("documents:document_detail", kwargs={"pk": pk}) for pk in documents])
    news_list = named("news:news_list")
    if news_list:
        add("news list", 5, [news_list] + [f"{news_list}?page={n}" for n in range(2, 11)])
        try:
            from accord.news.models import NewsItem

            slugs = NewsItem.objects.visible_to(anonymous).order_by("?").values_list("slug", flat=True)[:1500]
            add("news item", 8, [reverse("news:news_detail", kwargs={"slug": s}) for s in slugs])
        except ImportError:
            pass
    opendata = named("portal:opendata") or ("/open-data/" if named("portal:home") else None)
    if opendata:
        add("open data", 2, [opendata])
    return pool


def check_pool(base: str, pool: dict[str, dict]) -> dict[str, dict]:
    """Keep the pages that answer 200 (the portal lands page by page); say which are left out."""
    kept = {}
    for name, page in pool.items():
        statuses = [fetch(base + url)[0] for url in page["urls"][:3]]
        if all(status == 200 for status in statuses):
            kept[name] = page
        else:
            print(f"  left out: {name} ({page['urls'][0]} answers {statuses})")
    return kept


def warm_up(base: str, pool: dict[str, dict], workers: int) -> None:
    """Every worker renders every kind of page once or twice (imports, compiled templates), as a running site's have."""
    from concurrent.futures import ThreadPoolExecutor

    urls = [base + url for page in pool.values() for url in page["urls"][:2]] * workers
    with ThreadPoolExecutor(max_workers=workers) as executor:
        list(executor.map(fetch, urls))


# ---- invalidation while the visitors read --------------------------------------


class Writer(threading.Thread):
    """Renames a state every `every` seconds through the ORM; the next request for its page must show it."""

    def __init__(self, base: str, every: float):
        super().__init__(daemon=True)
        self.base, self.every = base, every
        self.stop = threading.Event()
        self.checks: list[tuple[bool, float]] = []
        self.originals: dict[int, tuple[str, str]] = {}

    def run(self) -> None:
        from django.contrib.auth.models import AnonymousUser
        from django.db import connection

        from accord.registry.models import State

        try:
            from accord.portal.addresses import state_url
        except ImportError:
            state_url = State.get_absolute_url
        states = list(State.objects.visible_to(AnonymousUser()).order_by("iso3")[:20])
        n = 0
        try:
            while not self.stop.wait(self.every):
                state = states[n % len(states)]
                self.originals.setdefault(state.pk, (state.name_ru, state.name_en))
                n += 1
                state.name_ru = f"{self.originals[state.pk][0]} (правка {n})"
                state.name_en = f"{self.originals[state.pk][1]} (edit {n})"
                state.save()
                start = time.perf_counter()
                status, body = fetch(self.base + state_url(state))
                self.checks.append(
                    (status == 200 and state.name_ru in body, (time.perf_counter() - start) * 1000)
                )
        finally:
            self.restore()
            connection.close()

    def restore(self) -> None:
        from accord.registry.models import State

        for pk, (name_ru, name_en) in self.originals.items():
            State.objects.filter(pk=pk).update(name_ru=name_ru, name_en=name_en)
        self.originals.clear()
        from accord.core.cache import bump_generation

        bump_generation()


# ---- one run -------------------------------------------------------------------


def start_gunicorn(env: dict, port: int, workers: int, log: Path) -> subprocess.Popen:
    """gunicorn as production runs it: accord/gunicorn_conf.py, settings from the environment."""
    command = [str(BIN / "gunicorn"), "--config", str(ROOT / "accord" / "gunicorn_conf.py")]
    server_env = {
        **env,
        "GUNICORN_BIND": f"{HOST}:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_LOG_LEVEL": "warning",
    }
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=server_env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def collect_static(env: dict) -> None:
    """Hashed, compressed static files in this run's var folder, as a deploy writes them."""
    subprocess.run(
        [sys.executable, "-m", "accord.cli", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_until_up(base: str, process: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit {process.returncode}):\n{log.read_text()[-3000:]}")
        try:
            if fetch(base + "/", timeout=5)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {base}/ within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def _cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time of these processes so far (Linux /proc), 0 where unreadable."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _machine_busy_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot: how much the others took."""
    try:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return 0.0, 0.0
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    tick = os.sysconf("SC_CLK_TCK")
    return (sum(values) - idle) / tick, sum(values) / tick


def _workers(server: subprocess.Popen) -> list[int]:
    try:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    except OSError:
        return []
    return [int(pid) for pid in children]


def read_stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def report(rows: list[dict], run_time: float) -> float:
    """Prints the table; returns the overall p95 in ms."""
    print(
        f"  {'page':<16} {'requests':>8} {'fail':>5} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6} {'max':>6}  ms"
    )
    overall = 0.0
    for row in sorted(rows, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        name = "overall" if row["Name"] == "Aggregated" else row["Name"]
        print(
            f"  {name:<16} {int(row['Request Count']):>8} {int(row['Failure Count']):>5} "
            f"{float(row['Requests/s']):>7.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6} "
            f"{float(row['Max Response Time']):>6.0f}"
        )
        if row["Name"] == "Aggregated":
            overall = float(row["95%"])
    return overall


def one_run(args, cache: str) -> bool:
    """Set up Django for this process like the server, run the load, report; True when within target."""
    workdir = Path(tempfile.mkdtemp(prefix="accord-portal-load-"))
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "accord.settings",
        "ACCORD_DEBUG": "0",
        "ACCORD_TLS": "0",
        "ALLOWED_HOSTS": HOST,
        "ACCORD_VAR_DIR": str(workdir / "var"),
        "SECRET_KEY": os.urandom(24).hex(),
    }
    env.pop("REDIS_URL", None)
    if cache == "redis":
        env["REDIS_URL"] = f"redis://{HOST}:6379/{args.redis_db}"
    os.environ.update(env)
    if cache != "redis":
        os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.cache import cache as django_cache

    from accord.core.cache import bump_generation

    label = f"Redis db {args.redis_db}" if cache == "redis" else "local memory in each worker (no Redis)"
    print(
        f"\nportal load: {args.users} users, {args.run_time:.0f} s, {args.workers} gunicorn workers, cache: {label}"
    )
    if cache == "redis":
        _delete_page_keys(django_cache)
    bump_generation()
    pool = url_pool()
    port = free_port()
    base = f"http://{HOST}:{port}"
    log = workdir / "gunicorn.log"
    collect_static(env)
    server = start_gunicorn(env, port, args.workers, log)
    writer = None
    try:
        wait_until_up(base, server, log)
        pool = check_pool(base, pool)
        warm_up(base, pool, args.workers)
        urls = workdir / "urls.json"
        urls.write_text(json.dumps(pool, ensure_ascii=False))
        print("  pages: " + ", ".join(f"{name} ({len(page['urls'])})" for name, page in pool.items()))
        print(f"  load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        writer = Writer(base, args.write_every) if args.write_every > 0 else None
        if writer:
            writer.start()
        prefix = workdir / "locust"
        locust = [
            str(BIN / "locust"),
            "-f", str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "-u", str(args.users),
            "-r", str(args.spawn_rate),
            "--run-time", f"{args.run_time:.0f}s",
            "--host", base,
            "--csv", str(prefix),
            "--only-summary",
            "--stop-timeout", "5",
            "--loglevel", "ERROR",
        ]  # fmt: skip
        locust_env = {**env, "ACCORD_BENCH_URLS": str(urls)}
        locust_env.pop("DJANGO_SETTINGS_MODULE")
        hits = _redis_hits(django_cache) if cache == "redis" else None
        workers = _workers(server)
        cpu_before, machine_before = _cpu_seconds(workers), _machine_busy_seconds()
        with (workdir / "locust.log").open("w") as locust_log:
            subprocess.run(
                locust,
                cwd=ROOT,
                env=locust_env,
                timeout=args.run_time + 120,
                stdout=locust_log,
                stderr=subprocess.STDOUT,
                check=False,
            )
        cpu = _cpu_seconds(workers) - cpu_before
        machine = [
            after - before for after, before in zip(_machine_busy_seconds(), machine_before, strict=True)
        ]
        if hits is not None:
            after = _redis_hits(django_cache)
            hits = (after[0] - hits[0], after[1] - hits[1])
        if writer:
            writer.stop.set()
            writer.join(timeout=30)
        print(f"  load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        rows = read_stats(prefix)
        p95 = report(rows, args.run_time)
        served = sum(int(r["Request Count"]) for r in rows if r["Name"] == "Aggregated")
        if machine[1]:
            print(
                f"  CPU: gunicorn workers {cpu:.1f} s = {1000 * cpu / max(1, served):.1f} ms per request; "
                f"the machine was {100 * machine[0] / machine[1]:.0f}% busy ({machine[0]:.0f} of "
                f"{machine[1]:.0f} core-seconds, {machine[0] - cpu:.0f} s not gunicorn's: locust, "
                "PostgreSQL, Redis and whatever else runs here)"
            )
        if hits is not None:
            # Every request reads the generation (a hit) and then its page (a hit or a miss).
            pages = hits[0] - served + hits[1]
            print(
                f"  page cache: {hits[0] - served} hits, {hits[1]} misses ({100 * (hits[0] - served) / max(1, pages):.0f}% hits)"
            )
    finally:
        if writer and writer.is_alive():
            writer.stop.set()
            writer.join(timeout=30)
        stop(server)
        if cache == "redis":
            _delete_page_keys(django_cache)
        shutil.rmtree(workdir, ignore_errors=True)
    ok = p95 <= args.p95
    print(f"  overall p95 {p95:.0f} ms: {'within' if ok else 'OVER'} the {args.p95:.0f} ms target")
    if writer:
        passed = sum(1 for good, _ms in writer.checks if good)
        print(
            f"  invalidation: {passed}/{len(writer.checks)} renames of a state shown by the very next request"
        )
        ok = ok and passed == len(writer.checks)
    return ok


def profile(args) -> int:
    """Page-cache misses: per page kind, the median time (wall and this process's CPU), the query count, the slowest queries.

    Every request misses the page cache, as most requests for one of thousands
    of meetings or documents do under load, while the parts that many addresses
    share (`shared_fragment`) are kept as a running site keeps them. The CPU
    time of this process (rendering, not PostgreSQL's) is the steadier figure
    on a machine others are using.
    """
    import atexit
    import itertools

    var_dir = tempfile.mkdtemp(prefix="accord-portal-profile-")
    atexit.register(shutil.rmtree, var_dir, ignore_errors=True)
    os.environ.update(
        DATABASE_URL=database_url(),
        DJANGO_SETTINGS_MODULE="accord.settings",
        ALLOWED_HOSTS=f"{HOST},testserver",
        ACCORD_VAR_DIR=var_dir,
        ACCORD_STATIC_MANIFEST="0",
        # As the load run serves them: plain HTTP on the loopback (with TLS on, every
        # page would answer 301 to https and the profile would time the redirect),
        # without one log line per request on the terminal.
        ACCORD_DEBUG="0",
        ACCORD_TLS="0",
        ACCORD_REQUEST_LOG="0",
    )
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import statistics

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from accord.core import cache as page_cache

    client = Client()
    local = {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"profile-{alias}"}
        for alias in ("default", "generation")
    }
    # Each request's page under a key of its own: never served from the cache.
    page_key, serial = page_cache.page_key, itertools.count()
    page_cache.page_key = lambda request, token=None: f"{page_key(request, token)}:{next(serial)}"
    with override_settings(CACHES=local):
        pool = url_pool()
        print(f"page-cache misses, {args.profile} addresses per page, test client in one process:")
        for name, page in pool.items():
            client.get(page["urls"][0])  # imports, template loading, shared parts
            times, cpu, slowest, counts, statuses = [], [], [], [], set()
            for url in page["urls"][: args.profile]:
                with CaptureQueriesContext(connection) as queries:
                    start, start_cpu = time.perf_counter(), time.process_time()
                    response = client.get(url)
                    times.append((time.perf_counter() - start) * 1000)
                    cpu.append((time.process_time() - start_cpu) * 1000)
                statuses.add(response.status_code)
                counts.append(len(queries.captured_queries))
                slowest += [(float(q["time"]) * 1000, q["sql"]) for q in queries.captured_queries]
            slowest.sort(reverse=True)
            print(
                f"  {name:<16} median {statistics.median(times):6.1f} ms  cpu {statistics.median(cpu):6.1f} ms  "
                f"max {max(times):6.1f} ms  queries {min(counts)}–{max(counts)}  status {sorted(statuses)}"
            )
            for ms, sql in slowest[: args.slow_queries]:
                print(f"      {ms:6.1f} ms  {sql[:600]}")
    page_cache.page_key = page_key
    return 0


def _redis_hits(cache) -> tuple[int, int]:
    stats = cache._cache.get_client().info("stats")
    return stats["keyspace_hits"], stats["keyspace_misses"]


def _delete_page_keys(cache) -> None:
    """Only Accord's keys of the bench's Redis database, never a FLUSHDB.

    The cached pages, and the RQ jobs the writer's changes queued (open data
    is rebuilt after a change) for a worker the bench does not run.
    """
    client = cache._cache.get_client(write=True)
    keys = [*client.scan_iter(match="*accord:*", count=1000), *client.scan_iter(match="rq:*", count=1000)]
    for start in range(0, len(keys), 1000):
        client.delete(*keys[start : start + 1000])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cache", choices=["auto", "redis", "locmem", "both"], default="auto")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=int, default=10)
    parser.add_argument("--run-time", type=float, default=60, help="seconds")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--p95", type=float, default=150, help="target overall p95 in ms")
    parser.add_argument("--write-every", type=float, default=15, help="seconds between renames (0: none)")
    parser.add_argument("--redis-db", type=int, default=9)
    parser.add_argument("--no-build", action="store_true", help="do not run portal_data.py first")
    parser.add_argument("--profile", type=int, metavar="N", help="no load: time N page-cache misses per page")
    parser.add_argument("--slow-queries", type=int, default=2, help="with --profile: queries shown per page")
    parser.add_argument("--single", choices=["redis", "locmem"], help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.profile:
        return profile(args)
    if args.single:
        return 0 if one_run(args, args.single) else 1
    if not args.no_build:
        built = subprocess.run([sys.executable, str(ROOT / "bench" / "portal_data.py")], check=False)
        if built.returncode == SKIPPED:
            print("portal load: skipped (no PostgreSQL)")
            return 0
        if built.returncode:
            return built.returncode
    redis = redis_answers()
    if args.cache == "auto":
        modes = ["redis" if redis else "locmem"]
        if not redis:
            print(
                "portal load: Redis does not answer at 127.0.0.1:6379; pages are cached in each worker's memory"
            )
    elif args.cache == "both":
        modes = ["redis", "locmem"] if redis else ["locmem"]
    else:
        modes = [args.cache]
    # One process per mode: Django's settings (the cache) are fixed at startup.
    me = [sys.executable, __file__] + [a for a in sys.argv[1:] if a not in ("--no-build",)]
    results = [
        subprocess.run([*me, "--single", mode, "--no-build"], check=False).returncode for mode in modes
    ]
    return 1 if any(results) else 0


if __name__ == "__main__":
    sys.exit(main())
