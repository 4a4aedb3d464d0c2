"""Login, logout and password change."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.auth import bp, lifecycle, service
from app.auth.forms import LoginForm, PasswordForm
from app.extensions import limiter
from graph.errors import Invalid


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _email_key() -> str:
    return "login:" + (request.form.get("email") or "").strip().lower()


def _safe_next(target: str | None) -> str:
    """A local path to go back to; anything that could leave the site goes home instead."""
    if (target and target.startswith("/") and not urlsplit(target).netloc
            and not any(c == "\\" or ord(c) < 32 for c in target)  # browsers read / or skip them
            and not target.startswith("//")):
        return target
    return url_for("main.index")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_email_key)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = service.authenticate(email=form.email.data, password=form.password.data)
        if user is not None:
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        flash(_("Wrong email or password."), "error")
        return render_template("auth/login.html", form=form), 401
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    lifecycle.end_sessions(user=current_user)  # a copy of this cookie stops working too
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def password():
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            service.change_password(user=current_user, current=form.current.data,
                                    new=form.new.data)
        except Invalid as exc:
            form.current.errors.append(exc.message)
        else:
            login_user(current_user._get_current_object())  # this session, new generation
            flash(_("Your password has been changed. Your other sessions and your API "
                    "tokens have ended."), "info")
            return redirect(url_for("main.index"))
    return render_template("auth/password.html", form=form)
