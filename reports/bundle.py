"""The evaluation bundle's documents: data package, CSVs, codebook, summary, RO-Crate, manifest.

Everything here is plain data in, bytes out; jobs/evaluation.py streams the
results into the zip. The data package follows the Frictionless Data Package
spec (every field typed and described, primary and foreign keys declared);
the RO-Crate metadata follows RO-Crate 1.1 (JSON-LD, written by hand).
"""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

from domain.csv_safety import neutralise
from domain.vocabulary import school_year_bounds, school_year_label
from reports import bundle_page
from reports.bundle_plan import plan_tables
from reports.bundle_summary import summary_tables
from reports.bundle_tables import (
    Resource,
    assessments_table,
    contributions_table,
    entity_tables,
    school_years_table,
    territory_tables,
)
from reports.data import SUPPRESSED, Suppressor
from reports.snapshot import Network

DATA_DIR = "data"


def build_resources(net: Network, *, first_year: int, last_year: int,
                    threshold: int) -> list[Resource]:
    """Every table of the bundle, in dependency order (referenced tables first)."""
    sup = Suppressor.of(net, threshold)
    return [*entity_tables(net, last_year=last_year),
            contributions_table(net, last_year=last_year, sup=sup),
            assessments_table(net, last_year=last_year),
            *plan_tables(net, first_year=first_year, last_year=last_year, sup=sup),
            school_years_table(net, last_year=last_year, sup=sup),
            *territory_tables(net, last_year=last_year, sup=sup),
            *summary_tables(net, years=list(range(first_year, last_year + 1)), sup=sup)]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def to_csv(resource: Resource) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([f.name for f in resource.fields])
    for row in resource.rows:
        writer.writerow([neutralise(_cell(v)) for v in row])
    return buffer.getvalue().encode("utf-8")


def missing_values(threshold: int) -> list[str]:
    return ["", f"<{threshold}", SUPPRESSED]


def datapackage(resources: list[Resource], *, name: str, title: str, description: str,
                threshold: int, created: str) -> dict[str, Any]:
    """The datapackage.json descriptor."""
    return {
        "name": name, "title": title, "description": description, "created": created,
        "profile": "tabular-data-package",
        "licenses": [{"name": "restricted", "title": "Restricted: programme evaluation only"}],
        "resources": [{
            "name": r.name, "title": r.title, "description": r.description,
            "path": f"{DATA_DIR}/{r.name}.csv", "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {
                "fields": [{"name": f.name, "type": f.type, "description": f.description}
                           for f in r.fields],
                "primaryKey": r.primary_key,
                "foreignKeys": [{"fields": own, "reference": {"resource": other,
                                                               "fields": theirs}}
                                for own, other, theirs in r.foreign_keys],
                "missingValues": missing_values(threshold),
            },
        } for r in resources],
    }


def codebook(resources: list[Resource], *, title: str, threshold: int,
             first_year: int, last_year: int) -> bytes:
    """The codebook (Markdown): layout, markers, definitions, then every table and field."""
    lines = [f"# Codebook — {title}", "",
             f"School years {school_year_label(first_year)} to "
             f"{school_year_label(last_year)}. A school year is named by the calendar "
             "year it starts in (2024 = 2024-25).", "", "## Layout", "",
             "- `datapackage.json` — Frictionless Data Package descriptor of the tables",
             f"- `{DATA_DIR}/*.csv` — the tables (UTF-8, comma separated, header row)",
             "- `reports/annual/<year>/<school>.pdf|.json` — the cycle's annual school reports",
             "- `summary.html` — the programme summary; its tables are `summary_*`",
             "- `logic_models.json` — the latest logic model of every alliance",
             "- `ro-crate-metadata.json` — RO-Crate 1.1 description of the bundle",
             "- `manifest-sha256.txt` — SHA-256 of every other file", "",
             "## Markers and privacy", "",
             f"- `<{threshold}`: a count of people from 1 to {threshold - 1}, withheld.",
             f"- `{SUPPRESSED}`: a value withheld because it would reveal such a count "
             "(a share, ratio or total computed from it).",
             "- empty: undefined (e.g. an index of a territory with one school) or not recorded;"
             " territory tables give the reason in `undefined_reason`.",
             "- No table has a row per family or per person; families appear only as counts.",
             "", "## Indicators", "",
             "For a territory with schools i, focus-group students a_i, others b_i, "
             "A = Σa_i, B = Σb_i:", "",
             "- D = ½ Σ |a_i/A − b_i/B| (dissimilarity)",
             "- xPx = Σ (a_i/A)(a_i/t_i) (isolation); xPy = Σ (a_i/A)(b_i/t_i) (exposure)",
             "- H = 1 − Σ sqrt((a_i/A)(b_i/B)) (Hutchens square root)",
             "- M = Σ_i Σ_g p_ig ln(p_ig / (p_i p_g)) over the two groups (mutual information)",
             "- composition gap = a_i/t_i − A/(A+B), in percentage points",
             "- demand ratio = first-choice applications ÷ places offered", "", "## Tables", ""]
    for r in resources:
        lines += [f"### `{r.name}` — {r.title}", "", r.description, "",
                  f"Primary key: `{', '.join(r.primary_key)}`."]
        for own, other, theirs in r.foreign_keys:
            lines.append(f"Foreign key: `{', '.join(own)}` → `{other}.{', '.join(theirs)}`.")
        lines += ["", "| field | type | description |", "|---|---|---|"]
        lines += [f"| `{f.name}` | {f.type} | {f.description} |" for f in r.fields]
        lines.append("")
    return "\n".join(lines).encode("utf-8")


