"""Issue 12: on a phone, once a filter is applied the filter panel folds and the result count
comes first, above the fold; with no filter the panel is open; on a laptop the fields always
show. For the collaborations browse and the school and teacher directories. No JavaScript is
needed: the panel is a <details> element (checked with JavaScript off, too)."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD, CollaborationFactory, TeacherProfileFactory

from .conftest import LAPTOP, PHONE
from .support import log_in
from .support_journey import shot

PAGES = [
    ("/collaborations/", "?wanted=asia&kind=online", "Looking for partners from"),
    ("/schools/", "?region=asia", "Region"),
    ("/teachers/", "?region=europe", "Region"),
]


@pytest.fixture
def signed_in(app, browser, request):
    """A verified teacher (the teacher directory is theirs), on a phone, JavaScript on or off."""

    def open_page(*, javascript: bool) -> Page:
        teacher = TeacherProfileFactory(user__email="lan@school.example")
        CollaborationFactory(lead=teacher, wanted_region="asia")
        context = browser.new_context(
            base_url=app.url, viewport=PHONE, locale="en-GB", java_script_enabled=javascript
        )
        request.addfinalizer(context.close)
        page = context.new_page()
        page.goto("/accounts/login/")
        log_in(page, email="lan@school.example", password=PASSWORD)
        return page

    return open_page


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize(("path", "query", "label"), PAGES)
def test_on_a_phone_a_filtered_list_shows_its_count_above_the_fold(
    signed_in, path, query, label, javascript
):
    page = signed_in(javascript=javascript)

    page.goto(path)
    panel = page.get_by_test_id("filter-panel")
    expect(panel).to_have_attribute("open", "")
    expect(page.get_by_label(label, exact=False).first).to_be_visible()

    page.goto(path + query)
    shot(page, f"filters-phone{path.replace('/', '-')}")

    expect(panel).not_to_have_attribute("open", "")
    count = page.locator("#results-title")
    expect(count).to_be_visible()
    box = count.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box
    # the folded panel opens from its summary, with the filter applied still chosen
    panel.locator("summary").click()
    expect(panel).to_have_attribute("open", "")


@pytest.mark.parametrize(("path", "query", "label"), PAGES)
def test_on_a_laptop_the_filter_fields_always_show(signed_in, path, query, label):
    page = signed_in(javascript=True)
    page.set_viewport_size(LAPTOP)

    page.goto(path + query)
    shot(page, f"filters-laptop{path.replace('/', '-')}")

    expect(page.get_by_label(label, exact=False).first).to_be_visible()
    expect(page.get_by_test_id("filter-panel").locator("summary")).to_be_hidden()
