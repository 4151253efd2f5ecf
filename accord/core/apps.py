from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "accord.core"
    label = "core"
    verbose_name = _("Core")
    periodic_tasks = {"recover-stale-work": ("accord.core.tasks.recover_stale_work_task", "*/5 * * * *")}

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from accord.core.cache import connect_invalidation
        from accord.core.collation import register_sqlite_collations
        from accord.core.security import connect_lockout_log

        connect_invalidation()
        connect_lockout_log()
        connection_created.connect(register_sqlite_collations, dispatch_uid="accord-sqlite-collations")
