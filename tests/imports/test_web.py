"""The upload page, the JSON API and the command line: one service behind all three."""
from __future__ import annotations

import io

import pytest

from app.auth.service import create_token
from app.imports.service import read_rows
from tests.conftest import csrf_token, make_user
from tests.imports.conftest import PROGRAMME, graph_counts, load_programme

PARTNERS = "key,name,kind\np-x,Museu X,museum\n"


def _upload(client, slug: str, kind: str, data: bytes, token: str | None):
    form = {"kind": kind, "file": (io.BytesIO(data), f"{kind}.csv")}
    if token is not None:
        form["csrf_token"] = token
    return client.post(f"/t/{slug}/import", data=form, content_type="multipart/form-data",
                       follow_redirects=True)


def test_a_coordinator_uploads_a_file(client, tenant, login_as):
    login_as("coordinator")
    page = client.get(f"/t/{tenant.slug}/import")
    assert page.status_code == 200
    assert "school_years" in page.get_data(as_text=True)
    token = csrf_token(client, f"/t/{tenant.slug}/import")
    response = _upload(client, tenant.slug, "partners", PARTNERS.encode(), token)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Imported 1 partners row from partners.csv: 1 new, 0 updated." in html  # ngettext
    assert read_rows(tenant=tenant.slug, kind="partners") == [
        {"key": "p-x", "name": "Museu X", "kind": "museum"}]


def test_the_page_lists_every_problem_and_escapes_values(client, tenant, login_as):
    login_as("coordinator")
    token = csrf_token(client, f"/t/{tenant.slug}/import")
    data = b"key,name,kind\np-x,X,<script>alert(1)</script>\np-y,,museum\n"
    response = _upload(client, tenant.slug, "partners", data, token)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Nothing was imported" in html
    assert "<td class=\"num\">2</td><td>kind</td>" in html
    assert "<td class=\"num\">3</td><td>name</td>" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert graph_counts(tenant.slug) == (0, 0)


def test_the_upload_needs_the_csrf_token(client, tenant, login_as):
    login_as("coordinator")
    response = _upload(client, tenant.slug, "partners", PARTNERS.encode(), None)
    assert response.status_code == 400
    assert graph_counts(tenant.slug) == (0, 0)


@pytest.mark.parametrize("role", ["partner", "municipality", "school", "evaluator"])
def test_other_roles_may_not_import(client, tenant, login_as, role):
    login_as(role)
    assert client.get(f"/t/{tenant.slug}/import").status_code == 403
    response = client.post(f"/api/v1/tenants/{tenant.slug}/imports/partners",
                           data=PARTNERS, content_type="text/csv")
    assert response.status_code in (400, 403)  # a session write without CSRF stops first
    assert graph_counts(tenant.slug) == (0, 0)


def test_a_coordinator_of_another_programme_gets_404(client, tenant, other_tenant, login_as):
    login_as("coordinator", in_tenant=other_tenant)
    assert client.get(f"/t/{tenant.slug}/import").status_code == 404


def test_the_navigation_shows_import_to_coordinators_only(client, tenant, login_as):
    login_as("coordinator")
    assert f'href="/t/{tenant.slug}/import"' in client.get(f"/t/{tenant.slug}/").get_data(
        as_text=True)
    login_as("partner")
    assert f'href="/t/{tenant.slug}/import"' not in client.get(f"/t/{tenant.slug}/").get_data(
        as_text=True)


def _bearer(tenant, role: str) -> dict:
    user = make_user(tenant=tenant, role=role,
                     scope_key=None if role == "coordinator" else f"{role}-key")
    return {"Authorization": f"Bearer {create_token(user=user, name='test')}"}


def test_the_api_imports_csv(client, tenant):
    headers = _bearer(tenant, "coordinator")
    response = client.post(f"/api/v1/tenants/{tenant.slug}/imports/partners?filename=p.csv",
                           data=PARTNERS, content_type="text/csv", headers=headers)
    assert response.status_code == 200
    body = response.get_json()
    assert (body["kind"], body["file_name"], body["rows"], body["created"],
            body["updated"]) == ("partners", "p.csv", 1, 1, 0)


def test_the_api_answers_422_with_every_problem(client, tenant):
    response = client.post(f"/api/v1/tenants/{tenant.slug}/imports/partners",
                           data="key,name,kind,email\np-x,X,zoo,a@b\n",
                           content_type="text/csv", headers=_bearer(tenant, "coordinator"))
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert [(e["line"], e["field"]) for e in errors] == [(1, "email"), (2, "kind")]


def test_the_api_refuses_other_roles_and_unknown_kinds(client, tenant):
    url = f"/api/v1/tenants/{tenant.slug}/imports"
    assert client.post(f"{url}/partners", data=PARTNERS, content_type="text/csv",
                       headers=_bearer(tenant, "partner")).status_code == 403
    assert client.post(f"{url}/pupils", data=PARTNERS, content_type="text/csv",
                       headers=_bearer(tenant, "coordinator")).status_code == 404


def test_a_browser_session_needs_csrf_for_the_api_too(client, tenant, login_as):
    login_as("coordinator")
    url = f"/api/v1/tenants/{tenant.slug}/imports/partners"
    assert client.post(url, data=PARTNERS, content_type="text/csv").status_code == 400
    token = csrf_token(client, f"/t/{tenant.slug}/import")
    response = client.post(url, data=PARTNERS, content_type="text/csv",
                           headers={"X-CSRFToken": token})
    assert response.status_code == 200


