"""A corpus of bad files: each gets line-numbered problems and leaves the graph unchanged."""
from __future__ import annotations

import pytest

from app.imports import service
from graph.errors import Conflict, Invalid
from tests.imports.conftest import graph_counts, load, load_programme

SY = ("school_key,year,places_offered,first_choice_applications,enrolled_total,"
      "enrolled_disadvantaged,enrolled_migrant,enrolled_nese\n")
SCHOOLS = "key,name,code,level,zone_key,entry_places\n"
FAMILIES = "key,zone_key,disadvantaged,migrant,nese"
CONTRIBUTIONS = "key,alliance_key,date,kind,hours,teachers,students,families,description\n"
ALLIANCES = ("key,school_key,partner_key,theme,start_year,end_year,status,trainer,"
             "advisory_hours,training_share\n")

# (case, kind, programme loaded up to (excluded), file, [(line, field, reason fragment)])
CORPUS = [
    ("unknown key", "schools", "schools", SCHOOLS + "s-9,Nine,,primary,z-a1,10\n"
     "s-10,Ten,,primary,z-nope,10\n", [(3, "zone_key", "unknown key: no zone with key")]),
    ("wrong type", "schools", "schools", SCHOOLS + "s-9,Nine,,primary,z-a1,many\n",
     [(2, "entry_places", "wrong type: must be a whole number")]),
    ("negative count", "school_years", "school_years", SY + "s-1,2024,-5,10,10,1,1,1\n",
     [(2, "places_offered", "negative count")]),
    ("enrolled by background above the total", "school_years", "school_years",
     SY + "s-1,2024,50,40,20,30,25,21\n",
     [(2, "enrolled_disadvantaged", "enrolled_disadvantaged (30) is greater than "
                                    "enrolled_total (20)"),
      (2, "enrolled_migrant", "greater than enrolled_total"),
      (2, "enrolled_nese", "greater than enrolled_total")]),
    ("duplicate key", "partners", None, "key,name,kind\np-x,X,museum\np-y,Y,other\n"
     "p-x,X again,museum\n", [(4, "key", "duplicate key in the file: same key as line 2")]),
    ("duplicate school year", "school_years", "school_years",
     SY + "s-1,2024,50,40,20,3,2,1\ns-1,2024,50,40,20,3,2,1\n",
     [(3, "school_key", "same school_key, year as line 2")]),
    ("unknown column", "partners", None, "key,name,kind,colour\np-x,X,museum,red\n",
     [(1, "colour", "unknown column; the columns of partners are: key, name, kind")]),
    ("missing column", "partners", None, "key,name\np-x,X\n", [(1, "kind", "missing column")]),
    ("empty required value", "partners", None, "key,name,kind\np-x,,museum\n",
     [(2, "name", "empty required value")]),
    ("reserved key", "partners", None, "key,name,kind\nnew,X,museum\n",
     [(2, "key", "'new' is a reserved word (…/new is the address of the creation form)")]),
    ("bad enum value", "partners", None, "key,name,kind\np-x,X,zoo\n",
     [(2, "kind", "use one of: museum, research, university, company, cultural, other")]),
    ("wrong encoding", "municipalities", None,
     "key,name,code\nm-x,Xàtiva,1\n".encode() + "m-y,Lleidà,2\n".encode("latin-1"),
     [(3, None, "byte 0xE0 at byte offset 37 is not UTF-8")]),
    ("UTF-16", "municipalities", None, "key,name,code\nm-x,X,1\n".encode("utf-16"),
     [(1, None, "UTF-16")]),
    # the family kinds: their references are checked by the write, then named
    ("unknown zone of a family", "families", "families", FAMILIES + "\nf-9,z-a1,1,0,0\n"
     "f-10,z-nope,0,0,0\n", [(3, "zone_key", "unknown key: no zone with key 'z-nope'")]),
    ("unknown family and school of applications", "applications", "applications",
     "family_key,school_key,year,rank\nf-1,s-1,2024,1\nf-nope,s-1,2024,1\n"
     "f-2,s-nope,2024,2\n", [(3, "family_key", "unknown key: no family with key 'f-nope'"),
                            (4, "school_key", "unknown key: no school with key 's-nope'")]),
    ("unknown school of an enrolment", "enrolments", "enrolments",
     "family_key,school_key,year\nf-1,s-nope,2024\n",
     [(2, "school_key", "unknown key: no school with key 's-nope'")]),
    ("rank below 1", "applications", "applications",
     "family_key,school_key,year,rank\nf-1,s-1,2024,0\n", [(2, "rank", "rank must be 1")]),
    ("year out of range", "school_years", "school_years", SY + "s-1,1850,50,40,20,3,2,1\n",
     [(2, "year", "year out of range: must be between 1990 and")]),
    ("enrolment year out of range", "enrolments", "enrolments",
     "family_key,school_key,year\nf-1,s-1,2300\n", [(2, "year", "year out of range")]),
    ("a name column in a families file", "families", "families",
     FAMILIES + ",name\nf-9,z-a1,1,0,0,Maria\n", [(1, "name", "personal identifier")]),
    ("identifier columns in Catalan and Spanish", "families", "families",
     FAMILIES + ",DNI,cognoms,fecha_nacimiento\nf-9,z-a1,1,0,0,x,y,z\n",
     [(1, "DNI", "personal identifier"), (1, "cognoms", "personal identifier"),
      (1, "fecha_nacimiento", "personal identifier")]),
    ("bad boolean", "families", "families", FAMILIES + "\nf-9,z-a1,yes,0,0\n",
     [(2, "disadvantaged", "must be true, false, 1 or 0")]),
    ("wrong number of values", "partners", None, "key,name,kind\np-x,X,museum\np-y,Y\n",
     [(3, None, "has 2 values but the header has 3 columns")]),
    ("badly formed key", "partners", None, "key,name,kind\nP 1,X,museum\n",
     [(2, "key", "lowercase letters")]),
    ("not a real date", "contributions", "contributions",
     CONTRIBUTIONS + "c-9,a-2,2024-02-30,training,,,,,\n",
     [(2, "date", "not a real date")]),
    ("a contribution in the future", "contributions", "contributions",
     CONTRIBUTIONS + "c-9,a-2,2099-01-01,training,,,,,\n",
     [(2, "date", "in the future")]),
    ("alliance years and status", "alliances", "alliances",
     ALLIANCES + "a-8,s-1,p-lab,X,2022,,ended,,,\na-9,s-2,p-lab,X,2022,2021,ended,,,\n"
     "a-10,s-2,p-lab,X,2022,2023,active,,,\n",
     [(2, "end_year", "required for an ended alliance"),
      (3, "end_year", "must not be before start_year 2022"),
      (4, "end_year", "only an ended alliance has an end year")]),
    ("training share above 1", "alliances", "alliances",
     ALLIANCES + "a-8,s-1,p-lab,X,2022,,active,,,85\n",
     [(2, "training_share", "must be between 0 and 1")]),
    ("benchmark of another stage", "assessments", "assessments",
     "alliance_key,year,component,stage,benchmarks\n"
     "a-2,2024,partnerships,planning,funding;outcomes_met\n",
     [(2, "benchmarks", "not a benchmark of stage planning")]),
    ("measure covering a school of another municipality", "measures", "measures",
     "key,municipality_key,kind,start,end,school_keys,description\n"
     "ms-9,m-b,other,2024-01-01,,s-3;s-1,\n",
     [(2, "school_keys", "school 's-1' is in municipality 'm-a', not 'm-b'")]),
    ("an alliance may not change school", "alliances", None,
     ALLIANCES + "a-1,s-2,p-museum,Art,2019,2021,ended,,,\n",
     [(2, "school_key", "cannot change school_key of the existing alliance 'a-1'")]),
    ("empty file", "partners", None, "", [(1, None, "the file is empty")]),
    ("header only", "partners", None, "key,name,kind\n", [(1, None, "no data rows")]),
    ("several problems, all reported in line order", "schools", "schools",
     SCHOOLS + "s-7,,,nursery,z-x,1\ns-8,Eight,,primary,z-a1,2\ns-9,Nine,,primary,z-y,-1\n",
     [(2, "name", "empty required value"), (2, "level", "use one of: primary, secondary"),
      (2, "zone_key", "unknown key"), (4, "zone_key", "unknown key"),
      (4, "entry_places", "negative count")]),
]


