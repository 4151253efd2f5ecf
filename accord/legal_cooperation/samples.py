"""Sample cooperation requests for `make demo` (`accord load-samples`): fictional, between CIS prosecutors' offices.

They are written through the same services as the pages, by an inactive
sample secretariat account, so that the history reads as it would in use.
A request already present (by its authority and reference number) is left
as it is: loading twice reports it unchanged.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.reference import Counts, ReferenceDataError
from accord.core.roles import Role, sample_account
from accord.instruments.models import Instrument, Provision
from accord.legal_cooperation import services
from accord.legal_cooperation.choices import AmountStage, RequestKind, RequestStatus
from accord.legal_cooperation.models import CooperationRequest
from accord.registry.models import Organization

SAMPLE_SECRETARIAT = "sample-secretariat"
REPORT_KEY = "cooperation requests"
SUBJECT = "Образец запроса для демонстрации (Sample request for the demonstration): {text}"


def sample_requests(today: datetime.date) -> list[dict[str, Any]]:
    """The sample requests; one open request to Uzbekistan falls due soon so the demo shows a deadline."""
    return [
        {
            "kind": RequestKind.MUTUAL_LEGAL_ASSISTANCE,
            "reference_number": "SAMPLE-MLA-2025-001",
            "requesting": "kaz-prosecutor-general",
            "requested": "uzb-prosecutor-general",
            "article": "46",
            "subject": "bank records of a fictional company (ООО «Пример»)",
            "received_on": datetime.date(2025, 3, 12),
            "deadline_on": today + datetime.timedelta(days=10),
            "statuses": [(RequestStatus.UNDER_EXECUTION, datetime.date(2025, 3, 20), "")],
        },
        {
            "kind": RequestKind.ASSET_RECOVERY,
            "reference_number": "SAMPLE-AR-2024-007",
            "requesting": "uzb-prosecutor-general",
            "requested": "rus-prosecutor-general",
            "article": "57",
            "subject": "return of the proceeds of a fictional embezzlement",
            "received_on": datetime.date(2024, 9, 2),
            "deadline_on": datetime.date(2025, 9, 2),
            "statuses": [
                (RequestStatus.UNDER_EXECUTION, datetime.date(2024, 9, 16), ""),
                (
                    RequestStatus.PARTIALLY_EXECUTED,
                    datetime.date(2025, 2, 10),
                    "Sample: part of the assets frozen.",
                ),
            ],
            "amounts": [
                (AmountStage.TRACED, "1250000.00", "USD", datetime.date(2024, 11, 5)),
                (AmountStage.TRACED, "42000000.00", "RUB", datetime.date(2024, 11, 5)),
                (AmountStage.FROZEN, "850000.50", "USD", datetime.date(2025, 1, 22)),
                (AmountStage.FROZEN, "39500000.75", "RUB", datetime.date(2025, 1, 22)),
                (AmountStage.CONFISCATED, "300000.25", "USD", datetime.date(2025, 2, 10)),
            ],
        },
        {
            "kind": RequestKind.EXTRADITION,
            "reference_number": "SAMPLE-EXT-2024-003",
            "requesting": "kgz-prosecutor-general",
            "requested": "uzb-prosecutor-general",
            "article": "44",
            "subject": "extradition of a fictional person (Person A)",
            "received_on": datetime.date(2024, 5, 15),
            "deadline_on": datetime.date(2024, 8, 15),
            "statuses": [
                (RequestStatus.UNDER_EXECUTION, datetime.date(2024, 5, 27), ""),
                (RequestStatus.EXECUTED, datetime.date(2024, 8, 1), ""),
            ],
        },
        {
            "kind": RequestKind.TRANSFER_OF_PROCEEDINGS,
            "reference_number": "SAMPLE-TP-2025-002",
            "requesting": "uzb-prosecutor-general",
            "requested": "kaz-prosecutor-general",
            "article": "47",
            "subject": "transfer of a fictional criminal case",
            "received_on": datetime.date(2025, 1, 20),
            "deadline_on": datetime.date(2025, 4, 20),
            "statuses": [],
        },
    ]


def load_samples() -> Counts:
    """Create the sample requests that are missing; `{"cooperation requests": {"created"|"unchanged": n}}`."""
    uncac = Instrument.objects.filter(slug="uncac").first()
    if uncac is None:
        raise ReferenceDataError(
            [_("Sample cooperation requests need the reference data: run load-reference.")]
        )
    secretariat = sample_account(SAMPLE_SECRETARIAT, Role.SECRETARIAT)
    authorities = {o.slug: o for o in Organization.objects.filter(slug__endswith="-prosecutor-general")}
    created = unchanged = 0
    for spec in sample_requests(timezone.localdate()):
        missing = [key for key in (spec["requesting"], spec["requested"]) if key not in authorities]
        if missing:
            raise ReferenceDataError(
                [_("Sample cooperation requests: unknown organization “%(key)s”.") % {"key": missing[0]}]
            )
        requesting = authorities[spec["requesting"]]
        if CooperationRequest.objects.filter(
            requesting_authority=requesting, reference_number=spec["reference_number"]
        ).exists():
            unchanged += 1
            continue
        _create(spec, requesting, authorities[spec["requested"]], uncac, secretariat)
        created += 1
    counts: dict[str, int] = {}
    if created:
        counts["created"] = created
    if unchanged:
        counts["unchanged"] = unchanged
    return {REPORT_KEY: counts}


def _create(spec: dict[str, Any], requesting, requested, uncac, secretariat) -> None:
    provision = Provision.objects.filter(instrument=uncac, kind="article", number=spec["article"]).first()
    request = services.create_request(
        acting_user=secretariat,
        kind=spec["kind"],
        reference_number=spec["reference_number"],
        requesting_authority=requesting,
        requested_authority=requested,
        instrument=uncac,
        provision=provision,
        subject=SUBJECT.format(text=spec["subject"]),
        received_on=spec["received_on"],
        deadline_on=spec["deadline_on"],
    )
    for status, on, note in spec["statuses"]:
        services.change_status(request, acting_user=secretariat, status=status, on=on, note=note)
    for stage, amount, currency, on in spec.get("amounts", []):
        services.record_amount(
            request, acting_user=secretariat, stage=stage, amount=Decimal(amount), currency=currency, on=on
        )
