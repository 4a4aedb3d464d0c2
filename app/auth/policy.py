"""Who may manage whom, each rule stated once.

Coordinators (`users.manage`) invite people into their programme, change a member's role
or scope, revoke a membership and hand out password-reset links; never on themselves
(a coordinator cannot lock themselves out), and never a reset for someone who also works
in other programmes or runs the platform (their password is not this programme's to
reset). Platform admins create, archive and restore programmes. Services enforce these
rules (`require_*`); pages ask the same ones (`may_*`) to show or hide buttons.
"""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from app.tenancy import Access
from graph.errors import Forbidden, Invalid


def may_manage_members(access: Access) -> bool:
    return access.can("users.manage")


def require_manage_members(access: Access) -> None:
    access.require("users.manage")


def may_change_member(access: Access, *, user_id: int) -> bool:
    """A coordinator changes other members, never their own membership."""
    return may_manage_members(access) and user_id != access.user_id


def require_change_member(access: Access, *, user_id: int) -> None:
    require_manage_members(access)
    if user_id == access.user_id:
        raise Invalid(_("You cannot change or revoke your own membership."),
                      errors=[{"field": "user_id", "reason": "yourself"}])


def may_reset_password(access: Access, *, user: Any) -> bool:
    """Only for a member of this programme alone who does not run the platform."""
    return (may_change_member(access, user_id=user.id) and not user.is_platform_admin
            and len(user.memberships) == 1)


def require_reset_password(access: Access, *, user: Any) -> None:
    require_change_member(access, user_id=user.id)
    if not may_reset_password(access, user=user):
        raise Forbidden(_("%(email)s also works in other programmes: only they can change "
                          "their password.", email=user.email))


def is_platform_admin(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_platform_admin)


def require_platform_admin(user: Any) -> None:
    if not is_platform_admin(user):
        raise Forbidden(_("Only a platform administrator may manage programmes."))