@pytest.mark.parametrize("case, kind, until, data, expected", CORPUS,
                         ids=[case[0] for case in CORPUS])
def test_a_bad_file_is_refused_with_every_problem_and_writes_nothing(
        tenant, case, kind, until, data, expected):
    load_programme(tenant, until=until)
    before = graph_counts(tenant.slug)
    with pytest.raises(Invalid) as caught:
        load(tenant, kind, data)
    assert graph_counts(tenant.slug) == before
    errors = caught.value.errors
    assert caught.value.message.startswith("Nothing was imported")
    assert all(set(e) == {"line", "field", "value", "reason"} for e in errors)
    found = [(e["line"], e["field"], e["reason"]) for e in errors]
    assert len(found) == len(expected), found
    for (line, field, fragment), (got_line, got_field, reason) in zip(
            sorted(expected, key=lambda x: x[0]), found, strict=True):
        assert (got_line, got_field) == (line, field), found
        assert fragment in reason, found


def test_one_bad_row_among_thousands_writes_nothing(tenant):
    load_programme(tenant, until="families")
    before = graph_counts(tenant.slug)
    lines = [FAMILIES] + [f"f-{i},z-a1,1,0,0" for i in range(3000)]
    lines[2400] = "f-2399,z-a1,1,0,maybe"
    with pytest.raises(Invalid) as caught:
        load(tenant, "families", "\n".join(lines) + "\n", batch_size=500)
    assert [(e["line"], e["field"]) for e in caught.value.errors] == [(2401, "nese")]
    assert graph_counts(tenant.slug) == before


