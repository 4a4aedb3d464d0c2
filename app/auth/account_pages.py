"""Pages where accounts and tokens end: a user's own tokens, and the coordinator's actions
on the programme's members (revoke a token, deactivate a user)."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.auth import bp, lifecycle
from app.auth.language import LanguageForm, set_language
from app.tenancy import current_access, tenant_route


@bp.route("/account/tokens")
@login_required
def tokens():
    return render_template("auth/tokens.html",
                           tokens=lifecycle.list_own_tokens(user=current_user),
                           language_form=LanguageForm(language=current_user.language or ""))


@bp.route("/account/language", methods=["POST"])
@login_required
def language():
    form = LanguageForm()
    if not form.validate_on_submit():
        return render_template("auth/tokens.html", language_form=form,
                               tokens=lifecycle.list_own_tokens(user=current_user)), 422
    set_language(user=current_user, language=form.language.data)
    flash(_("Your language is saved."), "info")
    return redirect(url_for("auth.tokens"))


@bp.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_own_token(token_id: int):
    lifecycle.revoke_own_token(user=current_user, token_id=token_id)
    flash("The token is revoked.", "info")
    return redirect(url_for("auth.tokens"))


@bp.route("/t/<slug>/users/tokens/<int:token_id>/revoke", methods=["POST"])
@tenant_route("users.manage")
def revoke_member_token(slug: str, token_id: int):
    lifecycle.revoke_tenant_token(access=current_access(), token_id=token_id)
    flash("The token is revoked.", "info")
    return redirect(url_for("auth.members", slug=slug))


@bp.route("/t/<slug>/users/<int:user_id>/deactivate", methods=["POST"])
@tenant_route("users.manage")
def deactivate_member(slug: str, user_id: int):
    user = lifecycle.deactivate_member(access=current_access(), user_id=user_id)
    flash(f"{user.email} is deactivated: their sessions and tokens have ended.", "info")
    return redirect(url_for("auth.members", slug=slug))
