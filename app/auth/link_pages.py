"""Where a single-use link lands: joining a programme by invitation (a new user sets a
password; an existing one logs in first, then accepts) and setting a password by a reset
link. Rate-limited per address, like the login."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from app.auth import bp, service_invitations
from app.auth.forms import AcceptForm, JoinForm, NewPasswordForm, show_errors
from app.auth.service_invitations import LinkError
from app.extensions import limiter
from app.models import Invitation, LinkKind
from graph.errors import Forbidden, Invalid


def _link_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _refused(exc: LinkError | Forbidden):
    reason = getattr(exc, "reason", "forbidden")
    return render_template("auth/link_refused.html", message=exc.message,
                           reason=reason), exc.status


def _home(link: Invitation):
    return redirect(url_for("main.tenant_home", slug=link.tenant.slug))


@bp.route("/invite/<token>", methods=["GET", "POST"])
@limiter.limit(_link_limit)
def accept_invitation(token: str):
    try:
        link = service_invitations.open_link(token, kind=LinkKind.INVITE)
        if current_user.is_authenticated:
            return _accept_as_member(token, link)
        if service_invitations.existing_user(link) is not None:
            return render_template("auth/invitation.html", link=service_invitations.describe(
                link), login=url_for("auth.login", next=request.path))
        return _join(token, link)
    except (LinkError, Forbidden) as exc:
        return _refused(exc)


def _accept_as_member(token: str, link: Invitation):
    if link.email != current_user.email:
        raise Forbidden(_("This invitation is for %(email)s, not for you: log out and open "
                          "the link again.", email=link.email))
    form = AcceptForm()
    if form.validate_on_submit():
        service_invitations.accept_as_member(token, user=current_user)
        flash(_("Welcome to %(name)s.", name=link.tenant.name), "info")
        return _home(link)
    return render_template("auth/invitation.html", form=form,
                           link=service_invitations.describe(link))


def _join(token: str, link: Invitation):
    form = JoinForm()
    if form.validate_on_submit():
        try:
            user = service_invitations.accept_as_new_user(token, password=form.new.data,
                                                          name=form.name.data or "")
        except Invalid as exc:
            show_errors(form, exc)
        else:
            login_user(user)
            flash(_("Welcome to %(name)s.", name=link.tenant.name), "info")
            return _home(link)
    return render_template("auth/invitation.html", form=form, new_user=True,
                           link=service_invitations.describe(link))


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit(_link_limit)
def reset_password(token: str):
    try:
        link = service_invitations.open_link(token, kind=LinkKind.RESET)
        form = NewPasswordForm()
        if form.validate_on_submit():
            user = service_invitations.reset_password(token, password=form.new.data)
            login_user(user)  # the new generation: every older session has ended
            flash(_("Your password is set. Your other sessions and your API tokens have "
                    "ended."), "info")
            return redirect(url_for("main.index"))
        return render_template("auth/reset.html", form=form,
                               link=service_invitations.describe(link))
    except (LinkError, Forbidden) as exc:
        return _refused(exc)
