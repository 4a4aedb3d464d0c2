"""Account, member and programme forms. The services check the same rules again and name
the field of any error, which the pages show beside that field."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, NumberRange, Optional

from app.i18n import LOCALES
from app.models import Role
from graph.errors import Invalid

ROLES = [r.value for r in Role]
HIDDEN = ("CSRFTokenField", "HiddenField")


def show_errors(form: FlaskForm, exc: Invalid) -> None:
    """Put a service's error beside the field it names (else beside the first shown one)."""
    names = [e.get("field") for e in exc.errors if e.get("field") in form]
    target = form[names[0]] if names else next(f for f in form if f.type not in HIDDEN)
    target.errors = [*target.errors, exc.message]


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Log in"))


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired()])
    new = PasswordField(_l("New password"),
                        validators=[DataRequired(), Length(min=10, max=200)])
    confirm = PasswordField(_l("Repeat the new password"),
                            validators=[DataRequired(),
                                        EqualTo("new", _l("The passwords differ."))])
    submit = SubmitField(_l("Change password"))


class NewPasswordForm(FlaskForm):
    """A password set through an invitation or a reset link: the rules of a change."""

    new = PasswordField(_l("New password"),
                        validators=[DataRequired(), Length(min=10, max=200)])
    confirm = PasswordField(_l("Repeat the new password"),
                            validators=[DataRequired(),
                                        EqualTo("new", _l("The passwords differ."))])
    submit = SubmitField(_l("Set password"))


class JoinForm(NewPasswordForm):
    name = StringField(_l("Your name"), validators=[Optional(), Length(max=200)])
    submit = SubmitField(_l("Set password and join"))


class AcceptForm(FlaskForm):
    submit = SubmitField(_l("Accept the invitation"))


class InviteForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    role = SelectField(_l("Role"), choices=[SelectChoice(r, r) for r in ROLES],
                       validators=[DataRequired()])
    scope_key = StringField(_l("Key of their partner, municipality or school"),
                            validators=[Optional(), Length(max=128)],
                            description=_l("Not needed for coordinators and evaluators."))
    submit = SubmitField(_l("Create the invitation link"))


class TokenForm(FlaskForm):
    name = StringField(_l("Name (what the token is for)"),
                       validators=[Optional(), Length(max=100)])
    days = IntegerField(_l("Days until it expires"),
                        validators=[Optional(), NumberRange(min=1, max=365)])
    submit = SubmitField(_l("Create a token"))


class ProgrammeForm(FlaskForm):
    slug = StringField(_l("Slug (in addresses)"),
                       validators=[DataRequired(), Length(min=2, max=63)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    start_year = IntegerField(_l("Start year"),
                              validators=[DataRequired(), NumberRange(min=1990, max=2100)])
    language = SelectField(_l("Language"), choices=[SelectChoice("", _l("the browser's"))]
                           + [SelectChoice(code, code) for code in LOCALES],
                           validators=[Optional()])
    submit = SubmitField(_l("Create the programme"))