def test_the_api_refuses_a_body_over_the_limit(app, client, tenant):
    app.config["IMPORT_MAX_BYTES"] = 100
    response = client.post(f"/api/v1/tenants/{tenant.slug}/imports/partners",
                           data=PARTNERS + "p-y,Y,museum\n" * 20, content_type="text/csv",
                           headers=_bearer(tenant, "coordinator"))
    assert response.status_code == 413
    assert graph_counts(tenant.slug) == (0, 0)


def test_the_openapi_document_describes_the_import(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    operation = doc["paths"]["/tenants/{slug}/imports/{kind}"]["post"]
    assert "text/csv" in operation["requestBody"]["content"]
    kind = next(p for p in operation["parameters"] if p["name"] == "kind")
    assert "families" in kind["schema"]["enum"]
    assert {"200", "422"} <= set(operation["responses"])


# --- the command line -----------------------------------------------------------------------

def test_the_command_imports_a_file(runner, tenant, tmp_path):
    path = tmp_path / "municipalities.csv"
    path.write_text(PROGRAMME["municipalities"])
    result = runner.invoke(args=["import", "municipalities", str(path), "--tenant",
                                 tenant.slug])
    assert result.exit_code == 0, result.output
    assert "imported 2 municipalities rows" in result.output
    assert "2 new, 0 updated" in result.output


def test_the_command_prints_every_problem_and_exits_1(runner, tenant, tmp_path):
    load_programme(tenant, until="schools")
    before = graph_counts(tenant.slug)
    path = tmp_path / "schools.csv"
    path.write_text("key,name,code,level,zone_key,entry_places\n"
                    "s-1,One,,primary,z-nope,10\ns-2,Two,,kindergarten,z-a1,x\n")
    result = runner.invoke(args=["import", "schools", str(path), "--tenant", tenant.slug])
    assert result.exit_code == 1
    assert "Nothing was imported" in result.output
    assert "line 2, column zone_key, value 'z-nope': unknown key" in result.output
    assert "line 3, column level, value 'kindergarten': not an allowed value" in result.output
    assert "line 3, column entry_places, value 'x': wrong type" in result.output
    assert graph_counts(tenant.slug) == before


def test_the_command_refuses_an_unknown_programme(runner, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(PARTNERS)
    result = runner.invoke(args=["import", "partners", str(path), "--tenant", "nope"])
    assert result.exit_code == 1
    assert "No programme with slug 'nope'" in result.output


def test_the_command_imports_many_files_and_folders_each_all_or_nothing(runner, tenant,
                                                                          tmp_path):
    folder = tmp_path / "municipalities"
    folder.mkdir()
    (folder / "2.csv").write_text("key,name,code\nm-d,Delta,\n")
    (folder / "1.csv").write_text("key,name,code\nm-c,Gamma,\n")
    (folder / "notes.txt").write_text("not a CSV")
    first = tmp_path / "first.csv"
    first.write_text(PROGRAMME["municipalities"])
    result = runner.invoke(args=["import", "municipalities", str(first), str(folder),
                                 "--tenant", tenant.slug])
    assert result.exit_code == 0, result.output
    assert [line.split(" rows from ")[1].split(" into")[0]
            for line in result.output.splitlines()] == [str(first), str(folder / "1.csv"),
                                                        str(folder / "2.csv")]
    assert result.output.startswith("[1/3] imported 2 municipalities rows")
    assert graph_counts(tenant.slug)[0] == 4


def test_the_first_bad_file_stops_the_run_and_the_files_before_it_stay(runner, tenant,
                                                                       tmp_path):
    good, bad, later = (tmp_path / f"{n}.csv" for n in ("good", "bad", "later"))
    good.write_text("key,name,code\nm-c,Gamma,\n")
    bad.write_text("key,name,code\nm-d,Delta,\n,Nameless,\n")
    later.write_text("key,name,code\nm-e,Epsilon,\n")
    result = runner.invoke(args=["import", "municipalities", str(good), str(bad), str(later),
                                 "--tenant", tenant.slug])
    assert result.exit_code == 1
    assert f"error in {bad}" in result.output and "line 3, column key" in result.output
    assert "stopped at file 2 of 3: 1 imported before it, 1 not attempted" in result.output
    assert graph_counts(tenant.slug)[0] == 1  # Gamma only: not Delta, not Epsilon


def test_the_command_reads_the_next_file_while_it_writes_one(runner, tenant, tmp_path,
                                                             monkeypatch):
    """File 2 is read and checked while file 1 is written (the write mostly waits for the
    graph server): the write of file 1 sees the read of file 2 start."""
    import threading

    from app.imports import cli
    first, second = tmp_path / "1.csv", tmp_path / "2.csv"
    first.write_text("key,name,code\nm-c,Gamma,\n")
    second.write_text("key,name,code\nm-d,Delta,\n")
    second_read = threading.Event()
    read_csv, import_read = cli.read_csv, cli.import_read
    seen: list[bool] = []

    def reading(*, kind, data, **kwargs):
        if b"m-d" in data:
            second_read.set()
        return read_csv(kind=kind, data=data, **kwargs)

    def writing(read, **kwargs):
        if not seen:
            seen.append(second_read.wait(10))
        return import_read(read, **kwargs)
    monkeypatch.setattr(cli, "read_csv", reading)
    monkeypatch.setattr(cli, "import_read", writing)
    result = runner.invoke(args=["import", "municipalities", str(first), str(second),
                                 "--tenant", tenant.slug])
    assert result.exit_code == 0, result.output
    assert seen == [True]
    assert graph_counts(tenant.slug)[0] == 2