def test_the_list_is_capped_and_the_message_counts_the_rest(tenant):
    rows = "".join(f"p-{i},P {i},zoo\n" for i in range(350))
    with pytest.raises(Invalid) as caught:
        load(tenant, "partners", "key,name,kind\n" + rows)
    assert len(caught.value.errors) == 200
    assert caught.value.errors[0]["line"] == 2
    assert caught.value.errors[-1]["line"] == 201
    assert "350 problems; the first 200 are listed" in caught.value.message


def test_too_many_rows(tenant):
    with pytest.raises(Invalid) as caught:
        load(tenant, "partners", "key,name,kind\n" + "".join(
            f"p-{i},P,museum\n" for i in range(11)), max_rows=10)
    assert caught.value.errors[-1]["line"] == 12
    assert "too many rows" in caught.value.errors[-1]["reason"]
    assert graph_counts(tenant.slug) == (0, 0)


def test_a_failure_in_a_late_batch_rolls_back_the_earlier_ones(tenant, monkeypatch):
    """The batches share one transaction: when the last one finds a zone gone, the
    families of the first batches are not left behind."""
    load_programme(tenant, until="families")
    before = graph_counts(tenant.slug)
    monkeypatch.setattr(service, "check_references", lambda parsed, *, tenant: None)
    lines = [FAMILIES] + [f"f-{i},z-a1,1,0,0" for i in range(30)] + ["f-x,z-gone,1,0,0"]
    with pytest.raises(Conflict, match="nothing was written"):
        load(tenant, "families", "\n".join(lines) + "\n", batch_size=10)
    assert graph_counts(tenant.slug) == before


@pytest.mark.parametrize("kind, data", [
    ("families", FAMILIES + "\nf-9,z-a1,1,0,0\n"),
    ("applications", "family_key,school_key,year,rank\nf-1,s-2,2024,2\n"),
    ("enrolments", "family_key,school_key,year\nf-1,s-1,2025\n")])
def test_a_clean_file_of_a_family_kind_is_not_looked_up_before_the_write(
        tenant, monkeypatch, kind, data):
    """The write matches every key a family-kind row names, so a clean file skips the
    reference look-up (one read of every key less) and still lands whole."""
    load_programme(tenant, until=kind)
    looked_up = []
    monkeypatch.setattr(service, "check_references",
                        lambda parsed, *, tenant: looked_up.append(parsed.kind.name))
    result = load(tenant, kind, data)
    assert (result.rows, looked_up) == (1, [])


def test_an_unknown_kind(tenant):
    with pytest.raises(Invalid) as caught:
        load(tenant, "pupils", "key\nx\n")
    assert caught.value.errors[0]["field"] == "kind"


def test_a_key_created_meanwhile_fails_the_import_without_writing(tenant, monkeypatch):
    """A family created between the look-up and the write (simulated by hiding it from the
    look-up) breaks the (tenant, key) constraint: the import stops and writes nothing."""
    from graph import imports as gi
    load_programme(tenant, until="applications")
    before = graph_counts(tenant.slug)
    looked_up = gi.existing_keys

    def hide_families(tx, *, tenant, label, keys):
        return set() if label == "Family" else looked_up(tx, tenant=tenant, label=label,
                                                          keys=keys)
    monkeypatch.setattr(gi, "existing_keys", hide_families)
    with pytest.raises(Conflict, match="already exists"):
        load(tenant, "families", FAMILIES + "\nf-new,z-a1,1,0,0\nf-1,z-a1,1,0,0\n")
    assert graph_counts(tenant.slug) == before


def test_application_points_and_sibling_columns_may_be_left_out_but_are_checked(programme):
    """Files older than the points and sibling columns still import; given, they are
    checked like any value (a column named, its line and the reason)."""
    from app.imports.service import import_csv, read_rows
    old = "family_key,school_key,year,rank\nf-3,s-3,2024,1\n"
    import_csv(tenant=programme, kind="applications", data=old.encode(), file_name="a.csv",
               actor="test")
    row = next(r for r in read_rows(tenant=programme.slug, kind="applications")
               if r["family_key"] == "f-3")
    assert (row["points"], row["sibling"]) == (None, None)
    bad = "family_key,school_key,year,rank,points,sibling\nf-3,s-3,2024,1,-4,maybe\n"
    with pytest.raises(Invalid) as caught:
        import_csv(tenant=programme, kind="applications", data=bad.encode(), file_name="b.csv",
                   actor="test")
    assert [(e["line"], e["field"], e["value"]) for e in caught.value.errors] == [
        (2, "points", "-4"), (2, "sibling", "maybe")]
