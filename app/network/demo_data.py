"""The demo programmes' territory, schools, partners, alliances and measures (fixed lists).

Yearly figures, families, contributions and assessments are generated from these by
app.network.demo with a fixed random seed.
"""
from __future__ import annotations

from typing import NamedTuple


class School(NamedTuple):
    key: str
    name: str
    level: str
    zone: str
    lines: int  # entry groups: 25 places each in primary, 30 in secondary


class Alliance(NamedTuple):
    key: str
    school: str
    partner: str
    theme: str
    start: int
    end: int | None = None


class Measure(NamedTuple):
    key: str
    municipality: str
    kind: str
    start: str
    end: str | None
    schools: tuple[str, ...]  # () = every school of the municipality
    description: str


class Programme(NamedTuple):
    municipalities: tuple[tuple[str, str, str], ...]  # key, name, code
    zones: tuple[tuple[str, str, str, float], ...]  # key, name, municipality, disadvantaged
    schools: tuple[School, ...]
    partners: tuple[tuple[str, str, str], ...]  # key, name, kind
    alliances: tuple[Alliance, ...]
    measures: tuple[Measure, ...]


P, S = "primary", "secondary"

CATALUNYA = Programme(
    municipalities=(
        ("m-barcelona", "Barcelona", "08019"), ("m-badalona", "Badalona", "08015"),
        ("m-hospitalet", "L'Hospitalet de Llobregat", "08101"),
        ("m-sabadell", "Sabadell", "08187"), ("m-terrassa", "Terrassa", "08279"),
        ("m-mataro", "Mataró", "08121"), ("m-girona", "Girona", "17079"),
        ("m-lleida", "Lleida", "25120"), ("m-tarragona", "Tarragona", "43148"),
        ("m-reus", "Reus", "43123"),
    ),
    zones=(
        ("z-bcn-ciutat-vella", "Ciutat Vella", "m-barcelona", .55),
        ("z-bcn-sants", "Sants-Montjuïc", "m-barcelona", .40),
        ("z-bcn-nou-barris", "Nou Barris", "m-barcelona", .50),
        ("z-bcn-sant-andreu", "Sant Andreu", "m-barcelona", .40),
        ("z-bcn-sant-marti", "Sant Martí", "m-barcelona", .32),
        ("z-bcn-eixample", "Eixample", "m-barcelona", .15),
        ("z-bcn-gracia", "Gràcia", "m-barcelona", .16),
        ("z-bcn-horta", "Horta-Guinardó", "m-barcelona", .26),
        ("z-bdn-sud", "Badalona Sud", "m-badalona", .52),
        ("z-bdn-centre", "Badalona Centre", "m-badalona", .28),
        ("z-hos-nord", "Collblanc-la Torrassa", "m-hospitalet", .48),
        ("z-hos-sud", "Bellvitge-el Gornal", "m-hospitalet", .36),
        ("z-sbd", "Sabadell", "m-sabadell", .30), ("z-trs", "Terrassa", "m-terrassa", .34),
        ("z-mat", "Mataró", "m-mataro", .33), ("z-gir", "Girona", "m-girona", .31),
        ("z-lld", "Lleida", "m-lleida", .35), ("z-tgn", "Tarragona", "m-tarragona", .30),
        ("z-reu", "Reus", "m-reus", .32),
    ),
    schools=(
        School("s-bcn-01", "Escola Drassanes", P, "z-bcn-ciutat-vella", 2),
        School("s-bcn-02", "Escola Milà i Fontanals", P, "z-bcn-ciutat-vella", 1),
        School("s-bcn-03", "Institut Miquel Tarradell", S, "z-bcn-ciutat-vella", 3),
        School("s-bcn-04", "Escola Mare de Déu de Montserrat", P, "z-bcn-sants", 1),
        School("s-bcn-05", "Escola Francesc Macià", P, "z-bcn-sants", 2),
        School("s-bcn-06", "Institut Montjuïc", S, "z-bcn-sants", 3),
        School("s-bcn-07", "Escola Turó Blau", P, "z-bcn-nou-barris", 1),
        School("s-bcn-08", "Escola Ciutat Comtal", P, "z-bcn-nou-barris", 2),
        School("s-bcn-09", "Institut Picasso", S, "z-bcn-nou-barris", 3),
        School("s-bcn-10", "Escola Baró de Viver", P, "z-bcn-sant-andreu", 1),
        School("s-bcn-11", "Escola Bon Pastor", P, "z-bcn-sant-andreu", 2),
        School("s-bcn-12", "Escola Poblenou", P, "z-bcn-sant-marti", 2),
        School("s-bcn-13", "Institut Front Marítim", S, "z-bcn-sant-marti", 3),
        School("s-bcn-14", "Escola Ramon Llull", P, "z-bcn-eixample", 3),
        School("s-bcn-15", "Escola Reina Violant", P, "z-bcn-gracia", 2),
        School("s-bcn-16", "Escola Els Pins", P, "z-bcn-horta", 2),
        School("s-bdn-01", "Escola La Salut", P, "z-bdn-sud", 1),
        School("s-bdn-02", "Escola Sant Roc", P, "z-bdn-sud", 2),
        School("s-bdn-03", "Institut Eugeni d'Ors", S, "z-bdn-centre", 3),
        School("s-bdn-04", "Escola Progrés", P, "z-bdn-centre", 2),
        School("s-hos-01", "Escola Pep Ventura", P, "z-hos-nord", 2),
        School("s-hos-02", "Escola Bellvitge", P, "z-hos-sud", 2),
        School("s-hos-03", "Institut Bellvitge", S, "z-hos-sud", 3),
        School("s-sbd-01", "Escola Can Rull", P, "z-sbd", 1),
        School("s-sbd-02", "Escola La Roureda", P, "z-sbd", 2),
        School("s-sbd-03", "Institut Ribot i Serra", S, "z-sbd", 3),
        School("s-trs-01", "Escola Ca n'Anglada", P, "z-trs", 1),
        School("s-trs-02", "Escola Sant Llorenç", P, "z-trs", 2),
        School("s-trs-03", "Institut Terrassa", S, "z-trs", 3),
        School("s-mat-01", "Escola Cirera", P, "z-mat", 1),
        School("s-mat-02", "Escola Rocafonda", P, "z-mat", 2),
        School("s-gir-01", "Escola Font de la Pòlvora", P, "z-gir", 1),
        School("s-gir-02", "Escola Vila-roja", P, "z-gir", 1),
        School("s-gir-03", "Institut Santiago Sobrequés", S, "z-gir", 3),
        School("s-lld-01", "Escola Magraners", P, "z-lld", 1),
        School("s-lld-02", "Escola Joan XXIII", P, "z-lld", 2),
        School("s-lld-03", "Institut Samuel Gili i Gaya", S, "z-lld", 3),
        School("s-tgn-01", "Escola Campclar", P, "z-tgn", 1),
        School("s-tgn-02", "Escola Sant Salvador", P, "z-tgn", 2),
        School("s-tgn-03", "Institut Comte de Rius", S, "z-tgn", 3),
        School("s-reu-01", "Escola Mare Molas", P, "z-reu", 1),
        School("s-reu-02", "Escola Pax", P, "z-reu", 2),
        School("s-reu-03", "Institut Gabriel Ferrater", S, "z-reu", 3),
    ),
    partners=(
        ("p-macba", "MACBA Museu d'Art Contemporani de Barcelona", "museum"),
        ("p-mnac", "Museu Nacional d'Art de Catalunya", "museum"),
        ("p-cosmocaixa", "CosmoCaixa", "museum"),
        ("p-museu-maritim", "Museu Marítim de Barcelona", "museum"),
        ("p-museu-blau", "Museu de Ciències Naturals de Barcelona", "museum"),
        ("p-mnactec", "Museu de la Ciència i de la Tècnica de Catalunya", "museum"),
        ("p-museu-musica", "Museu de la Música de Barcelona", "museum"),
        ("p-mnat", "Museu Nacional Arqueològic de Tarragona", "museum"),
        ("p-museu-lleida", "Museu de Lleida", "museum"),
        ("p-fundacio-miro", "Fundació Joan Miró", "museum"),
        ("p-icm", "Institut de Ciències del Mar (ICM-CSIC)", "research"),
        ("p-icfo", "ICFO Institut de Ciències Fotòniques", "research"),
        ("p-irb", "IRB Barcelona", "research"),
        ("p-crg", "Centre de Regulació Genòmica", "research"),
        ("p-icn2", "Institut Català de Nanociència i Nanotecnologia", "research"),
        ("p-bsc", "Barcelona Supercomputing Center", "research"),
        ("p-iciq", "Institut Català d'Investigació Química", "research"),
        ("p-creaf", "CREAF", "research"),
        ("p-isglobal", "ISGlobal", "research"),
        ("p-ibec", "Institut de Bioenginyeria de Catalunya", "research"),
        ("p-ub", "Universitat de Barcelona", "university"),
        ("p-uab", "Universitat Autònoma de Barcelona", "university"),
        ("p-upc", "Universitat Politècnica de Catalunya", "university"),
        ("p-upf", "Universitat Pompeu Fabra", "university"),
        ("p-udg", "Universitat de Girona", "university"),
        ("p-udl", "Universitat de Lleida", "university"),
        ("p-urv", "Universitat Rovira i Virgili", "university"),
        ("p-uvic", "Universitat de Vic", "university"),
        ("p-port-bcn", "Port de Barcelona", "company"),
        ("p-tmb", "Transports Metropolitans de Barcelona", "company"),
        ("p-aigues", "Aigües de Barcelona", "company"),
        ("p-fgc", "Ferrocarrils de la Generalitat de Catalunya", "company"),
        ("p-mercabarna", "Mercabarna", "company"),
        ("p-port-tgn", "Port de Tarragona", "company"),
        ("p-liceu", "Gran Teatre del Liceu", "cultural"),
        ("p-auditori", "L'Auditori", "cultural"),
        ("p-palau-musica", "Palau de la Música Catalana", "cultural"),
        ("p-teatre-lliure", "Teatre Lliure", "cultural"),
        ("p-fabra-coats", "Fabra i Coats Fàbrica de Creació", "cultural"),
        ("p-sala-beckett", "Sala Beckett", "cultural"),
        ("p-esplai", "Fundació Catalana de l'Esplai", "other"),
    ),
    alliances=(
        Alliance("a-bcn-01", "s-bcn-01", "p-icm", "Marine science", 2019),
        Alliance("a-bcn-02", "s-bcn-02", "p-macba", "Contemporary art", 2019),
        Alliance("a-bcn-03", "s-bcn-03", "p-icfo", "Light and photonics", 2020),
        Alliance("a-bcn-04", "s-bcn-04", "p-mnac", "Art and heritage", 2021),
        Alliance("a-bcn-05", "s-bcn-05", "p-museu-maritim", "The sea and navigation",
                 2019, 2021),
        Alliance("a-bcn-05-2", "s-bcn-05", "p-bsc", "Computational thinking", 2022),
        Alliance("a-bcn-07", "s-bcn-07", "p-cosmocaixa", "Science by experiment", 2020),
        Alliance("a-bcn-08", "s-bcn-08", "p-liceu", "Opera and the performing arts", 2022),
        Alliance("a-bcn-09", "s-bcn-09", "p-upc", "Robotics", 2021),
        Alliance("a-bcn-10", "s-bcn-10", "p-irb", "Biomedicine", 2023),
        Alliance("a-bcn-11", "s-bcn-11", "p-tmb", "Urban mobility", 2019, 2020),
        Alliance("a-bcn-11-2", "s-bcn-11", "p-auditori", "Music", 2021),
        Alliance("a-bcn-12", "s-bcn-12", "p-icn2", "Nanoscience", 2024),
        Alliance("a-bcn-13", "s-bcn-13", "p-crg", "Genomics", 2022),
        Alliance("a-bdn-01", "s-bdn-01", "p-icm", "Oceanography", 2022),
        Alliance("a-bdn-02", "s-bdn-02", "p-palau-musica", "Choral music", 2020),
        Alliance("a-hos-01", "s-hos-01", "p-teatre-lliure", "Theatre", 2021),
        Alliance("a-hos-02", "s-hos-02", "p-ub", "Health sciences", 2023),
        Alliance("a-sbd-01", "s-sbd-01", "p-creaf", "Ecology", 2020),
        Alliance("a-sbd-02", "s-sbd-02", "p-uab", "Mathematics", 2023),
        Alliance("a-trs-01", "s-trs-01", "p-mnactec", "Industrial heritage and technology",
                 2019),
        Alliance("a-trs-02", "s-trs-02", "p-fgc", "Transport engineering", 2024),
        Alliance("a-mat-01", "s-mat-01", "p-upf", "Communication and media", 2022),
        Alliance("a-gir-01", "s-gir-01", "p-udg", "Water and rivers", 2020),
        Alliance("a-gir-02", "s-gir-02", "p-sala-beckett", "Drama", 2019, 2022),
        Alliance("a-gir-02-2", "s-gir-02", "p-isglobal", "Global health", 2023),
        Alliance("a-lld-01", "s-lld-01", "p-udl", "Agri-food science", 2021),
        Alliance("a-lld-02", "s-lld-02", "p-museu-lleida", "Archaeology", 2022),
        Alliance("a-tgn-01", "s-tgn-01", "p-iciq", "Chemistry", 2019),
        Alliance("a-tgn-02", "s-tgn-02", "p-mnat", "Roman Tarraco", 2021),
        Alliance("a-reu-01", "s-reu-01", "p-urv", "Nutrition and health", 2020),
        Alliance("a-reu-02", "s-reu-02", "p-port-tgn", "Logistics and the sea", 2024),
    ),
    measures=(
        Measure("ms-bcn-office", "m-barcelona", "enrolment_office", "2019-02-01", None, (),
                "Single municipal enrolment office for every public school"),
        Measure("ms-bcn-meals", "m-barcelona", "grants_meals", "2019-09-01", None, (),
                "Free school meals for families below the income threshold"),
        Measure("ms-bcn-reserve", "m-barcelona", "place_reservation", "2020-03-01", None,
                ("s-bcn-01", "s-bcn-02", "s-bcn-03", "s-bcn-07", "s-bcn-14", "s-bcn-15"),
                "Places reserved for students with specific educational needs"),
        Measure("ms-bcn-p3", "m-barcelona", "early_detection_p3", "2021-09-01", None, (),
                "Early detection of special educational needs at P3"),
        Measure("ms-bcn-ratio", "m-barcelona", "ratio_reduction", "2022-09-01", "2024-07-31",
                ("s-bcn-01", "s-bcn-02", "s-bcn-07"), "Entry groups of 20 instead of 25"),
        Measure("ms-bdn-office", "m-badalona", "enrolment_office", "2020-02-01", None, (),
                "Municipal enrolment office"),
        Measure("ms-bdn-zoning", "m-badalona", "zoning_change", "2021-01-15", None,
                ("s-bdn-01", "s-bdn-02", "s-bdn-04"), "Mixed catchment areas across the city"),
        Measure("ms-hos-midyear", "m-hospitalet", "midyear_enrolment", "2021-09-01", None,
                (), "Mid-year arrivals spread across every school"),
        Measure("ms-sbd-surplus", "m-sabadell", "surplus_places", "2020-02-01", None,
                ("s-sbd-02",), "Entry groups closed where places were left over"),
        Measure("ms-trs-reserve", "m-terrassa", "place_reservation", "2019-03-01", None, (),
                "Places reserved for students with specific educational needs"),
        Measure("ms-mat-meals", "m-mataro", "grants_meals", "2022-09-01", None, (),
                "School meal grants"),
        Measure("ms-gir-office", "m-girona", "enrolment_office", "2019-02-01", None, (),
                "Municipal enrolment office"),
        Measure("ms-gir-ratio", "m-girona", "ratio_reduction", "2023-09-01", None,
                ("s-gir-01", "s-gir-02"), "Smaller entry groups in the allied schools"),
        Measure("ms-lld-zoning", "m-lleida", "zoning_change", "2020-01-20", None, (),
                "One catchment area for the whole city"),
        Measure("ms-lld-p3", "m-lleida", "early_detection_p3", "2022-09-01", None, (),
                "Early detection of special educational needs at P3"),
        Measure("ms-tgn-reserve", "m-tarragona", "place_reservation", "2021-03-01", None,
                ("s-tgn-01", "s-tgn-02", "s-tgn-03"), "Reserved places in every school"),
        Measure("ms-reu-surplus", "m-reus", "surplus_places", "2022-02-01", None,
                ("s-reu-03",), "Fewer entry groups where places were left over"),
        Measure("ms-reu-other", "m-reus", "other", "2023-01-10", None, ("s-reu-01",),
                "Open days for families in the allied school"),
    ),
)

