"""The upload page: coordinators load a CSV file of one kind into their programme."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import ngettext
from flask_login import current_user

from app.i18n import number
from app.imports import service
from app.imports.forms import UploadForm
from app.limits import body_limit
from app.tenancy import current_access, tenant_route
from graph.errors import Invalid

bp = Blueprint("imports", __name__)


@bp.route("/t/<slug>/import", methods=["GET", "POST"])
@tenant_route("network.import")
@body_limit("IMPORT_MAX_BYTES", extra=64 * 1024)  # the file plus the form's fields
def upload(slug: str):
    access = current_access()
    form = UploadForm()
    errors, message, status = [], None, 200
    if form.validate_on_submit():
        upload_file = form.file.data
        try:
            result = service.import_csv(
                tenant=access.tenant, kind=form.kind.data, data=upload_file.read(),
                file_name=upload_file.filename or "", user_id=access.user_id,
                actor=current_user.email)
        except Invalid as exc:
            errors, message, status = exc.errors, exc.message, 422
        else:
            flash(ngettext("Imported %(rows)s %(kind)s row from %(file)s: %(created)s new, "
                           "%(updated)s updated.",
                           "Imported %(rows)s %(kind)s rows from %(file)s: %(created)s new, "
                           "%(updated)s updated.", result.rows,
                           rows=number(result.rows, 0), kind=form.kind.data.replace("_", " "),
                           file=result.file_name,
                           created=number(result.created, 0),
                           updated=number(result.updated, 0)), "info")
            return redirect(url_for("imports.upload", slug=slug))
    elif form.is_submitted():
        status = 422
    return render_template("imports/upload.html", form=form, kinds=service.kinds(),
                           errors=errors, message=message, tenant=access.tenant), status
