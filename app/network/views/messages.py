"""What the network's pages say after a change, one whole sentence per thing and outcome,
so each language words it its own way (no sentence is put together from pieces)."""
from __future__ import annotations

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

# (thing, outcome) -> sentence; %(name)s is the thing's name or key where it has one
MESSAGES = {
    ("Municipality", "created"): _l("Municipality %(name)s created."),
    ("Municipality", "saved"): _l("Municipality saved."),
    ("Municipality", "archived"): _l("Municipality %(name)s archived."),
    ("Municipality", "restored"): _l("Municipality %(name)s restored."),
    ("Municipality", "deleted"): _l("Municipality %(name)s deleted."),
    ("Zone", "created"): _l("Zone %(name)s created."),
    ("Zone", "saved"): _l("Zone saved."),
    ("Zone", "archived"): _l("Zone %(name)s archived."),
    ("Zone", "restored"): _l("Zone %(name)s restored."),
    ("Zone", "deleted"): _l("Zone %(name)s deleted."),
    ("School", "created"): _l("School %(name)s created."),
    ("School", "saved"): _l("School saved."),
    ("School", "archived"): _l("School %(name)s archived."),
    ("School", "restored"): _l("School %(name)s restored."),
    ("School", "deleted"): _l("School %(name)s deleted."),
    ("Partner", "created"): _l("Partner %(name)s created."),
    ("Partner", "saved"): _l("Partner saved."),
    ("Partner", "archived"): _l("Partner %(name)s archived."),
    ("Partner", "restored"): _l("Partner %(name)s restored."),
    ("Partner", "deleted"): _l("Partner %(name)s deleted."),
    ("Alliance", "saved"): _l("Alliance saved."),
    ("Alliance", "ended"): _l("Alliance ended."),
    ("Alliance", "archived"): _l("Alliance %(name)s archived."),
    ("Alliance", "restored"): _l("Alliance %(name)s restored."),
    ("Alliance", "deleted"): _l("Alliance %(name)s deleted."),
    ("Assessment", "saved"): _l("Assessment saved."),
    ("Assessment", "deleted"): _l("Assessment deleted."),
    ("Contribution", "saved"): _l("Contribution saved."),
    ("Contribution", "deleted"): _l("Contribution deleted."),
    ("Measure", "saved"): _l("Measure saved."),
    ("Measure", "ended"): _l("Measure ended."),
    ("Measure", "deleted"): _l("Measure deleted."),
}
NEW_TITLES = {"Municipality": _l("New municipality"), "Zone": _l("New zone"),
              "School": _l("New school"), "Partner": _l("New partner")}


def done(what: str, outcome: str, name: str | None = None) -> str:
    """The sentence for `what` (as the views name it) after `outcome`, in the reader's language."""
    sentence = MESSAGES.get((what, outcome))
    if sentence is None:
        return gettext("Saved.")
    return str(sentence) % {"name": name or ""}


def new_title(what: str) -> str:
    return str(NEW_TITLES.get(what, _l("New")))
