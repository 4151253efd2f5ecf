"""Spreadsheets in: each kind's dry run and import, refused rows named by number, all or nothing, bad files."""

import io

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from accord.core.exports import BYTE_ORDER_MARK, csv_bytes
from accord.core.imports import (
    CHANGED,
    CREATED,
    MAX_BYTES,
    REFUSED,
    UNCHANGED,
    ImportFileError,
    import_file,
    import_kinds,
    read_rows,
)
from accord.followup.models import Recommendation
from accord.meetings.models import Meeting, Participation
from accord.registry.models import Organization, Person, Post
from accord.registry.tests.factories import NationalAuthorityFactory, OrganizationFactory, StateFactory

pytestmark = pytest.mark.django_db


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    return csv_bytes(header, rows)


def _xlsx(header: list[str], rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def kaz(db):
    return StateFactory(iso3="QKZ", name_en="Kazakhstan Test", name_ru="Казахстан Тест")


@pytest.fixture
def agency(kaz):
    return NationalAuthorityFactory(
        state=kaz,
        name_en="Anti-Corruption Agency",
        name_ru="Антикоррупционное агентство",
        abbreviation_en="ACA",
    )


def _people_rows(n: int, organization: str = "ACA") -> list[list[str]]:
    return [
        [
            f"Фамилия{i}",
            "Анна",
            "Сергеевна",
            f"Family{i}",
            "Anna",
            organization,
            f"Советник {i}",
            "staff",
            "2024-01-15",
        ]
        for i in range(n)
    ]


PEOPLE_HEADER = [
    "family_name_ru",
    "given_name_ru",
    "patronymic_ru",
    "family_name_en",
    "given_name_en",
    "organization",
    "title_ru",
    "role",
    "start_on",
]


# ---- each kind: dry run, then the import ----------------------------------------------------------


def test_organizations_dry_run_reports_and_writes_nothing_then_the_import_writes(secretariat_user, kaz):
    kind = import_kinds()["organizations"]
    existing = NationalAuthorityFactory(state=kaz, name_en="Prosecutor's Office", name_ru="Прокуратура")
    content = _csv(
        ["name_ru", "name_en", "kind", "state", "abbreviation_en", "website", "founded_on"],
        [
            [
                "Служба финансового мониторинга",
                "Financial Monitoring Service",
                "national_authority",
                "QKZ",
                "FMS",
                "",
                "2021-03-01",
            ],
            ["Прокуратура", "Prosecutor's Office", "national_authority", "Казахстан Тест", "PO", "", ""],
            ["Без государства", "", "national_authority", "", "", "", ""],
            ["Плохая дата", "", "ngo", "", "", "", "31/02/2021"],
        ],
    )
    before = Organization.objects.count()
    report = import_file(kind, content, "orgs.csv", acting_user=secretariat_user, dry_run=True)
    assert [(r.number, r.action) for r in report.rows] == [
        (2, CREATED),
        (3, CHANGED),
        (4, REFUSED),
        (5, REFUSED),
    ]
    assert "state" in report.rows[2].reason.lower() or "государств" in report.rows[2].reason.lower()
    assert "founded_on" in report.rows[3].reason
    assert Organization.objects.count() == before and not report.written

    fixed = _csv(
        ["name_ru", "name_en", "kind", "state", "abbreviation_en", "founded_on"],
        [
            [
                "Служба финансового мониторинга",
                "Financial Monitoring Service",
                "National authority",
                "QKZ",
                "FMS",
                "01.03.2021",
            ],
            ["Прокуратура", "Prosecutor's Office", "national_authority", "QKZ", "PO", ""],
        ],
    )
    report = import_file(kind, fixed, "orgs.csv", acting_user=secretariat_user, dry_run=False)
    assert report.written and report.counts == {CREATED: 1, CHANGED: 1}
    service = Organization.objects.get(name_en="Financial Monitoring Service")
    assert service.state == kaz and str(service.founded_on) == "2021-03-01"
    existing.refresh_from_db()
    assert existing.abbreviation_en == "PO"
    # run again: nothing to change
    again = import_file(kind, fixed, "orgs.csv", acting_user=secretariat_user, dry_run=True)
    assert again.counts == {UNCHANGED: 2}


def test_people_with_posts_dry_run_then_import_and_history_names_the_user(secretariat_user, agency):
    kind = import_kinds()["people"]
    rows = _people_rows(3)
    rows.append(["", "Иван", "", "", "", "ACA", "Советник", "", ""])  # no family name
    rows.append(["Петров", "Иван", "", "", "", "Nowhere Agency", "Советник", "", ""])  # unknown organization
    rows.append(["Сидоров", "Пётр", "", "", "", "ACA", "", "", ""])  # no title
    content = _xlsx(PEOPLE_HEADER, rows)
    report = import_file(kind, content, "people.xlsx", acting_user=secretariat_user, dry_run=True)
    refused = {r.number: r.reason for r in report.refused}
    assert set(refused) == {5, 6, 7}
    assert "Nowhere Agency" in refused[6]
    assert Person.objects.count() == 0

    good = _xlsx(PEOPLE_HEADER, _people_rows(3))
    report = import_file(kind, good, "people.xlsx", acting_user=secretariat_user, dry_run=False)
    assert report.written and report.counts == {CREATED: 3}
    post = Post.objects.get(person__family_name_ru="Фамилия1")
    assert (
        post.organization == agency and post.title_ru == "Советник 1" and str(post.start_on) == "2024-01-15"
    )
    entries = LogEntry.objects.get_for_object(post.person)
    assert entries.exists() and {e.actor for e in entries} == {secretariat_user}

    # the same file again changes nothing; a later end date changes the post
    assert import_file(kind, good, "p.xlsx", acting_user=secretariat_user, dry_run=True).counts == {
        UNCHANGED: 3
    }
    ended = [[*PEOPLE_HEADER, "end_on"], *[[*row, "2025-12-31"] for row in _people_rows(1)]]
    report = import_file(
        kind, _csv(ended[0], ended[1:]), "p.csv", acting_user=secretariat_user, dry_run=False
    )
    assert report.counts == {CHANGED: 1}
    assert str(Post.objects.get(person__family_name_ru="Фамилия0").end_on) == "2025-12-31"


def test_a_bad_row_keeps_every_row_out(secretariat_user, agency):
    kind = import_kinds()["people"]
    rows = _people_rows(5)
    rows[3][8] = "not a date"
    report = import_file(
        kind, _csv(PEOPLE_HEADER, rows), "p.csv", acting_user=secretariat_user, dry_run=False
    )
    assert not report.written
    assert [(r.number, r.action) for r in report.refused] == [(5, REFUSED)]
    assert "start_on" in report.refused[0].reason
    assert Person.objects.count() == 0 and Post.objects.count() == 0


def test_two_hundred_people_with_posts(secretariat_user, agency):
    kind = import_kinds()["people"]
    content = _xlsx(PEOPLE_HEADER, _people_rows(200))
    report = import_file(kind, content, "people.xlsx", acting_user=secretariat_user, dry_run=False)
    assert report.written and report.counts == {CREATED: 200}
    assert Person.objects.count() == 200 and Post.objects.filter(organization=agency).count() == 200
    assert [r.number for r in report.rows] == list(range(2, 202))


def test_meetings_with_participants(secretariat_user, kaz, agency):
    other = StateFactory(iso3="QUZ", name_en="Uzbekistan Test", name_ru="Узбекистан Тест")
    council = OrganizationFactory(
        name_en="Anti-Corruption Council", name_ru="Антикоррупционный совет", slug="acc"
    )
    kind = import_kinds()["meetings"]
    header = [
        "start_on",
        "end_on",
        "kind",
        "body",
        "title_ru",
        "city_en",
        "country",
        "participant_state",
        "participant_organization",
        "role",
        "mode",
    ]
    rows = [
        [
            "2025-10-14",
            "2025-10-15",
            "session",
            "acc",
            "Заседание совета",
            "Astana",
            "QKZ",
            "QKZ",
            "",
            "host",
            "",
        ],
        [
            "2025-10-14",
            "2025-10-15",
            "session",
            "acc",
            "Заседание совета",
            "Astana",
            "QKZ",
            "QUZ",
            "",
            "",
            "videoconference",
        ],
        [
            "2025-10-14",
            "2025-10-15",
            "session",
            "acc",
            "Заседание совета",
            "Astana",
            "QKZ",
            "",
            "ACA",
            "observer",
            "",
        ],
        [
            "2025-10-14",
            "2025-10-15",
            "session",
            "acc",
            "Заседание совета",
            "Astana",
            "QKZ",
            "QKZ",
            "ACA",
            "",
            "",
        ],
        [
            "2025-10-14",
            "2025-10-15",
            "session",
            "acc",
            "Заседание совета",
            "Astana",
            "QKZ",
            "QXX",
            "",
            "",
            "",
        ],
    ]
    rows.append(["2025-10-14", "", "seminar", "", "", "", "", "QKZ", "", "", ""])  # which meeting?
    report = import_file(kind, _csv(header, rows), "m.csv", acting_user=secretariat_user, dry_run=True)
    assert [r.number for r in report.refused] == [5, 6, 7]
    assert "QXX" in report.refused[1].reason
    assert Meeting.objects.count() == 0

    report = import_file(kind, _csv(header, rows[:3]), "m.csv", acting_user=secretariat_user, dry_run=False)
    assert report.written and report.counts == {CREATED: 3}
    meeting = Meeting.objects.get()
    assert meeting.body == council and meeting.country == kaz
    by_participant = {(p.state or p.organization): (p.role, p.mode) for p in Participation.objects.all()}
    assert by_participant == {
        kaz: ("host", "in_person"),
        other: ("member", "videoconference"),
        agency: ("observer", "in_person"),
    }
    rows[1][9] = "guest"
    report = import_file(kind, _csv(header, rows[:3]), "m.csv", acting_user=secretariat_user, dry_run=False)
    assert report.counts == {UNCHANGED: 2, CHANGED: 1} and Meeting.objects.count() == 1


def test_recommendations(secretariat_user, kaz, agency):
    kind = import_kinds()["recommendations"]
    header = [
        "state",
        "authority",
        "source_kind",
        "text_ru",
        "text_en",
        "themes",
        "priority",
        "due_on",
        "confidentiality",
    ]
    rows = [
        [
            "QKZ",
            "ACA",
            "integrity_review",
            "Проверять декларации.",
            "Check declarations.",
            "corruption",
            "high",
            "2026-06-30",
            "public",
        ],
        ["QKZ", "", "evaluation", "Обучать судей.", "", "", "", "", ""],
        ["QKZ", "", "unknown_source", "Что-то.", "", "", "", "", ""],
        ["QKZ", "", "evaluation", "", "", "", "", "", ""],
        ["QKZ", "", "evaluation", "Темы.", "", "no-such-theme", "", "", ""],
    ]
    report = import_file(kind, _csv(header, rows), "r.csv", acting_user=secretariat_user, dry_run=True)
    assert [r.number for r in report.refused] == [4, 5, 6]
    assert "source_kind" in report.refused[0].reason and "themes" in report.refused[2].reason
    assert Recommendation.objects.count() == 0

    report = import_file(kind, _csv(header, rows[:2]), "r.csv", acting_user=secretariat_user, dry_run=False)
    assert report.written and report.counts == {CREATED: 2}
    first = Recommendation.objects.get(text_en="Check declarations.")
    assert first.authority == agency and first.themes == ["corruption"] and first.priority == "high"
    assert Recommendation.objects.get(text_ru="Обучать судей.").confidentiality == "restricted"
    rows[1][6] = "low"
    report = import_file(kind, _csv(header, rows[:2]), "r.csv", acting_user=secretariat_user, dry_run=False)
    assert report.counts == {UNCHANGED: 1, CHANGED: 1}
    assert Recommendation.objects.get(text_ru="Обучать судей.").priority == "low"


def test_only_the_secretariat_imports(focal_point_user):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_file(
            import_kinds()["organizations"],
            _csv(["name_ru", "kind"], [["X", "ngo"]]),
            acting_user=focal_point_user,
            dry_run=True,
        )


# ---- bad files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (b"", "a.csv", "empty"),
        (b"name_ru,kind\n", "a.csv", "no rows"),
        ("Название;Вид\nX;ngo\n".encode("cp1251"), "a.csv", "UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a.png", "not a spreadsheet"),
        (b"PK\x03\x04 this is no zip", "a.xlsx", "not a spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a.xls", ".xls"),
        (b"name_ru,colour\nX,red\n", "a.csv", "colour"),
        (b"name_ru,name_en\nX,Y\n", "a.csv", "kind"),
    ],
)
def test_a_bad_file_gets_a_clear_message(content, name, expected, english):
    with pytest.raises(ImportFileError) as error:
        read_rows(import_kinds()["organizations"], content, name)
    assert expected in str(error.value)


