"""What the OpenAPI schema says beyond what drf-spectacular infers: the error answers of every
operation (in the shape of common.exceptions, or the web server's own page for a request line
too long), the bounds of ids, the query parameters that may not be empty, and request bodies
that accept no field they do not list."""

from drf_spectacular.openapi import AutoSchema

ERROR = {
    "type": "object",
    "description": "Why the request was refused.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
INVALID = {
    "type": "object",
    "description": (
        "What to fix: a list of messages per field that was refused (`non_field_errors` for "
        "the request as a whole), or `detail` when the body could not be read at all."
    ),
    "additionalProperties": {},
}
LARGEST_ID = 2**63 - 1
WRITES = {"post", "put", "patch", "delete"}
THROTTLED_PATHS = {"/api/auth/token/"}
# gunicorn refuses a request line (path and query) longer than its limit_request_line, 4094
# bytes by default, before Django sees it, with a short HTML page of its own.
REQUEST_LINE_TOO_LONG = {
    "description": (
        "The path and query are longer than the server reads (4,094 bytes): ask for fewer "
        "values at once. Answered by the web server itself, as a short HTML page."
    ),
    "content": {"text/html": {"schema": {"type": "string"}}},
}


def lib_doc_excludes() -> list[type]:
    """The classes whose docstrings never describe a component: DRF's, as drf-spectacular
    has them, and the serializers' shared building blocks (common.serializers). Theirs tell
    the engineers who build on them how a field is copied or a row read; a serializer without
    a docstring of its own was described to the API's users by the first of them."""
    from drf_spectacular.plumbing import get_lib_doc_excludes

    from common import serializers

    shared = [
        value
        for value in vars(serializers).values()
        if isinstance(value, type) and value.__module__ == serializers.__name__
    ]
    return [*get_lib_doc_excludes(), *shared]


class ApiSchema(AutoSchema):
    """An operation declared `takes_body=False` (common.filters.BodyOnlyWhereTaken) shows no
    request body, rather than the body of its view's serializer, which it would refuse."""

    def get_request_serializer(self):
        if not getattr(self.view, "takes_body", True):
            return None
        return super().get_request_serializer()


def error_statuses(path: str, method: str, operation: dict) -> dict[str, str]:
    """{status: component} of the refusals an operation can answer."""
    parameters = operation.get("parameters", [])
    in_query = any(p["in"] == "query" for p in parameters)
    statuses = {
        "401": "Error",  # a wrong or revoked token, on any operation
        "403": "Error",  # a role that may not, or a session without its CSRF token
        "406": "Error",  # an Accept header that JSON does not satisfy
    }
    if in_query or method in WRITES:
        statuses["400"] = "Invalid"  # a removal can be refused too, saying what to do first
    if "{" in path or any(p["name"] == "page" for p in parameters):
        statuses["404"] = "Error"  # hidden or missing, or a page past the last
    if method in WRITES:
        statuses["409"] = "Error"  # still used elsewhere, or a concurrent change
    if "requestBody" in operation:
        statuses["415"] = "Error"
    if path in THROTTLED_PATHS:
        statuses["429"] = "Error"
    return statuses


def may_not_be_empty(parameter: dict) -> bool:
    """A text query parameter given empty is refused, except a search or an ordering
    (common.filters.StrictQueryParameters): `?country=` would otherwise read as no filter."""
    from rest_framework.filters import OrderingFilter, SearchFilter

    may_be_empty = (SearchFilter.search_param, OrderingFilter.ordering_param)
    schema = parameter.get("schema", {})
    return schema.get("type") == "string" and parameter["name"] not in may_be_empty


def describe_errors_and_bounds(result, generator, request, public):
    """drf-spectacular postprocessing hook: see the module's docstring."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"], schemas["Invalid"] = ERROR, INVALID
    for name, component in schemas.items():
        # Bodies: unknown fields are refused (common.serializers.StrictInputMixin).
        if name.endswith("Request") and component.get("type") == "object":
            component["additionalProperties"] = False
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                # Every path parameter is a row's id (config.urls.ApiRouter matches any text
                # there, so that a malformed id is answered 404 in JSON).
                if parameter["in"] == "path" and parameter["name"] == "id":
                    parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": LARGEST_ID}
                elif parameter["in"] == "query" and may_not_be_empty(parameter):
                    parameter["schema"]["minLength"] = 1
            responses = operation.setdefault("responses", {})
            for status, component in error_statuses(path, method, operation).items():
                responses.setdefault(
                    status,
                    {
                        "description": "",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": f"#/components/schemas/{component}"}
                            }
                        },
                    },
                )
            if any(p["in"] == "query" for p in operation.get("parameters", [])):
                responses.setdefault("414", REQUEST_LINE_TOO_LONG)
    return result
