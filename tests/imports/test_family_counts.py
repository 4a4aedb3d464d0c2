"""The family counts the indicators read are kept by the imports, in the import's own
transaction: after any sequence of imports they equal a count made from the family rows."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.extensions import graph
from app.imports import service
from graph import family_counts
from graph.errors import Conflict
from graph.queries import indicators as iq
from tests.imports.conftest import load, load_programme

FAMILIES = "key,zone_key,disadvantaged,migrant,nese\n"
APPLICATIONS = "family_key,school_key,year,rank\n"
ENROLMENTS = "family_key,school_key,year\n"


def stored(slug: str) -> dict[tuple[str, int], dict]:
    return graph.read(family_counts.read_all, tenant=slug)


def recounted(slug: str) -> dict[tuple[str, int], dict]:
    """What a count made from the family rows gives (the stored counts are left as found
    by rolling the rebuild back)."""
    class Undo(Exception):
        pass

    found: dict = {}

    def rebuild(tx, *, tenant):
        family_counts.recount(tx, tenant=tenant)
        found.update(family_counts.read_all(tx, tenant=tenant))
        raise Undo

    with pytest.raises(Undo):
        graph.write(rebuild, tenant=slug)
    return found


def counts(enrolled=0, disadvantaged=0, migrant=0, nese=0, disadvantaged_not_migrant=0,
           first_choices=0) -> dict:
    return {"enrolled": enrolled, "disadvantaged": disadvantaged, "migrant": migrant,
            "nese": nese, "disadvantaged_not_migrant": disadvantaged_not_migrant,
            "first_choices": first_choices}


def test_the_imports_count_enrolments_by_group_and_first_choices(programme):
    # f-1 (disadvantaged) is enrolled at s-1 and chose it first; f-2 (migrant) at s-2,
    # its first choice; f-1's second choice (s-2) is not counted
    assert stored(programme.slug) == {
        ("s-1", 2024): counts(1, disadvantaged=1, disadvantaged_not_migrant=1, first_choices=1),
        ("s-2", 2024): counts(1, migrant=1, first_choices=1)}
    assert stored(programme.slug) == recounted(programme.slug)


def test_new_flags_move_a_family_s_enrolments_between_groups(programme):
    load(programme, "families", FAMILIES + "f-1,z-a1,false,true,0\nf-2,z-a2,0,1,1\n")
    assert stored(programme.slug) == {
        ("s-1", 2024): counts(1, migrant=1, first_choices=1),
        ("s-2", 2024): counts(1, migrant=1, nese=1, first_choices=1)}
    assert stored(programme.slug) == recounted(programme.slug)


def test_a_new_rank_moves_the_first_choice(programme):
    load(programme, "applications", APPLICATIONS + "f-1,s-1,2024,2\nf-1,s-2,2024,1\n"
                                                   "f-3,s-3,2025,1\n")
    found = stored(programme.slug)
    assert [found[(s, y)]["first_choices"] for s, y in (("s-1", 2024), ("s-2", 2024),
                                                          ("s-3", 2025))] == [0, 2, 1]
    assert found == recounted(programme.slug)


def test_importing_the_same_rows_again_changes_no_count(programme):
    before = stored(programme.slug)
    for kind in ("families", "applications", "enrolments"):
        load_again = {"families": FAMILIES + "f-1,z-a1,true,false,0\n",
                      "applications": APPLICATIONS + "f-1,s-1,2024,1\nf-2,s-2,2024,1\n",
                      "enrolments": ENROLMENTS + "f-1,s-1,2024\nf-2,s-2,2024\n"}[kind]
        load(programme, kind, load_again)
    assert stored(programme.slug) == before


def test_an_import_rolled_back_leaves_the_counts_as_they_were(programme, monkeypatch):
    """The first batches add enrolments, the last finds a family gone: the whole import,
    count changes included, is rolled back."""
    load(programme, "families", FAMILIES + "".join(f"g-{i},z-a1,1,0,0\n" for i in range(30)))
    before = stored(programme.slug)
    monkeypatch.setattr(service, "check_references", lambda parsed, *, tenant: None)
    rows = "".join(f"g-{i},s-1,2025\n" for i in range(30)) + "gone,s-1,2025\n"
    with pytest.raises(Conflict, match="nothing was written"):
        load(programme, "enrolments", ENROLMENTS + rows, batch_size=10)
    assert stored(programme.slug) == before


def test_counts_never_built_are_built_by_the_next_import(tenant):
    """Families written before the counts existed (here straight into the graph) are
    counted when the next import adds to them."""
    load_programme(tenant, until="applications")

    def older(tx, *, tenant):
        tx.run(iq.SEED_FAMILY_ENROLMENTS, tenant=tenant, rows=[
            {"key": f"old-{i}", "school": "s-2", "year": 2023, "disadvantaged": True,
             "migrant": i == 0, "nese": False} for i in range(3)]).consume()

    graph.write(older, tenant=tenant.slug)
    assert graph.read(family_counts.layout, tenant=tenant.slug) is None
    load(tenant, "enrolments", ENROLMENTS + "f-1,s-1,2024\n")
    assert graph.read(family_counts.layout, tenant=tenant.slug) == family_counts.LAYOUT
    assert stored(tenant.slug) == {
        ("s-1", 2024): counts(1, disadvantaged=1, disadvantaged_not_migrant=1),
        ("s-2", 2023): counts(3, disadvantaged=3, migrant=1, disadvantaged_not_migrant=2)}


def test_graph_recount_rebuilds_what_is_missing_and_leaves_the_rest(programme, runner):
    def lose(tx, *, tenant):
        tx.run("MATCH (c:FamilyCount {tenant: $tenant}) DETACH DELETE c",
               tenant=tenant).consume()
        tx.run("MATCH (v:DataVersion {programme: $tenant}) REMOVE v.family_counts",
               tenant=tenant).consume()

    expected = stored(programme.slug)
    graph.write(lose, tenant=programme.slug)
    assert stored(programme.slug) == {}
    done = runner.invoke(args=["graph", "recount", "--programme", programme.slug])
    assert done.exit_code == 0, done.output
    assert f"{programme.slug}: 2 school-year counts rebuilt" in done.output
    assert stored(programme.slug) == expected
    again = runner.invoke(args=["graph", "recount", "--programme", programme.slug])
    assert f"{programme.slug}: up to date" in again.output


FLAGS = st.sampled_from(["0", "1"])
STEP = st.one_of(
    st.tuples(st.just("families"), st.integers(0, 3), FLAGS, FLAGS, FLAGS),
    st.tuples(st.just("applications"), st.integers(0, 3), st.sampled_from(["s-1", "s-2"]),
              st.sampled_from([2024, 2025]), st.integers(1, 3)),
    st.tuples(st.just("enrolments"), st.integers(0, 3), st.sampled_from(["s-1", "s-2"]),
              st.sampled_from([2024, 2025])))


@given(steps=st.lists(STEP, min_size=1, max_size=6))
@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_sequence_of_imports_keeps_the_counts_equal_to_a_recount(programme, steps):
    for kind, family, *rest in steps:
        key = f"h-{family}"
        if kind == "families":
            load(programme, kind, FAMILIES + f"{key},z-a1,{','.join(rest)}\n")
            continue
        if not graph.read(_exists, tenant=programme.slug, key=key):
            load(programme, "families", FAMILIES + f"{key},z-a1,0,0,0\n")
        header = APPLICATIONS if kind == "applications" else ENROLMENTS
        load(programme, kind, header + ",".join(str(v) for v in (key, *rest)) + "\n")
    assert stored(programme.slug) == recounted(programme.slug)


def _exists(tx, *, tenant, key) -> bool:
    return tx.run("MATCH (f:Family {tenant: $tenant, key: $key}) RETURN count(f) AS n",
                  tenant=tenant, key=key).single()["n"] > 0