def test_a_huge_file_is_refused_before_reading(english):
    with pytest.raises(ImportFileError, match="too large"):
        read_rows(import_kinds()["organizations"], b"x" * (MAX_BYTES + 1), "a.csv")


def test_semicolons_a_bom_and_blank_lines_keep_row_numbers():
    content = (BYTE_ORDER_MARK + "Name_RU;KIND\r\nПервая;ngo\r\n\r\nВторая;ngo\r\n").encode("utf-8")
    rows = read_rows(import_kinds()["organizations"], content, "a.csv")
    assert rows == [(2, {"name_ru": "Первая", "kind": "ngo"}), (4, {"name_ru": "Вторая", "kind": "ngo"})]


# ---- templates, command and pages --------------------------------------------------------------


@pytest.mark.parametrize("kind", ["organizations", "people", "meetings", "recommendations"])
def test_each_template_is_a_valid_import_file_and_explains_its_columns(kind):
    spec = import_kinds()[kind]
    book = load_workbook(io.BytesIO(spec.template("xlsx")))
    assert [c.value for c in book.worksheets[0][1]] == [c.name for c in spec.columns]
    assert book.worksheets[1].max_row == len(spec.columns) + 1
    assert spec.template("csv").startswith(BYTE_ORDER_MARK.encode())
    rows = read_rows(spec, spec.template("xlsx"), "t.xlsx")
    assert rows and all(number >= 2 for number, _ in rows)


