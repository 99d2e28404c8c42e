"""The shape of a visit record as the phone sends it, and of the server's answer per record."""

import datetime
import uuid
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, model_validator

from teams.models import Action, Visit

MAX_ATTENDEES = 30

# A database id: anything past a 64-bit integer is refused as a field error, not sent to the
# database (SQLite raises OverflowError on it, PostgreSQL a DataError).
DbId = Annotated[int, Field(ge=1, le=2**63 - 1)]
# Years and dates within what Python and the databases can shift by a time zone.
Year = Annotated[int, Field(ge=1000, le=9999)]

# Plain pydantic models: ninja.Schema's ORM-friendly validator costs more than the records do
# when a phone sends 500 of them.
Schema = BaseModel


class AttendeeIn(Schema):
    """A resident present: a known one (resident_id) or a person met for the first time (new_*)."""

    resident_id: DbId | None = None
    new_full_name: str = Field("", max_length=120)
    new_birth_year: Year | None = None
    new_phone: str = Field("", max_length=32)
    actions: list[Action] = Field(default_factory=list, max_length=len(Action.values))
    procedure: str = Field("", max_length=200, description="the procedure submitted online")
    other: str = Field("", max_length=200, description="what 'other' was")


class VisitRecord(Schema):
    client_uuid: uuid.UUID = Field(description="made on the phone; the same UUID makes one visit")
    household_id: DbId | None = None
    household_uuid: uuid.UUID | None = Field(
        None, description="a household added on the phone, by its record's client UUID"
    )
    visited_at: datetime.datetime
    outcome: Visit.Outcome
    attendees: list[AttendeeIn] = Field(default_factory=list, max_length=MAX_ATTENDEES)
    follow_up_on: datetime.date | None = None
    follow_up_reason: str = Field("", max_length=255)
    notes: str = Field("", max_length=2000)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    gps_accuracy_m: float | None = Field(None, ge=0, le=100_000)

    @model_validator(mode="after")
    def names_a_household(self):
        if self.household_id is None and self.household_uuid is None:
            raise ValueError("household_id or household_uuid")
        return self


class FormRecord(Schema):
    """A household (kind "household") or a person (kind "resident", with household_id) added on
    the phone: the fields of the online form, checked by that same form."""

    kind: Literal["household", "resident"]
    client_uuid: uuid.UUID
    household_id: DbId | None = None
    fields: dict[str, str | int | bool | None] = Field(default_factory=dict, max_length=20)


class SyncIn(Schema):
    # Records are told apart by "kind" (a visit when absent). A record that matches no shape is
    # refused on its own, with a reason, and the others are still saved: hence the plain object.
    records: list[VisitRecord | FormRecord | Any] = Field(max_length=500)


class RecordResult(Schema):
    client_uuid: str | None
    status: Literal["created", "duplicate", "refused", "error"] = Field(
        description="created / duplicate: drop it from the phone; refused: keep it, show the "
        "reason, let the member correct it; error: keep it and retry later"
    )
    visit_id: int | None = None
    reason: str = ""
    errors: dict[str, str] = Field(default_factory=dict)
    url: str = Field("", description="the saved household's page, or the one it seems to repeat")


class SyncOut(Schema):
    created: int
    duplicates: int
    refused: int
    results: list[RecordResult]


class ErrorOut(Schema):
    detail: str
    code: str = ""
