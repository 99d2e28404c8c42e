"""Thin tasks for django-q2: take ids, call a service."""

from feedback.services import petitions, ratings


def send_due_rating_requests() -> int:
    return ratings.rating_requests_send_due()


def send_answer(petition_id: int) -> bool:
    return petitions.petition_answer_send(petition_id=petition_id)
