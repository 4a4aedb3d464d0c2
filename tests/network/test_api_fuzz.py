"""Property-based run over the network part of the OpenAPI document (Schemathesis): whatever
a coordinator sends — valid or not — the API never answers with a server error.

Half of the requests to /<collection>/{key} aim at keys that exist, so updates, ends
and deletes reach the graph rather than stopping at 404.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from app.api.openapi import document
from tests.conftest import TokenApp, token_app
from tests.network.conftest import OTHER, OWN, build_world

SLUG = "fuzz-home"
COLLECTIONS = ("municipalities", "zones", "schools", "partners", "alliances", "contributions",
               "measures", "assessments")
NETWORK_PATHS = rf"^/tenants/\{{slug\}}/({'|'.join(COLLECTIONS)})"
REAL_KEYS = {name: [OWN[one], OTHER[one]] for name, one in (
    ("municipalities", "municipality"), ("zones", "zone"), ("schools", "school"),
    ("partners", "partner"), ("alliances", "alliance"), ("contributions", "contribution"),
    ("measures", "measure"), ("assessments", "assessment"))}
EXAMPLES = 25


@pytest.fixture(scope="module")
def fuzz(tmp_path_factory: pytest.TempPathFactory, graph_server: dict) -> Iterator[TokenApp]:
    with token_app(tmp_path_factory.mktemp("fuzz"), graph_server, slug=SLUG,
                   name="Fuzzed programme", seed=build_world) as made:
        yield made


# The document is assembled when the routes are imported, so it can be loaded here; the
# app it is sent to is given per call (the lazy from_fixture loader does not run on pytest 9).
schema = schemathesis.openapi.from_dict(
    document(), config=schemathesis.Config.from_dict({"parameters": {"slug": SLUG}}),
).include(path_regex=NETWORK_PATHS)


def aim_at_real_keys(case) -> None:
    """Deterministically send half the keyed requests to an existing key."""
    key = case.path_parameters.get("key") if case.path_parameters else None
    if key is None:
        return
    collection = case.operation.path.split("/")[3]
    choice = zlib.crc32(repr(case.body).encode() + key.encode()) % 4
    if choice < 2:
        case.path_parameters["key"] = REAL_KEYS[collection][choice]


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_network_api_never_answers_a_server_error(case, fuzz: TokenApp):
    case.path_parameters["slug"] = SLUG
    aim_at_real_keys(case)
    response = case.call(app=fuzz.app, headers=fuzz.headers)
    case.validate_response(response, checks=[not_a_server_error])
    assert response.status_code < 500
