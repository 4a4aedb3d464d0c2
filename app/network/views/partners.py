"""Partner institutions: lists and details for every network role, changes by
coordinators, and a partner user's "My alliances"."""
from __future__ import annotations

from flask import redirect, render_template
from flask_babel import gettext as _

from app.network import service
from app.network.forms import PartnerForm
from app.network.policy import may_log, sees_contributions
from app.network.views import bp
from app.network.views.page_helpers import (
    ALL,
    change_page,
    lifecycle_routes,
    list_args,
    name_of,
    new_page,
    url,
)
from app.tenancy import current_access, tenant_route

lifecycle_routes(plural="partners", name="partner", what="Partner",
                 archive=service.archive_partner, delete=service.delete_partner)


@bp.route("/t/<slug>/partners")
@tenant_route("network.view")
def partner_list(slug: str):
    page = service.list_partners(access=current_access(), **list_args("partners"))
    return render_template("network/partners.html", page=page)


@bp.route("/t/<slug>/partners/<key>")
@tenant_route("network.view")
def partner_detail(slug: str, key: str):
    """A partner with its alliances (history included) and, for its own users and
    coordinators, what it contributed."""
    access = current_access()
    item = service.get_partner(access=access, key=key)
    alliances = service.list_alliances(access=access, partner=key, archived=True,
                                       per_page=ALL).items
    contributions = (service.list_contributions(access=access, partner=key, per_page=10)
                     if sees_contributions(access, partner=key) else None)
    return render_template("network/partner.html", item=item, alliances=alliances,
                           contributions=contributions, logs=may_log(access, key))


@bp.route("/t/<slug>/partners/new", methods=["GET", "POST"])
@tenant_route("network.edit")
def partner_new(slug: str):
    return new_page(PartnerForm(), service.create_partner, name="partner", what="Partner")


@bp.route("/t/<slug>/partners/<key>/edit", methods=["GET", "POST"])
@tenant_route("network.edit")
def partner_edit(slug: str, key: str):
    item = service.get_partner(access=current_access(), key=key)
    return change_page(PartnerForm.for_edit(item), service.update_partner, key=key,
                       what="Partner", done=url("network.partner_detail", key=key),
                       title=_("Edit %(name)s", name=name_of(item)))


@bp.route("/t/<slug>/my/alliances")
@tenant_route("partner.own")
def my_alliances(slug: str):
    return redirect(url("network.partner_detail", key=current_access().scope_key))


@bp.route("/t/<slug>/my/contributions")
@tenant_route("partner.own")
def my_contributions(slug: str):
    """The partner's contribution history (the list narrows itself to their partner)."""
    return redirect(url("network.contribution_list"))
