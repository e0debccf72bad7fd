import django_filters
from django.db.models import Q
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from common import clock
from common.content_languages import all_version_names
from common.filters import IdFilter, YesNoFilter
from projects import access
from projects.viewsets import ProjectWorkViewSet

from .models import ActionItem, Guest, Meeting
from .participant_counts import with_participant_counts
from .serializers import (
    ActionItemSerializer,
    AttendanceSerializer,
    GuestSerializer,
    MeetingSerializer,
    with_invitations,
)
from .services import (
    add_action_item,
    add_guest,
    erase_guest,
    plan_meeting,
    record_attendance,
    remove_guest,
    set_action_item_status,
    update_meeting,
)


class MeetingFilter(django_filters.FilterSet):
    project = IdFilter()
    starts_after = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    starts_before = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")
    country = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Meeting
        fields = ["kind", "is_online"]


class GuestFilter(django_filters.FilterSet):
    # An id, not django-filter's choice of every meeting: a meeting of another project would
    # answer no rows where one that does not exist answered 400, telling the two apart.
    meeting = IdFilter()

    class Meta:
        model = Guest
        fields = []


class ActionItemFilter(django_filters.FilterSet):
    meeting = IdFilter()
    project = IdFilter(field_name="meeting__project")
    owner = IdFilter()
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte")
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte")
    late = YesNoFilter(answer="filter_late", help_text="Not done and past due.")
    mine = YesNoFilter(answer="filter_mine", help_text="Owned by me.")

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
    accepts_lists = True  # bulk loading: a POSTed list creates all or none
    related_scopes = {
        "project": access.visible_projects,
        "host_organisation": access.visible_organisations,
        "participants": access.visible_people,
    }
    queryset = Meeting.objects.none()  # the model, for the schema; see get_queryset
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    coordinators_may_write = True
    # Every version: a search finds "Brussels" and "Bruxelles" whatever the reader's language.
    search_fields = [
        *all_version_names("title"),
        *all_version_names("city"),
        *all_version_names("venue"),
    ]
    ordering_fields = ["start_date", "end_date", "created_at"]

    def get_queryset(self):
        meetings = Meeting.objects.visible_to(self.request.user).order_by("start_date", "pk")
        if self.action != "list":
            # A meeting changed here is written out afterwards: its invitations and counts are
            # read anew (MeetingSerializer).
            return meetings.prefetch_related("participation_set")
        # The page's invitations: MeetingListSerializer.
        return with_invitations(with_participant_counts(meetings))

    def perform_create(self, serializer):
        values = dict(serializer.validated_data)
        project = values.pop("project", None)
        if not self.may_write(project.pk if project else None):
            self.refuse()
        serializer.instance = plan_meeting(
            project=project,
            planned_by=self.request.user,
            invited=values.pop("participants", None),
            **values,
        )

    def perform_update(self, serializer):
        values = dict(serializer.validated_data)
        values.pop("project", None)  # fixed after creation
        serializer.instance = update_meeting(
            meeting=serializer.instance,
            changed_by=self.request.user,
            invited=values.pop("participants", None),
            **values,
        )

    @extend_schema(request=AttendanceSerializer, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        """Record who attended: the participants' and guests' ids (the others did not)."""
        meeting = self.get_object()
        form = AttendanceSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        record_attendance(
            meeting=meeting,
            recorded_by=request.user,
            people_ids=form.validated_data["people"],
            guest_ids=form.validated_data["guests"],
            today=clock.today(),
        )
        return Response(self.get_serializer(self.get_object()).data)


class GuestViewSet(ProjectWorkViewSet):
    """Outside guests of meetings: names on the list, never people with a login. Their
    details are personal data: only the project's coordinator and the officers read them
    (the others read the meeting's participant_counts)."""

    related_scopes = {"meeting": Meeting.objects.visible_to}
    queryset = Guest.objects.none()
    serializer_class = GuestSerializer
    coordinators_may_write = True
    filterset_class = GuestFilter
    ordering_fields = ["name", "created_at"]

    def get_queryset(self):
        user = self.request.user
        meetings = Meeting.objects.visible_to(user)
        if not access.is_officer(user):
            meetings = meetings.filter(project__in=access.coordinated_project_ids(user))
        return (
            Guest.objects.filter(meeting__in=meetings.values("pk"))
            .select_related("meeting")
            .order_by("name", "pk")
        )

    @extend_schema(responses=GuestSerializer)
    @action(detail=True, methods=["post"], takes_body=False)
    def erase(self, request, pk=None):
        """Erase the person's name and e-mail on their request; the meeting's counts stay."""
        guest = self.get_object()
        guest = erase_guest(guest=guest, erased_by=request.user)
        return Response(self.get_serializer(guest).data)

    def project_id_of(self, guest):
        return guest.meeting.project_id

    def perform_create(self, serializer):
        values = dict(serializer.validated_data)
        meeting = values.pop("meeting")
        if not self.may_write(meeting.project_id):
            self.refuse()
        serializer.instance = add_guest(meeting=meeting, added_by=self.request.user, **values)

    def perform_destroy(self, instance):
        remove_guest(guest=instance, removed_by=self.request.user)


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
        items = ActionItem.objects.filter(meeting__in=meetings).order_by("due_date", "pk")
        # The list writes the meeting's id alone; a change asks for the meeting's project.
        return items if self.action == "list" else items.select_related("meeting")

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
        values = dict(serializer.validated_data)
        meeting = values.pop("meeting")
        if not self.may_write(meeting.project_id):
            self.refuse()
        serializer.instance = add_action_item(meeting=meeting, added_by=self.request.user, **values)
