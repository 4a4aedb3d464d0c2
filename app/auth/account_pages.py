"""A user's own tokens (created here, shown once) and where accounts and tokens end:
revoking one's own, and the coordinator's actions
on the programme's members (revoke a token, deactivate a user)."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.auth import bp, lifecycle, service
from app.auth.forms import TokenForm, show_errors
from app.auth.language import LanguageForm, set_language
from app.tenancy import current_access, tenant_route
from graph.errors import Invalid


def _tokens_page(form: TokenForm, *, created: dict | None = None, status: int = 200,
                 language_form: LanguageForm | None = None):
    if language_form is None:
        language_form = LanguageForm(formdata=None, language=current_user.language or "")
    return render_template("auth/tokens.html", form=form, created=created,
                           language_form=language_form,
                           tokens=lifecycle.list_own_tokens(user=current_user)), status


@bp.route("/account/tokens", methods=["GET", "POST"])
@login_required
def tokens():
    form = TokenForm()
    if not form.is_submitted():
        return _tokens_page(form)
    if not form.validate():
        return _tokens_page(form, status=422)
    try:
        clear, expires = service.create_own_token(user=current_user, name=form.name.data,
                                                  days=form.days.data)
    except Invalid as exc:
        show_errors(form, exc)
        return _tokens_page(form, status=422)
    # shown once, on this answer only: never stored in clear, never redirected to
    return _tokens_page(TokenForm(formdata=None), created={
        "token": clear, "expires_at": lifecycle.iso_moment(expires)})


@bp.route("/account/language", methods=["POST"])
@login_required
def language():
    form = LanguageForm()
    if not form.validate_on_submit():
        return _tokens_page(TokenForm(formdata=None), language_form=form, status=422)
    set_language(user=current_user, language=form.language.data)
    flash(_("Your language is saved."), "info")
    return redirect(url_for("auth.tokens"))


@bp.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_own_token(token_id: int):
    lifecycle.revoke_own_token(user=current_user, token_id=token_id)
    flash(_("The token is revoked."), "info")
    return redirect(url_for("auth.tokens"))


@bp.route("/t/<slug>/users/tokens/<int:token_id>/revoke", methods=["POST"])
@tenant_route("users.manage")
def revoke_member_token(slug: str, token_id: int):
    lifecycle.revoke_tenant_token(access=current_access(), token_id=token_id)
    flash(_("The token is revoked."), "info")
    return redirect(url_for("auth.members", slug=slug))


@bp.route("/t/<slug>/users/<int:user_id>/deactivate", methods=["POST"])
@tenant_route("users.manage")
def deactivate_member(slug: str, user_id: int):
    user = lifecycle.deactivate_member(access=current_access(), user_id=user_id)
    flash(_("%(email)s is deactivated: their sessions and tokens have ended.",
            email=user.email), "info")
    return redirect(url_for("auth.members", slug=slug))