def summary_html(resources: list[Resource], *, title: str, tenant: str,
                 first_year: int, last_year: int, threshold: int,
                 language: str | None = None) -> bytes:
    """summary.html (reports/bundle_page.py): labels, names, charts per level."""
    return bundle_page.summary_html(resources, title=title, tenant=tenant,
                                    first_year=first_year, last_year=last_year,
                                    threshold=threshold, language=language)


def ro_crate(*, title: str, description: str, tenant: str, first_year: int, last_year: int,
             files: dict[str, tuple[int, str]], report_dirs: list[str],
             resources: list[Resource], published: date) -> bytes:
    """ro-crate-metadata.json (RO-Crate 1.1) describing the bundle and its parts."""
    described = {f"{DATA_DIR}/{r.name}.csv": r for r in resources}
    parts = [{"@id": "datapackage.json"}, {"@id": f"{DATA_DIR}/"}, {"@id": "summary.html"},
             {"@id": "codebook.md"}, *({"@id": d} for d in report_dirs)]
    graph: list[dict[str, Any]] = [
        {"@id": "ro-crate-metadata.json", "@type": "CreativeWork",
         "conformsTo": {"@id": "https://w3id.org/ro/crate/1.1"}, "about": {"@id": "./"}},
        {"@id": "./", "@type": "Dataset", "name": title, "description": description,
         "datePublished": published.isoformat(), "temporalCoverage":
         f"{school_year_bounds(first_year)[0]}/{school_year_bounds(last_year)[1]}",
         "license": {"@id": "#licence"},
         "publisher": {"@id": "#programme"}, "hasPart": parts},
        {"@id": "#licence", "@type": "CreativeWork", "name": "Restricted use",
         "description": "For the evaluation of the programme only; no redistribution."},
        {"@id": "#programme", "@type": "Organization", "name": tenant},
        {"@id": "datapackage.json", "@type": "File", "name": "Data package descriptor",
         "encodingFormat": "application/json",
         "conformsTo": {"@id": "https://specs.frictionlessdata.io/data-package/"},
         **_size(files, "datapackage.json")},
        {"@id": f"{DATA_DIR}/", "@type": "Dataset", "name": "Tables",
         "hasPart": [{"@id": path} for path in described]},
        {"@id": "summary.html", "@type": "File", "name": "Programme summary",
         "encodingFormat": "text/html", **_size(files, "summary.html")},
        {"@id": "codebook.md", "@type": "File", "name": "Codebook",
         "encodingFormat": "text/markdown", **_size(files, "codebook.md")},
    ]
    graph += [{"@id": path, "@type": "File", "name": r.title, "description": r.description,
               "encodingFormat": "text/csv", **_size(files, path)}
              for path, r in described.items()]
    graph += [{"@id": d, "@type": "Dataset", "name": f"Annual school reports {d.split('/')[-2]}",
               "description": "One PDF and one JSON per school, with the same figures."}
              for d in report_dirs]
    doc = {"@context": "https://w3id.org/ro/crate/1.1/context", "@graph": graph}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _size(files: dict[str, tuple[int, str]], path: str) -> dict[str, str]:
    return {"contentSize": str(files[path][0])} if path in files else {}


def manifest(files: dict[str, tuple[int, str]]) -> bytes:
    """sha256sum-style lines for every file (`sha256sum -c` checks them)."""
    return "".join(f"{sha}  {path}\n" for path, (_, sha) in sorted(files.items())).encode()
