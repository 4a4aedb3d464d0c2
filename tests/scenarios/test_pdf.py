"""The one-page PDF a scenario's run writes: the published figures, tagged, in the
programme's language, served to those who may read the scenario."""
from __future__ import annotations

import io
from pathlib import Path

from flask import current_app
from pdfua import validate
from pypdf import PdfReader

from app.extensions import db
from app.models import Scenario
from app.scenarios import service
from tests.scenarios.conftest import SCENARIO, carry_out_queued


def run_one(access) -> dict:
    made = service.create_scenario(access=access(), data=SCENARIO)
    service.run_scenario(access=access(), scenario_id=made["id"])
    carry_out_queued()
    return service.get_scenario(access=access(), scenario_id=made["id"])


def text_of(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_the_run_writes_a_tagged_one_pager_of_the_published_results(access, market):
    item = run_one(access)
    path, name = service.pdf_file(access=access(), scenario_id=item["id"])
    assert name == f"scenario-{item['id']}-nese-reservation-at-turo.pdf"
    text = text_of(path)
    for words in ("What-if: NESE reservation at Turó", "How far to trust the model",
                  "4 places per school reserved for Special educational needs (NESE) at "
                  "Escola Turó", "Escola Riu", "Baseline"):
        assert words in " ".join(text.split()), words
    assert "suppressed" in text  # ten NESE pupils over two schools: small intakes withheld
    stored = db.session.get(Scenario, item["id"]).results
    small = [s["name"] for s in stored["scenario"]["schools"]
             if 0 < s["intake"]["nese"][0] < market.suppression_threshold]
    lines = text.split("\n")
    for school in small:  # its row: places, reserved, admitted ×2, NESE ×2, disadvantaged ×2
        cells = lines[lines.index(school) + 1:][:8]
        assert cells[5] == "suppressed", (school, cells)
    assert small
    findings = list(validate(str(path)).findings)
    assert findings == [], [(f.rule_id, f.message) for f in findings]
    assert len(PdfReader(str(path)).pages) == 1


def test_the_pdf_is_in_the_programmes_language(access, market):
    market.settings = {**(market.settings or {}), "language": "ca"}
    db.session.commit()
    path, _name = service.pdf_file(access=access(), scenario_id=run_one(access)["id"])
    assert "Escola Riu" in text_of(path)  # names are data; the words are the catalogue's
    assert PdfReader(str(path)).trailer["/Root"]["/Lang"] == "ca"


def test_pages_and_api_serve_it_to_readers_only_and_deleting_removes_it(access, page, market):
    item = run_one(access)
    mine = page("municipality", "m-a")
    with mine.get(f"/t/{market.slug}/scenarios/{item['id']}.pdf") as answer:
        assert answer.status_code == 200 and answer.mimetype == "application/pdf"
        assert answer.data.startswith(b"%PDF")
    assert page("municipality", "m-b").get(
        f"/t/{market.slug}/scenarios/{item['id']}.pdf").status_code == 404
    path = Path(current_app.config["REPORTS_DIR"]) / db.session.get(
        Scenario, item["id"]).pdf_path
    service.delete_scenario(access=access(), scenario_id=item["id"])
    assert not path.exists()


def test_a_new_run_replaces_the_pdf_only_once_its_results_are_recorded(access, market):
    item = run_one(access)
    first, _name = service.pdf_file(access=access(), scenario_id=item["id"])
    service.run_scenario(access=access(), scenario_id=item["id"])
    carry_out_queued()
    second, _name = service.pdf_file(access=access(), scenario_id=item["id"])
    assert second != first and second.is_file() and not first.exists()
    assert sorted(p.name for p in second.parent.iterdir()) == [second.name]


def test_no_pdf_before_the_first_run(access, page, market):
    made = service.create_scenario(access=access(), data=SCENARIO)
    assert page().get(f"/t/{market.slug}/scenarios/{made['id']}.pdf").status_code == 404
