"""One access policy for the indicators: refused before anything is read, and a page shows
the same schools and figures as the API for the same caller and territory."""
from __future__ import annotations

import html
import re

import pytest

from . import seed as net

API = "/api/v1/tenants/{slug}/indicators"


@pytest.fixture
def slug(tenant) -> str:
    net.seed(tenant.slug)
    return tenant.slug


def test_a_scoped_caller_is_refused_before_the_service_reads(client, login_as, slug):
    """403 whether or not the thing exists: the check comes first, so nothing is revealed."""
    login_as("municipality", scope_key="m-a")
    api = API.format(slug=slug)
    assert client.get(f"{api}/commitment", query_string={
        "municipality": "m-nowhere", "year": 2023}).status_code == 403
    assert client.get(f"{api}/commitment", query_string={
        "municipality": "m-b", "year": 2023}).status_code == 403
    login_as("partner", scope_key="p-museu")
    assert client.get(f"{api}/alliances/no-such-alliance/activity").status_code == 403


@pytest.mark.parametrize(("role", "scope", "territory"), [
    ("municipality", "m-a", "programme"), ("municipality", "m-a", "z-a1"),
    ("coordinator", None, "m-a"), ("coordinator", None, "programme")])
def test_the_page_shows_the_fields_the_api_returns(client, login_as, slug, role, scope,
                                                   territory):
    login_as(role, scope_key=scope)
    api = client.get(API.format(slug=slug) + "/segregation", query_string={
        "territory": territory, "year": 2023}).get_json()
    page = html.unescape(client.get(f"/t/{slug}/territories/{territory}?year=2023")
                         .get_data(as_text=True))
    table = page[page.index("Schools ranked by composition gap"):page.index("Municipal measures")]
    shown = set(re.findall(r"Escola \w+", table))
    assert shown == {g["name"] for g in api["gaps"]}
    assert {g["school"] for g in api["M_by_school"]} <= {g["school"] for g in api["gaps"]}
    assert {r["school"] for r in api["multigroup"]["by_school"]} <= \
        {g["school"] for g in api["gaps"]}
    for index in ("D", "H"):
        if api[index] is not None:
            assert f"{api[index]:.3f}" in page
