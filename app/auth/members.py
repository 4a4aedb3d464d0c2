"""The people of a programme (coordinators only): who holds which role, invitations,
role and scope changes, revocations and password-reset links."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.auth import bp, lifecycle, policy, service_invitations, service_members
from app.auth.forms import ROLES, InviteForm, show_errors
from app.models import Invitation
from app.tenancy import current_access, tenant_route
from graph.errors import Invalid


def _page(form: InviteForm, status: int = 200):
    access = current_access()
    return render_template(
        "auth/members.html", tenant=access.tenant, form=form, roles=ROLES,
        members=service_members.list_members(access=access),
        pending=service_invitations.list_pending(access=access),
        tokens=lifecycle.list_tenant_tokens(access=access),
        may_change=lambda m: policy.may_change_member(access, user_id=m["id"])), status


def _link_page(link: Invitation, clear: str, *, endpoint: str):
    return render_template("auth/link_created.html", tenant=current_access().tenant,
                           link=service_invitations.describe(link),
                           url=url_for(endpoint, token=clear, _external=True))


@bp.route("/t/<slug>/users")
@tenant_route("users.manage")
def members(slug: str):
    return _page(InviteForm())


@bp.route("/t/<slug>/users/invite", methods=["POST"])
@tenant_route("users.manage")
def invite(slug: str):
    form = InviteForm()
    if not form.validate_on_submit():
        return _page(form, 422)
    try:
        link, clear = service_invitations.create_invitation(
            access=current_access(), email=form.email.data, role=form.role.data,
            scope_key=form.scope_key.data)
    except Invalid as exc:
        show_errors(form, exc)
        return _page(form, 422)
    return _link_page(link, clear, endpoint="auth.accept_invitation")


@bp.route("/t/<slug>/users/<int:user_id>/membership", methods=["POST"])
@tenant_route("users.manage")
def change_member(slug: str, user_id: int):
    membership = service_members.change_member(
        access=current_access(), user_id=user_id, role=request.form.get("role"),
        scope_key=request.form.get("scope_key"))
    flash(_("%(email)s is now %(role)s.", email=membership.user.email,
            role=membership.role), "info")
    return redirect(url_for("auth.members", slug=slug))


@bp.route("/t/<slug>/users/<int:user_id>/revoke", methods=["POST"])
@tenant_route("users.manage")
def revoke_member(slug: str, user_id: int):
    user = service_members.revoke_member(access=current_access(), user_id=user_id)
    flash(_("%(email)s no longer belongs to this programme.", email=user.email), "info")
    return redirect(url_for("auth.members", slug=slug))


@bp.route("/t/<slug>/users/<int:user_id>/reset", methods=["POST"])
@tenant_route("users.manage")
def reset_link(slug: str, user_id: int):
    link, clear = service_invitations.create_reset_link(access=current_access(),
                                                        user_id=user_id)
    return _link_page(link, clear, endpoint="auth.reset_password")


@bp.route("/t/<slug>/users/invitations/<int:invitation_id>/cancel", methods=["POST"])
@tenant_route("users.manage")
def cancel_invitation(slug: str, invitation_id: int):
    link = service_invitations.cancel_invitation(access=current_access(),
                                                 invitation_id=invitation_id)
    flash(_("The invitation of %(email)s is withdrawn: its link no longer works.",
            email=link.email), "info")
    return redirect(url_for("auth.members", slug=slug))