EUSKADI = Programme(
    municipalities=(("m-donostia", "Donostia / San Sebastián", "20069"),),
    zones=(("z-eu-egia", "Egia", "m-donostia", .30), ("z-eu-altza", "Altza", "m-donostia", .42),
           ("z-eu-amara", "Amara", "m-donostia", .18)),
    schools=(
        School("s-eu-01", "Egia Eskola", P, "z-eu-egia", 2),
        School("s-eu-02", "Altza Eskola", P, "z-eu-altza", 2),
        School("s-eu-03", "Amara Berri Institutua", S, "z-eu-amara", 3),
    ),
    partners=(
        ("p-eu-aquarium", "Aquarium Donostia", "museum"),
        ("p-eu-dipc", "Donostia International Physics Center", "research"),
        ("p-eu-tabakalera", "Tabakalera", "cultural"),
        ("p-eu-upv", "Universidad del País Vasco / Euskal Herriko Unibertsitatea", "university"),
    ),
    alliances=(
        Alliance("a-eu-01", "s-eu-01", "p-eu-aquarium", "Marine biology", 2022),
        Alliance("a-eu-02", "s-eu-02", "p-eu-dipc", "Physics and materials", 2022),
        Alliance("a-eu-03", "s-eu-03", "p-eu-tabakalera", "Digital culture", 2023),
    ),
    measures=(
        Measure("ms-eu-office", "m-donostia", "enrolment_office", "2022-02-01", None, (),
                "Municipal enrolment office"),
        Measure("ms-eu-reserve", "m-donostia", "place_reservation", "2023-03-01", None,
                ("s-eu-01", "s-eu-02"), "Places reserved for students with needs"),
    ),
)

PROGRAMMES = {"catalunya": CATALUNYA, "euskadi": EUSKADI}
