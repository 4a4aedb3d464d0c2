"""The upload form: which kind of file, and the file."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from app.imports.kinds import ALL_KINDS


class UploadForm(FlaskForm):
    kind = SelectField(_l("What the file holds"),
                       choices=[SelectChoice(k, k.replace("_", " "))
                                for k in ALL_KINDS],
                       validators=[DataRequired(_l("Choose what the file holds."))])
    file = FileField(_l("CSV file (UTF-8, header row)"),
                     validators=[FileRequired(_l("Choose a CSV file."))])
    submit = SubmitField(_l("Import"))
