"""Reads for the board, the field list and the request page. Each starts from for_user()."""

from django.contrib.auth import get_user_model
from django.db.models import Case, Prefetch, Q, When

from homeservice.access import OFFICE
from homeservice.lifecycle import OPEN, Status
from homeservice.models import ServiceRequest, Vulnerability
from wards.models import Membership

BOARD_PAGE = 100
FIELD_LIMIT = 50


def _shown(queryset):
    """The columns the lists show, with their related rows in a fixed number of queries."""
    return queryset.select_related(
        "area", "household", "resident", "procedure", "assignee"
    ).prefetch_related(
        Prefetch(
            "household__vulnerabilities",
            queryset=Vulnerability.objects.current().only("pk", "household_id", "kind"),
            to_attr="current_vulnerabilities",
        )
    )


def board(user, *, status: str = "", area=None, overdue_only: bool = False, today=None):
    queryset = ServiceRequest.objects.for_user(user)
    if status == "open":
        queryset = queryset.filter(status__in=OPEN)
    elif status:
        queryset = queryset.filter(status=status)
    if area is not None:
        queryset = queryset.filter(area=area)
    queryset = queryset.urgent_first(today)
    if overdue_only:
        queryset = queryset.filter(overdue=1)
    return queryset


def board_page(queryset, limit: int = BOARD_PAGE) -> list:
    return list(_shown(queryset)[:limit])


def field_list(user, *, today=None) -> list:
    """Open requests of the member's areas: theirs and unassigned ones. Vulnerable households
    first, then overdue, then those nobody has called yet."""
    queryset = (
        ServiceRequest.objects.for_user(user)
        .open()
        .filter(Q(assignee=user) | Q(assignee__isnull=True))
        .with_urgency(today)
        .annotate(waiting=Case(When(status=Status.REQUESTED, then=1), default=0))
        .order_by("-vulnerable", "-overdue", "-waiting", "due_on", "pk")
    )
    return list(_shown(queryset)[:FIELD_LIMIT])


def request_detail(user, pk: int):
    return (
        _shown(ServiceRequest.objects.for_user(user).with_urgency())
        .prefetch_related(Prefetch("steps"))
        .filter(pk=pk)
        .first()
    )


def assignees(request) -> list:
    """Who the request may be given to: members of its area's teams and the ward's officers."""
    places = Membership.objects.filter(ward_id=request.ward_id).filter(
        Q(areas=request.area_id) | Q(role__in=OFFICE)
    )
    return list(
        get_user_model()
        .objects.filter(pk__in=places.values("user_id"), is_active=True)
        .order_by("username")
    )
