"""A user's own language: the form on the account page and the audited change."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf

from app import audit
from app.extensions import db
from app.i18n import LANGUAGE_NAMES
from app.models import User

NO_CHOICE = ""  # the programme's language, else the browser's


class LanguageForm(FlaskForm):
    language = SelectField(
        _l("Language"),
        choices=[SelectChoice(NO_CHOICE, _l("The programme's, else the browser's")),
                 *(SelectChoice(code, name) for code, name in LANGUAGE_NAMES.items())],
        validators=[AnyOf([NO_CHOICE, *LANGUAGE_NAMES], message=_l("Choose a language."))])
    submit = SubmitField(_l("Save language"))


def set_language(*, user: User, language: str | None) -> None:
    """Keep the user's language (None: none chosen) and audit the change."""
    before = user.language
    user.language = language or None
    audit.record(action="user.language", target=user.email, tenant_id=None, user_id=user.id,
                 before={"language": before}, after={"language": user.language})
    db.session.commit()
