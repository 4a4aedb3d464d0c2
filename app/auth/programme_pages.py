"""The platform admin's programmes: create one, archive it (its members lose access, its
data is kept) and restore it."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import platform
from app.auth import bp
from app.auth.forms import ProgrammeForm, show_errors
from graph.errors import Conflict, Invalid


def _page(form: ProgrammeForm, status: int = 200):
    return render_template("auth/programmes.html", form=form,
                           programmes=platform.list_programmes(actor=current_user)), status


@bp.route("/admin/programmes", methods=["GET", "POST"])
@login_required
def programmes():
    form = ProgrammeForm()
    if not form.is_submitted():
        return _page(form)
    if not form.validate():
        return _page(form, 422)  # refuses a non-admin (403) before anything else
    try:
        tenant = platform.create_programme(
            actor=current_user, slug=form.slug.data, name=form.name.data,
            start_year=form.start_year.data, language=form.language.data or None)
    except (Invalid, Conflict) as exc:
        show_errors(form, exc if exc.errors else Invalid(exc.message,
                                                         errors=[{"field": "slug"}]))
        return _page(form, 422)
    flash(_("Programme %(name)s created.", name=tenant.name), "info")
    return redirect(url_for("auth.programmes"))


@bp.route("/admin/programmes/<slug>/archive", methods=["POST"])
@login_required
def archive_programme(slug: str):
    tenant = platform.set_archived(actor=current_user, slug=slug, archived=True)
    flash(_("%(name)s is archived: its members no longer reach it.", name=tenant.name), "info")
    return redirect(url_for("auth.programmes"))


@bp.route("/admin/programmes/<slug>/unarchive", methods=["POST"])
@login_required
def unarchive_programme(slug: str):
    tenant = platform.set_archived(actor=current_user, slug=slug, archived=False)
    flash(_("%(name)s is restored.", name=tenant.name), "info")
    return redirect(url_for("auth.programmes"))
