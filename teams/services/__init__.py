"""Writes of the teams app. Each function is atomic and takes keyword arguments only."""

from teams.services.follow_ups import (
    follow_up_cancel,
    follow_up_reassign,
    follow_up_restore,
    follow_up_transition,
    follow_ups_ask,
    follow_ups_close_kept,
)
from teams.services.teams import (
    TeamError,
    membership_sync,
    team_create,
    team_delete,
    team_member_add,
    team_member_remove,
    team_member_set_areas,
    team_set_areas,
    team_update,
)
from teams.services.visits import member_teams, visit_record, visits_record

__all__ = [
    "TeamError",
    "follow_up_cancel",
    "follow_up_reassign",
    "follow_up_restore",
    "follow_up_transition",
    "follow_ups_ask",
    "follow_ups_close_kept",
    "member_teams",
    "membership_sync",
    "team_create",
    "team_delete",
    "team_member_add",
    "team_member_remove",
    "team_member_set_areas",
    "team_set_areas",
    "team_update",
    "visit_record",
    "visits_record",
]
