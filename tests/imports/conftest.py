"""Helpers for the import tests: CSV text for every kind, counts of a tenant's graph."""
from __future__ import annotations

import pytest

from app.extensions import graph
from app.imports.service import ImportResult, import_csv
from app.models import Tenant
from graph.queries import system

# A small valid programme, one file per kind, in the order their references need.
PROGRAMME = {
    "municipalities": "key,name,code\nm-a,Alpha,08001\nm-b,Beta,\n",
    "zones": "key,name,municipality_key\nz-a1,Alpha North,m-a\nz-a2,Alpha South,m-a\n"
             "z-b1,Beta,m-b\n",
    "schools": "key,name,code,level,zone_key,entry_places\n"
               "s-1,Escola U,08000001,primary,z-a1,50\ns-2,Escola Dos,,primary,z-a2,25\n"
               "s-3,Institut Tres,08000003,secondary,z-b1,\n",
    "partners": "key,name,kind\np-museum,A museum,museum\np-lab,A lab,research\n",
    "school_years": "school_key,year,places_offered,first_choice_applications,enrolled_total,"
                    "enrolled_disadvantaged,enrolled_migrant,enrolled_nese\n"
                    "s-1,2023,50,41,48,20,12,4\ns-1,2024,50,55,50,15,10,3\n"
                    "s-2,2024,25,10,22,0,0,0\n",
    "families": "key,zone_key,disadvantaged,migrant,nese\nf-1,z-a1,true,false,0\n"
                "f-2,z-a2,FALSE,1,false\nf-3,z-b1,0,0,1\n",
    "applications": "family_key,school_key,year,rank,points,sibling\nf-1,s-1,2024,1,45,true\n"
                    "f-1,s-2,2024,2,,\nf-2,s-2,2024,1,30,0\n",
    "enrolments": "family_key,school_key,year\nf-1,s-1,2024\nf-2,s-2,2024\n",
    "alliances": "key,school_key,partner_key,theme,start_year,end_year,status,trainer,"
                 "advisory_hours,training_share\n"
                 "a-1,s-1,p-museum,Art,2019,2021,ended,Núria Soler,15,0.8\n"
                 "a-2,s-1,p-lab,Marine science,2022,,active,,12.5,\n"
                 "a-3,s-2,p-lab,Robotics,2023,,,,,\n",
    "contributions": "key,alliance_key,date,kind,hours,teachers,students,families,description\n"
                     "c-1,a-2,2023-10-05,training,3,12,0,0,\"First session, on \"\"waves\"\"\"\n"
                     "c-2,a-2,2024-03-01,workshop,2.5,2,50,,\n",
    "measures": "key,municipality_key,kind,start,end,school_keys,description\n"
                "ms-1,m-a,enrolment_office,2020-02-01,,s-1;s-2,One office\n"
                "ms-2,m-b,ratio_reduction,2022-09-01,2024-07-31,,\n",
    "assessments": "alliance_key,year,component,stage,benchmarks\n"
                   "a-2,2023,partnerships,planning,leadership_team;funding\n"
                   "a-2,2024,partnerships,early_implementation,\n",
}

# What reading each kind back gives (read_rows), for the programme above.
EXPECTED = {
    "municipalities": [{"key": "m-a", "name": "Alpha", "code": "08001"},
                       {"key": "m-b", "name": "Beta", "code": None}],
    "schools": [
        {"key": "s-1", "name": "Escola U", "code": "08000001", "level": "primary",
         "zone_key": "z-a1", "entry_places": 50},
        {"key": "s-2", "name": "Escola Dos", "code": None, "level": "primary",
         "zone_key": "z-a2", "entry_places": 25},
        {"key": "s-3", "name": "Institut Tres", "code": "08000003", "level": "secondary",
         "zone_key": "z-b1", "entry_places": None}],
    "families": [
        {"key": "f-1", "zone_key": "z-a1", "disadvantaged": True, "migrant": False,
         "nese": False},
        {"key": "f-2", "zone_key": "z-a2", "disadvantaged": False, "migrant": True,
         "nese": False},
        {"key": "f-3", "zone_key": "z-b1", "disadvantaged": False, "migrant": False,
         "nese": True}],
    "applications": [
        {"family_key": "f-1", "school_key": "s-1", "year": 2024, "rank": 1, "points": 45,
         "sibling": True},
        {"family_key": "f-1", "school_key": "s-2", "year": 2024, "rank": 2, "points": None,
         "sibling": None},
        {"family_key": "f-2", "school_key": "s-2", "year": 2024, "rank": 1, "points": 30,
         "sibling": False}],
    "alliances": [
        {"key": "a-1", "school_key": "s-1", "partner_key": "p-museum", "theme": "Art",
         "start_year": 2019, "end_year": 2021, "status": "ended", "trainer": "Núria Soler",
         "advisory_hours": 15, "training_share": 0.8},
        {"key": "a-2", "school_key": "s-1", "partner_key": "p-lab",
         "theme": "Marine science", "start_year": 2022, "end_year": None, "status": "active",
         "trainer": None, "advisory_hours": 12.5, "training_share": None},
        {"key": "a-3", "school_key": "s-2", "partner_key": "p-lab", "theme": "Robotics",
         "start_year": 2023, "end_year": None, "status": "active", "trainer": None,
         "advisory_hours": None, "training_share": None}],
    "contributions": [
        {"key": "c-1", "alliance_key": "a-2", "date": "2023-10-05", "kind": "training",
         "hours": 3, "teachers": 12, "students": 0, "families": 0,
         "description": 'First session, on "waves"'},
        {"key": "c-2", "alliance_key": "a-2", "date": "2024-03-01", "kind": "workshop",
         "hours": 2.5, "teachers": 2, "students": 50, "families": 0, "description": None}],
    "measures": [
        {"key": "ms-1", "municipality_key": "m-a", "kind": "enrolment_office",
         "start": "2020-02-01", "end": None, "school_keys": ["s-1", "s-2"],
         "description": "One office"},
        {"key": "ms-2", "municipality_key": "m-b", "kind": "ratio_reduction",
         "start": "2022-09-01", "end": "2024-07-31", "school_keys": [], "description": None}],
    "assessments": [
        {"alliance_key": "a-2", "year": 2023, "component": "partnerships", "stage": "planning",
         "benchmarks": ["leadership_team", "funding"]},
        {"alliance_key": "a-2", "year": 2024, "component": "partnerships",
         "stage": "early_implementation", "benchmarks": []}],
}


def load(tenant: Tenant, kind: str, text: str | bytes, **kwargs) -> ImportResult:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return import_csv(tenant=tenant, kind=kind, data=data, file_name=f"{kind}.csv", **kwargs)


def load_programme(tenant: Tenant, *, until: str | None = None) -> None:
    """Import the programme's files in order, stopping before `until`."""
    for kind, text in PROGRAMME.items():
        if kind == until:
            return
        load(tenant, kind, text)


def _count(tx, *, query: str, tenant: str) -> int:
    return tx.run(query, tenant=tenant).single()[0]


def graph_counts(slug: str) -> tuple[int, int]:
    """(nodes, relationships) of a tenant."""
    return (graph.read(_count, query=system.COUNT_TENANT_NODES, tenant=slug),
            graph.read(_count, query=system.COUNT_TENANT_RELATIONSHIPS, tenant=slug))


@pytest.fixture
def programme(tenant: Tenant) -> Tenant:
    """The tenant with the whole small programme imported."""
    load_programme(tenant)
    return tenant
