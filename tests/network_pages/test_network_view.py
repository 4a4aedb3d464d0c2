"""The network view: nodes and edges read from the graph, the filters, links to each
entity's page, and no family-level data ever."""
from __future__ import annotations

import json

from app.imports.service import import_csv
from app.network import service
from graph.network_view import assemble


def _rows():
    municipalities = [{"key": "m1", "name": "One"}, {"key": "m2", "name": "Two"}]
    schools = [{"key": "s1", "name": "S1", "level": "primary", "municipalities": ["m1"]},
               {"key": "s2", "name": "S2", "level": "primary", "municipalities": ["m2"]},
               {"key": "s3", "name": "S3", "level": "secondary", "municipalities": ["m2"]}]
    partners = [{"key": "p1", "name": "P1", "kind": "museum"},
                {"key": "p2", "name": "P2", "kind": "company"}]
    alliances = [{"key": "a1", "theme": "art", "status": "active", "start_year": 2022,
                  "end_year": None, "school": "s1", "partner": "p1"},
                 {"key": "a2", "theme": "code", "status": "ended", "start_year": 2020,
                  "end_year": 2021, "school": "s2", "partner": "p2"}]
    return {"municipalities": municipalities, "schools": schools, "partners": partners,
            "alliances": alliances}


def _ids(found: dict) -> set[str]:
    return {n["id"] for n in found["nodes"]}


def test_without_filters_every_node_shows_with_its_edges():
    found = assemble(**_rows(), narrow_schools=False, narrow_partners=False)
    assert _ids(found) == {"m:m1", "m:m2", "s:s1", "s:s2", "s:s3", "p:p1", "p:p2"}
    kinds = sorted((e["type"], e["source"], e["target"]) for e in found["edges"])
    assert kinds == [("alliance", "s:s1", "p:p1"), ("alliance", "s:s2", "p:p2"),
                     ("in", "s:s1", "m:m1"), ("in", "s:s2", "m:m2"), ("in", "s:s3", "m:m2")]


def test_a_kind_or_status_filter_keeps_schools_with_a_matching_alliance():
    rows = _rows()
    rows["partners"] = rows["partners"][:1]  # as the query returns them for kind=museum
    found = assemble(**rows, narrow_schools=True, narrow_partners=False)
    assert _ids(found) == {"m:m1", "s:s1", "p:p1"}
    assert [e["id"] for e in found["edges"] if e["type"] == "alliance"] == ["a:a1"]


def test_a_municipality_filter_keeps_partners_with_an_alliance_there():
    rows = _rows()
    rows["municipalities"] = rows["municipalities"][1:]
    rows["schools"] = rows["schools"][1:]
    rows["alliances"] = rows["alliances"][1:]
    found = assemble(**rows, narrow_schools=False, narrow_partners=True)
    assert _ids(found) == {"m:m2", "s:s2", "s:s3", "p:p2"}


def test_the_json_draws_the_world_with_links_and_no_family_data(world, as_user, tenant):
    body = (b"key,zone_key,disadvantaged,migrant,nese\n"
            b"f-1,z-own,true,false,false\nf-2,z-other,false,true,false\n")
    import_csv(tenant=tenant, kind="families", data=body)
    client = as_user("school")
    response = client.get(f"/t/{tenant.slug}/network.json")
    assert response.status_code == 200
    found = response.get_json()
    assert found["counts"] == {"school": 2, "partner": 2, "municipality": 2, "alliance": 2}
    assert {n["type"] for n in found["nodes"]} == {"school", "partner", "municipality"}
    school = next(n for n in found["nodes"] if n["id"] == "s:s-own")
    assert school["url"] == f"/t/{tenant.slug}/schools/s-own" and school["label"] == "School 1"
    alliance = next(e for e in found["edges"] if e["type"] == "alliance"
                    and e["key"] == "a-own")
    assert (alliance["source"], alliance["target"]) == ("s:s-own", "p:p-own")
    text = json.dumps(found).lower()
    assert "f-1" not in text and "famil" not in text and "disadvantaged" not in text


def test_the_filters_narrow_the_graph(world, as_user, tenant):
    service.create_partner(access=world, data={"key": "p-uni", "name": "Uni",
                                               "kind": "university"})
    service.end_alliance(access=world, key="a-other", data={"end_year": 2023})
    client, base = as_user("coordinator"), f"/t/{tenant.slug}/network.json"
    everything = client.get(base).get_json()
    assert everything["counts"]["partner"] == 3  # the partner without alliances too
    here = client.get(f"{base}?municipality=m-own").get_json()
    assert {n["id"] for n in here["nodes"]} == {"m:m-own", "s:s-own", "p:p-own"}
    ended = client.get(f"{base}?status=ended").get_json()
    assert [e["key"] for e in ended["edges"] if e["type"] == "alliance"] == ["a-other"]
    assert {n["id"] for n in ended["nodes"]} == {"m:m-other", "s:s-other", "p:p-other"}
    universities = client.get(f"{base}?kind=university").get_json()
    assert {n["id"] for n in universities["nodes"]} == {"p:p-uni"}
    assert client.get(f"{base}?kind=castle").status_code == 422
    assert client.get(f"{base}?status=ended&kind=museum").get_json()["counts"]["alliance"] == 1


def test_the_page_loads_the_vendored_library_and_keeps_the_filters(world, as_user, tenant):
    html = as_user("partner").get(f"/t/{tenant.slug}/network?kind=museum").get_data(
        as_text=True)
    assert "/static/vendor/cytoscape/cytoscape.min.js" in html
    assert f'data-source="/t/{tenant.slug}/network.json?kind=museum"' in html
    assert '<option value="museum" selected>' in html
    assert "http://" not in html and "https://" not in html  # nothing from elsewhere
