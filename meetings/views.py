import django_filters
from django.db import transaction
from django.db.models import Q
from rest_framework.exceptions import PermissionDenied

from common import clock
from common.filters import IdFilter, YesNoFilter
from projects import access
from projects.viewsets import ProjectWorkViewSet

from .models import ActionItem, Meeting
from .serializers import ActionItemSerializer, MeetingSerializer
from .services import record_meeting_saved, set_action_item_status


class MeetingFilter(django_filters.FilterSet):
    project = IdFilter()
    starts_after = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    starts_before = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")
    country = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Meeting
        fields = ["kind", "is_online"]


class ActionItemFilter(django_filters.FilterSet):
    meeting = IdFilter()
    project = IdFilter(field_name="meeting__project")
    owner = IdFilter()
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte")
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte")
    late = YesNoFilter(method="filter_late", help_text="Not done and past due.")
    mine = YesNoFilter(method="filter_mine", help_text="Owned by me.")

    class Meta:
        model = ActionItem
        fields = ["status"]

    def filter_late(self, queryset, name, value):
        late = ActionItem.objects.late(clock.today()).values("pk")
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)

    def filter_mine(self, queryset, name, value):
        mine = Q(owner__user=self.request.user)
        return queryset.filter(mine) if value else queryset.exclude(mine)


class MeetingViewSet(ProjectWorkViewSet):
    related_scopes = {
        "project": access.visible_projects,
        "host_organisation": access.visible_organisations,
        "participants": access.visible_people,
    }
    queryset = Meeting.objects.none()  # the model, for the schema; see get_queryset
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    coordinators_may_write = True
    search_fields = ["title", "city", "venue"]
    ordering_fields = ["start_date", "end_date", "created_at"]

    def get_queryset(self):
        return (
            Meeting.objects.visible_to(self.request.user)
            .prefetch_related("participants")
            .order_by("start_date", "pk")
        )

    @transaction.atomic
    def perform_create(self, serializer):
        super().perform_create(serializer)
        record_meeting_saved(meeting=serializer.instance, saved_by=self.request.user, created=True)

    @transaction.atomic
    def perform_update(self, serializer):
        meeting = serializer.instance
        dates_before = (meeting.start_date, meeting.end_date)
        serializer.save()
        record_meeting_saved(
            meeting=meeting, saved_by=self.request.user, created=False, dates_before=dates_before
        )


class ActionItemViewSet(ProjectWorkViewSet):
    """Coordinators run their meetings' actions; an owner may update the status of their own."""

    related_scopes = {
        "meeting": Meeting.objects.visible_to,
        "owner": access.visible_people,
    }

    queryset = ActionItem.objects.none()
    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilter
    coordinators_may_write = True
    ordering_fields = ["due_date", "created_at"]
    OWNER_FIELDS = {"status"}

    def get_queryset(self):
        meetings = Meeting.objects.visible_to(self.request.user).values("pk")
        return (
            ActionItem.objects.filter(meeting__in=meetings)
            .select_related("meeting")
            .order_by("due_date", "pk")
        )

    def project_id_of(self, item):
        return item.meeting.project_id

    def may_change(self, item) -> bool:
        if super().may_change(item):
            return True
        if self.action != "partial_update" or not access.owns(self.request.user, item):
            return False
        data = self.request.data
        if not hasattr(data, "keys"):
            return True  # the serializer refuses a body that is not an object, with a 400
        extra = set(data.keys()) - self.OWNER_FIELDS
        if extra:
            raise PermissionDenied(
                f"As the owner you may change only the status, not {', '.join(sorted(extra))}."
            )
        return True

    def perform_update(self, serializer):
        item = serializer.instance
        if self.may_write(self.project_id_of(item)):
            serializer.save()
        elif "status" in serializer.validated_data:
            # The owner: only the status (may_change), through the service that checks the rule.
            set_action_item_status(
                item=item,
                status=serializer.validated_data["status"],
                changed_by=self.request.user,
            )

    def perform_create(self, serializer):
        if not self.may_write(serializer.validated_data["meeting"].project_id):
            self.refuse()
        serializer.save()
