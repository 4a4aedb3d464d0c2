"""The demo's ready-made scenarios: two what-ifs for Barcelona's P3 admissions seen from
Ciutat Vella, the district where NESE and disadvantaged pupils concentrate.

- Three places per school reserved for NESE pupils at every Barcelona school (places not
  taken are released at the end of the process).
- Ciutat Vella's families also count as near to a school in the Eixample and one in
  Gràcia (their proximity area grows).

Seeding saves them once (by name) and queues their runs; the worker (`imant scheduler`,
started by `make run`) carries them out.
"""
from __future__ import annotations

from typing import Any

from app import audit
from app.extensions import db
from app.models import Scenario, Tenant
from jobs import runs
from jobs.kinds import SIMULATION

YEAR = 2024
DEMO_SCENARIOS: dict[str, tuple[dict[str, Any], ...]] = {"catalunya": (
    {"name": "Ciutat Vella: 3 places NESE reservades a cada escola",
     "description": "Cada escola de Barcelona reserva tres places de P3 per a alumnat amb "
                    "necessitats específiques de suport educatiu; les que no s'ocupen "
                    "s'alliberen al final del procés.",
     "measures": {"mechanism": "boston",
                  "reserve": {"group": "nese", "places": 3, "schools": []}}},
    {"name": "Ciutat Vella: àrea de proximitat ampliada a l'Eixample i Gràcia",
     "description": "Les famílies de Ciutat Vella també tenen punts de proximitat a "
                    "l'Escola Ramon Llull (Eixample) i a l'Escola Reina Violant (Gràcia).",
     "measures": {"mechanism": "boston",
                  "zones_add": [["s-bcn-14", "z-bcn-ciutat-vella"],
                                ["s-bcn-15", "z-bcn-ciutat-vella"]]}},
)}


def seed_scenarios(tenant: Tenant) -> None:
    """Seed step: the demo programme's scenarios, saved once and queued to run."""
    for spec in DEMO_SCENARIOS.get(tenant.slug, ()):
        found = db.session.execute(db.select(Scenario).filter_by(
            tenant_id=tenant.id, name=spec["name"])).scalar_one_or_none()
        if found is None:
            found = Scenario(tenant_id=tenant.id, municipality_key="m-barcelona", year=YEAR,
                             level="primary", draws=100, seed=0, **spec)
            db.session.add(found)
            db.session.flush()
            audit.record(action="scenario.create", target=f"scenario:{found.id}",
                         tenant_id=tenant.id, user_id=None, after={"name": found.name})
            db.session.commit()
        if found.results is None:
            run, created = runs.claim(tenant=tenant, kind=SIMULATION, period=str(found.id),
                                      trigger="demo", details={"scenario": found.id})
            if created:
                found.run_id = run.id
                db.session.commit()
