"""`accord load-samples`: the sample meetings and documents `make demo` shows."""

from django.utils.translation import gettext_lazy as _

from accord.core.management.commands.load_reference import Command as LoadReferenceCommand


class Command(LoadReferenceCommand):
    help = _("Load or refresh the sample meetings and documents (needs the reference data).")
    loader_attribute = "sample_loader"
    done_message = _("Sample data is up to date.")