def test_the_command_dry_run_then_import_as_the_named_user(tmp_path, secretariat_user, agency):
    path = tmp_path / "people.csv"
    path.write_bytes(_csv(PEOPLE_HEADER, _people_rows(2)))
    out = io.StringIO()
    call_command("import", "people", str(path), "--dry-run", "--user", "secretariat", stdout=out)
    assert "row 2" in out.getvalue() or "строка 2" in out.getvalue()
    assert Person.objects.count() == 0
    call_command("import", "people", str(path), "--user", "secretariat", stdout=io.StringIO())
    assert Person.objects.count() == 2
    assert {e.actor for e in LogEntry.objects.get_for_object(Person.objects.first())} == {secretariat_user}


def test_the_command_refuses_bad_rows_and_bad_files(tmp_path, secretariat_user, agency):
    rows = _people_rows(2)
    rows[1][5] = "Nowhere"
    path = tmp_path / "people.csv"
    path.write_bytes(_csv(PEOPLE_HEADER, rows))
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "people", str(path), "--user", "secretariat", stdout=out)
    assert "Nowhere" in out.getvalue() and Person.objects.count() == 0
    path.write_bytes(b"\x00\x01binary")
    with pytest.raises(CommandError):
        call_command("import", "people", str(path), "--user", "secretariat", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("import", "spaceships", str(path), "--user", "secretariat")


def test_the_pages_upload_dry_run_and_confirm(client, secretariat_user, agency):
    client.force_login(secretariat_user)
    page = client.get(reverse("import_start"))
    assert page.status_code == 200 and b"template-people-xlsx" in page.content
    template = client.get(reverse("import_template", args=["people", "xlsx"]))
    assert (
        template.status_code == 200 and load_workbook(io.BytesIO(template.content)).worksheets[0].max_row >= 2
    )

    rows = _people_rows(4)
    rows[2][5] = "Nowhere"
    upload = io.BytesIO(_xlsx(PEOPLE_HEADER, rows))
    upload.name = "people.xlsx"
    response = client.post(reverse("import_start"), {"kind": "people", "file": upload})
    assert response.status_code == 200
    assert [r.number for r in response.context["report"].refused] == [4]
    assert b"import-confirm" not in response.content and Person.objects.count() == 0
    # confirming without a checked file is refused, nothing written
    assert client.post(reverse("import_confirm"), {"fingerprint": "x"}).status_code == 302

    upload = io.BytesIO(_xlsx(PEOPLE_HEADER, _people_rows(4)))
    upload.name = "people.xlsx"
    response = client.post(reverse("import_start"), {"kind": "people", "file": upload})
    assert b"import-confirm" in response.content and Person.objects.count() == 0
    response = client.post(reverse("import_confirm"), {"fingerprint": response.context["fingerprint"]})
    assert response.status_code == 302 and Person.objects.count() == 4


def test_the_pages_answer_a_bad_file_with_a_message(client, secretariat_user):
    client.force_login(secretariat_user)
    upload = io.BytesIO(b"")
    upload.name = "empty.csv"
    response = client.post(reverse("import_start"), {"kind": "people", "file": upload})
    assert response.status_code == 400
    upload = io.BytesIO(b"a,b\n1,2\n")
    upload.name = "wrong.csv"
    response = client.post(reverse("import_start"), {"kind": "people", "file": upload})
    assert response.status_code == 400 and response.context["form"].errors["file"]


def test_the_pages_are_the_secretariats(client, focal_point_user):
    assert client.get(reverse("import_start")).status_code == 302
    client.force_login(focal_point_user)
    assert client.get(reverse("import_start")).status_code == 403
    assert client.get(reverse("import_template", args=["people", "csv"])).status_code == 403
