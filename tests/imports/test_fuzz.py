"""Whatever arrives, an import answers with problems, never a server error."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from app.api.openapi import document
from app.imports.kinds import KINDS
from app.imports.parse import parse_csv
from tests.conftest import TokenApp, token_app
from tests.imports.conftest import PROGRAMME, load_programme

SLUG = "fuzz-imports"


@schemathesis.serializer("text/csv")
def _csv(ctx, value) -> bytes:
    text = value if isinstance(value, str) else str(value)
    return text.encode("utf-8", "surrogatepass")  # lone surrogates: bytes that are not UTF-8


@pytest.fixture(scope="module")
def fuzz(tmp_path_factory: pytest.TempPathFactory, graph_server: dict) -> Iterator[TokenApp]:
    with token_app(tmp_path_factory.mktemp("fuzz-imports"), graph_server, slug=SLUG,
                   name="Fuzzed imports", seed=load_programme) as made:
        yield made


schema = schemathesis.openapi.from_dict(
    document(), config=schemathesis.Config.from_dict({"parameters": {"slug": SLUG}}),
).include(path_regex=r"^/tenants/\{slug\}/imports/")


@schema.parametrize()
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_the_import_api_never_answers_a_server_error(case, fuzz: TokenApp):
    case.path_parameters["slug"] = SLUG
    response = case.call(app=fuzz.app, headers=fuzz.headers)
    case.validate_response(response, checks=[not_a_server_error])
    sent = response.request.headers.get("Authorization")
    allowed = (200, 404, 405, 413, 422) if sent == fuzz.headers["Authorization"] else (401,)
    assert response.status_code in allowed, (response.status_code, sent)


CELLS = st.one_of(st.sampled_from(["", "0", "1", "-1", "true", "2024", "s-1", "z-a1", "a;b",
                                   "planning", "museum", "2024-02-30", "\"", "\n", "é"]),
                  st.text(max_size=12))


@given(kind=st.sampled_from(sorted(KINDS)), header_extra=st.lists(st.text(max_size=8),
                                                                  max_size=2),
       rows=st.lists(st.lists(CELLS, max_size=12), max_size=8), raw=st.binary(max_size=64))
@settings(max_examples=300, deadline=None)
def test_parsing_never_raises(kind, header_extra, rows, raw):
    """Random cells under a plausible header, and random bytes: problems, no exception."""
    names = list(KINDS[kind].names) + header_extra
    text = "\n".join([",".join(names)] + [",".join(row) for row in rows])
    for data in (text.encode("utf-8", "surrogatepass"), raw):
        parsed = parse_csv(data, KINDS[kind], max_rows=100)
        assert len(parsed.rows) + len(parsed.refused) <= parsed.total_rows
        assert all(isinstance(e["reason"], str) for e in parsed.problems.listed())


def test_the_programme_files_parse_cleanly():
    for kind, text in PROGRAMME.items():
        parsed = parse_csv(text.encode(), KINDS[kind], max_rows=100)
        assert not parsed.problems.listed(), kind



@pytest.mark.parametrize(("kind", "column"), [("assessments", "alliance_key"),
                                              ("school_years", "school_key"),
                                              ("contributions", "date")])
def test_a_file_missing_a_column_its_rows_are_keyed_by_reports_it(kind, column):
    """A valid programme file with one column cut out: a problem on line 1 naming the
    column, never an exception from reshaping rows that lack it."""
    lines = list(csv.reader(io.StringIO(PROGRAMME[kind])))
    cut = lines[0].index(column)
    text = "\n".join(",".join(v for i, v in enumerate(line) if i != cut) for line in lines)
    parsed = parse_csv(text.encode(), KINDS[kind], max_rows=100)
    assert {"line": 1, "field": column, "value": None,
            "reason": "missing column"} in parsed.problems.listed()
    assert parsed.rows == []
