"""In a real browser: 200 people with their posts from a spreadsheet, after a dry run that names the bad rows."""

import pytest

from conftest import BROWSER_MARKS

pytestmark = BROWSER_MARKS

HEADER = ["family_name_ru", "given_name_ru", "family_name_en", "organization", "title_ru", "role", "start_on"]


def _workbook(path, rows) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    with open(path, "wb") as out:
        book.save(out)


@pytest.mark.django_db(transaction=True)
def test_import_two_hundred_people_with_posts_after_a_dry_run(live_server, browser_page, tmp_path):
    from accord.core.roles import Role
    from accord.registry.models import Person, Post
    from accord.registry.tests.factories import NationalAuthorityFactory
    from conftest import make_user

    agency = NationalAuthorityFactory(
        name_en="Financial Police", name_ru="Финансовая полиция", abbreviation_en="FP"
    )
    make_user("secretariat-e2e", Role.SECRETARIAT)
    rows = [
        [f"Фамилия{i}", "Мария", f"Family{i}", "FP", f"Инспектор {i}", "staff", "2024-02-01"]
        for i in range(200)
    ]
    bad = [list(row) for row in rows]
    bad[9][3] = "No Such Body"  # spreadsheet row 11
    bad[120][6] = "31.02.2024"  # spreadsheet row 122
    _workbook(tmp_path / "bad.xlsx", bad)
    _workbook(tmp_path / "good.xlsx", rows)

    page = browser_page
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", "secretariat-e2e")
    page.fill("input[name=password]", "pass-12345")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/imports/")
    with page.expect_download() as download:
        page.locator("[data-testid=template-people-xlsx]").click()
    assert download.value.suggested_filename == "accord-people-template.xlsx"

    page.select_option("select[name=kind]", "people")
    page.set_input_files("input[name=file]", str(tmp_path / "bad.xlsx"))
    page.locator("[data-testid=import-check]").click()
    page.wait_for_selector("[data-testid=import-refused]")
    refused = page.locator("[data-testid=import-refused]").inner_text()
    assert "11" in refused and "No Such Body" in refused and "122" in refused and "31.02.2024" in refused
    assert page.locator("[data-testid=import-confirm]").count() == 0
    assert page.locator("[data-testid=import-rows] tr[data-action=refused]").count() == 2
    assert Person.objects.count() == 0

    page.select_option("select[name=kind]", "people")
    page.set_input_files("input[name=file]", str(tmp_path / "good.xlsx"))
    page.locator("[data-testid=import-check]").click()
    page.wait_for_selector("[data-testid=import-confirm]")
    assert page.locator("[data-testid=import-rows] tr[data-action=created]").count() == 200
    assert Person.objects.count() == 0  # the dry run wrote nothing
    page.locator("[data-testid=import-confirm]").click()
    page.wait_for_selector(".alert-success")
    assert Person.objects.count() == 200
    assert Post.objects.filter(organization=agency).count() == 200
