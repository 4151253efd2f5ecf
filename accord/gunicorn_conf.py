"""gunicorn's configuration for Accord: `gunicorn -c accord/gunicorn_conf.py accord.wsgi` (or `accord serve`).

Everything comes from the environment (docs/deployment.md):

    GUNICORN_BIND              address to listen on (default 127.0.0.1:8000; a unix:/path socket works too)
    GUNICORN_WORKERS           worker processes (default 2 × cores + 1)
    GUNICORN_THREADS           threads per worker (default 1: sync workers)
    GUNICORN_TIMEOUT           seconds a request may take before its worker is replaced (default 60)
    GUNICORN_GRACEFUL_TIMEOUT  seconds running requests get to finish on stop or reload (default 30)
    GUNICORN_KEEPALIVE         seconds an idle keep-alive connection from the proxy stays open (default 5)
    GUNICORN_MAX_REQUESTS      a worker is replaced after this many requests, plus up to 10 % jitter (default 2000; 0: never)
    GUNICORN_ACCESS_LOG        1 (default) writes gunicorn's access log to stdout, 0 turns it off
    GUNICORN_LOG_LEVEL         gunicorn's own messages (default info)
    GUNICORN_FORWARDED_ALLOW_IPS  proxies whose X-Forwarded-* headers are trusted (default the loopback)
    GUNICORN_CONTROL_SOCKET    path of gunicorn's control socket for `gunicornc` (default: none)
    ACCORD_LOG_FORMAT          json (default without DEBUG) or text, for gunicorn's own lines as for Django's

Graceful reload: `kill -HUP <master pid>` (systemd: `systemctl reload accord-web`)
starts new workers with fresh code and stops the old ones once their requests
are done; SIGTERM stops gracefully. The application is not preloaded in the
master, so that a reload reads the new code.
"""

import multiprocessing
import os

from gunicorn import glogging


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


_debug = os.environ.get("ACCORD_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}
_format = os.environ.get("ACCORD_LOG_FORMAT") or ("text" if _debug else "json")

wsgi_app = "accord.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = _int("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1)
threads = _int("GUNICORN_THREADS", 1)
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
preload_app = False
# The reverse proxy on this machine sets X-Forwarded-Proto; trust it from the loopback only.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "accord-web"
# Signals (HUP, TERM) are the interface; a control socket only where one is asked for, as
# several gunicorns on one machine would otherwise share $HOME/.gunicorn/gunicorn.ctl.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET") or None
control_socket_disable = control_socket is None
# Workers' heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
_access = os.environ.get("GUNICORN_ACCESS_LOG", "1").strip().lower() not in {"0", "false", "no", "off"}


class JsonAccessLogger(glogging.Logger):
    """gunicorn's access log as python-json-logger fields instead of Apache's line.

    The request id is the one Django answered with (X-Request-ID), so this line
    and the application's lines of the same request share it.
    """

    def access(self, resp, req, environ, request_time) -> None:
        if not self.access_log_enabled:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        headers = dict((name.lower(), value) for name, value in (resp.headers or []))
        self.access_log.info(
            "%s %s %s",
            atoms["m"],
            atoms["U"],
            atoms["s"],
            extra={
                "remote_addr": atoms["h"],
                "method": atoms["m"],
                "path": atoms["U"],
                "query": atoms["q"],
                "status": int(atoms["s"]) if str(atoms["s"]).isdigit() else atoms["s"],
                "bytes": atoms["B"],
                "duration_ms": round(request_time.total_seconds() * 1000, 1),
                "user_agent": atoms["a"],
                "request_id": headers.get("x-request-id"),
            },
        )


if _format == "json":
    logger_class = JsonAccessLogger
    accesslog = None
    _json = {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
        "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
    }
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": _json},
        "handlers": {
            "error": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
            "access": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
        },
        "root": {"level": "WARNING", "handlers": ["error"]},
        "loggers": {
            "gunicorn.error": {"level": loglevel.upper(), "handlers": ["error"], "propagate": False},
            "gunicorn.access": {
                "level": "INFO" if _access else "WARNING",
                "handlers": ["access"],
                "propagate": False,
            },
        },
    }
else:
    accesslog = "-" if _access else None
