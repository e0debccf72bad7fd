"""Bulk loading through the API: a list POSTed where one object is expected creates every
object of it or none. Each item goes the way a single POST goes (the same serializer, the same
`perform_create` with its permission check and services), in one transaction; the answer names,
index by index, what refused."""

from django.conf import settings
from django.db import transaction
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from .exceptions import api_exception_handler
from .exports import ExportableListSchema

# When items refuse for several reasons, the answer's status is the gravest: a refused
# permission before a conflict before a bad value.
GRAVITY = [status.HTTP_403_FORBIDDEN, status.HTTP_409_CONFLICT, status.HTTP_400_BAD_REQUEST]


REFUSALS = {"400": "Invalid", "403": "Error", "409": "Error"}
ITEM_ERRORS = {
    "type": "array",
    "description": "A refused list: each item's errors, index by index, `{}` for one that passed.",
    "items": {"type": "object", "additionalProperties": {}},
    "minItems": 1,
}


class ListCreateSchema(ExportableListSchema):
    """A create that accepts a list documents its body and its answer as one object or a list."""

    def _accepts_lists(self) -> bool:
        return self._is_create_operation() and getattr(self.view, "accepts_lists", False)

    def _get_request_body(self, direction="request"):
        body = super()._get_request_body(direction)
        if body and self._accepts_lists():
            for media in body["content"].values():
                media["schema"] = one_or_many(media["schema"])
            body["description"] = (
                "One object, or a list of them (at most API_MAX_LIST_ITEMS) to create all or none "
                "of in one transaction; a refused list answers, index by index, each item's "
                "errors (`{}` for an item that passed)."
            )
        return body

    def _get_response_bodies(self, direction="response"):
        bodies = super()._get_response_bodies(direction)
        if not self._accepts_lists():
            return bodies
        if "201" in bodies:
            for media in bodies["201"].get("content", {}).values():
                media["schema"] = one_or_many(media["schema"])
        # A refused list answers a list of each item's errors, in any of these statuses; the
        # other refusals keep the shapes common.schema gives every operation.
        for status_code, component in REFUSALS.items():
            bodies[status_code] = {
                "description": "",
                "content": {
                    "application/json": {
                        "schema": {
                            "oneOf": [{"$ref": f"#/components/schemas/{component}"}, ITEM_ERRORS]
                        }
                    }
                },
            }
        return bodies


def one_or_many(schema: dict) -> dict:
    return {"oneOf": [schema, {"type": "array", "items": schema, "minItems": 1}]}


class ListCreateMixin:
    """`POST` of a JSON array on a viewset's list: all or nothing.

    A 201 answers the created objects in the order sent. Otherwise nothing is written, and the
    answer is a list as long as the one sent: `{}` for an item that passed, its errors (the
    same as a single POST's) for one that did not."""

    schema = ListCreateSchema()
    accepts_lists = False  # a viewset that takes lists says so

    def create(self, request, *args, **kwargs):
        if self.accepts_lists and isinstance(request.data, list):
            return self.create_many(request, request.data)
        return super().create(request, *args, **kwargs)

    def create_many(self, request, items: list):
        if not items:
            raise ValidationError({"non_field_errors": ["Send at least one object."]})
        if len(items) > settings.API_MAX_LIST_ITEMS:
            raise ValidationError(
                {
                    "non_field_errors": [
                        f"Send at most {settings.API_MAX_LIST_ITEMS:,} objects in one request: "
                        "split the list, or import a workbook for more."
                    ]
                }
            )
        created, errors, statuses = [], [], set()
        with transaction.atomic():
            for item in items:
                answer = self.create_one(request, item)
                if answer.status_code == status.HTTP_201_CREATED:
                    created.append(answer.data)
                    errors.append({})
                else:
                    errors.append(answer.data)
                    statuses.add(answer.status_code)
            if statuses:
                transaction.set_rollback(True)
        if statuses:
            gravest = next((code for code in GRAVITY if code in statuses), min(statuses))
            return Response(errors, status=gravest)
        return Response(created, status=status.HTTP_201_CREATED)

    def create_one(self, request, item) -> Response:
        """One item as a single POST answers it; what it wrote undone when it refuses."""
        try:
            with transaction.atomic():
                if not isinstance(item, dict):
                    raise ValidationError(
                        {"non_field_errors": ["Each item of the list is one object."]}
                    )
                serializer = self.get_serializer(data=item)
                serializer.is_valid(raise_exception=True)
                self.perform_create(serializer)
                return Response(serializer.data, status=status.HTTP_201_CREATED)
        except Exception as error:  # answered as a single POST would be, or raised again
            answer = api_exception_handler(error, self.get_exception_handler_context())
            if answer is None:
                raise
            return answer
