"""`/health/` for the load balancer: django-health-check's probes, 503 when one fails.

Database, cache and file storage are the library's own checks; the task
backend's is Accord's, since it depends on which backend runs the queue.
The page is never cached and needs no login.
"""

import dataclasses

from django.conf import settings
from django.db import DatabaseError, connection
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class TaskBackend(HealthCheck):
    """The task queue answers: Redis (RQ) when REDIS_URL is set, else the database's task table."""

    def run(self) -> None:
        backend = settings.TASKS["default"]["BACKEND"]
        if backend == "django_tasks_rq.RQBackend":
            import django_rq
            from redis.exceptions import RedisError

            try:
                django_rq.get_connection("default").ping()
            except RedisError as exc:
                raise ServiceUnavailable("Redis does not answer") from exc
        elif backend == "django_tasks_db.DatabaseBackend":
            from django_tasks_db.models import DBTaskResult

            try:
                # The check runs in a thread of its own: no connection left open behind it.
                with connection.temporary_connection():
                    DBTaskResult.objects.only("pk").first()
            except DatabaseError as exc:
                raise ServiceUnavailable("The task table cannot be read") from exc
        else:
            raise ServiceUnavailable(f"Unknown task backend {backend}")


class HealthView(HealthCheckView):
    """The checks a load balancer needs; 503 (not the library's 500) when any fails."""

    checks = (
        "health_check.checks.Database",
        "health_check.checks.Cache",
        "health_check.checks.Storage",
        TaskBackend,
    )

    async def get(self, request, *args, **kwargs):
        response = await super().get(request, *args, **kwargs)
        if response.status_code == 500:
            response.status_code = 503
        return response
