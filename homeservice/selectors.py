"""Reads for the board, the field list and the request page. Each starts from for_user()."""

from django.contrib.auth import get_user_model
from django.db.models import Case, Prefetch, Q, When

from homeservice.access import OFFICE
from homeservice.lifecycle import OPEN, Status
from homeservice.models import ServiceRequest, Vulnerability
from wards.models import Membership
from wards.parsing import bounded_id

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


# The columns a card or a board row shows: fewer fields to read and to build per row.
LIST_COLUMNS = [
    *(
        f.name
        for f in ServiceRequest._meta.concrete_fields
        if f.name not in {"notes", "documents", "end_reason", "contact_phone"}
    ),
    "area__name",
    "household__address",
    "household__head_name",
    "household__area_id",
    "resident__full_name",
    "resident__household_id",
    "procedure__name",
    "assignee__username",
    "assignee__first_name",
    "assignee__last_name",
]


def labelled(items: list) -> list:
    """Give each row its status and marks as plain text, translated once per list rather than
    through get_FOO_display() per row (which rebuilds the choices' lookup every call)."""
    statuses = {value: str(label) for value, label in Status.choices}
    kinds = {value: str(label) for value, label in Vulnerability.Kind.choices}
    for item in items:
        item.status_label = statuses.get(item.status, item.status)
        if item.household_id:
            for mark in getattr(item.household, "current_vulnerabilities", ()):
                mark.kind_label = kinds.get(mark.kind, mark.kind)
    return items


def _listed(queryset, limit: int) -> list:
    return labelled(list(_shown(queryset).only(*LIST_COLUMNS)[:limit]))


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


def board_paged(queryset, raw_page) -> dict:
    """One page of the board (overdue first, as ordered), its number, the page count, the total.
    A page number out of range or not a number shows the nearest page rather than an error."""
    total = queryset.count()
    pages = max(1, -(-total // BOARD_PAGE))
    page = min(bounded_id(str(raw_page or "1")[:6]) or 1, pages)
    start = (page - 1) * BOARD_PAGE
    items = labelled(list(_shown(queryset).only(*LIST_COLUMNS)[start : start + BOARD_PAGE]))
    return {
        "requests": items,
        "total": total,
        "page": page,
        "pages": pages,
        "previous_page": page - 1 if page > 1 else None,
        "next_page": page + 1 if page < pages else None,
    }


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
    return _listed(queryset, FIELD_LIMIT)


def request_detail(user, pk: int):
    found = (
        _shown(ServiceRequest.objects.for_user(user).with_urgency())
        .prefetch_related(Prefetch("steps"))
        .filter(pk=pk)
        .first()
    )
    return labelled([found])[0] if found is not None else None


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
