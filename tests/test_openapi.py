"""The OpenAPI document is valid OpenAPI 3.0, as strict validators and client generators
read it (issue 10, failure 11)."""
from __future__ import annotations

from openapi_spec_validator import validate


def test_the_served_openapi_document_validates(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    validate(response.get_json())  # raises OpenAPIValidationError naming the bad node


def test_no_schema_carries_an_empty_required_list(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    empty = []

    def walk(node, where):
        if isinstance(node, dict):
            if node.get("required") == []:
                empty.append(where)
            for k, v in node.items():
                walk(v, f"{where}/{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{where}/{i}")

    walk(doc, "#")
    assert empty == []
