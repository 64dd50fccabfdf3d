"""Train-the-Trainer: events of the cascade, attendance, tests, feedback, follow-up and
certificates. A trainer is someone who holds a ToT certificate (or an NIJ trainer, for the
master level)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ejcms.core.audit import audit_write, changes, row_key, snapshot
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.core.formatting import format_date
from ejcms.org.roles import Action, Role, may
from ejcms.org.selectors import staff_profile
from ejcms.training.models import (
    TOT_LEVELS,
    Attendance,
    Certificate,
    Event,
    Level,
    Module,
    Participant,
    Session,
)

# Attendance needed for a certificate, and the follow-up's delay (Kirkpatrick level 3).
MIN_ATTENDANCE = 0.8
FOLLOW_UP_AFTER = timedelta(days=90)
# What recording results, feedback and the follow-up change on a participant (the audit keeps
# the values before and after).
SCORES = ("pre_score", "post_score")
FEEDBACK = ("feedback_rating", "feedback")
FOLLOW_UP = ("follow_up_on", "follow_up_rating", "follow_up_note")
# Letters and digits that cannot be mistaken for one another when typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def holds_tot_certificate(user: User | AnonymousUser) -> bool:
    if user.pk is None:
        return False
    return Certificate.objects.filter(
        participant__user_id=user.pk, participant__event__level__in=TOT_LEVELS
    ).exists()


def may_train(user: User | AnonymousUser, level: str) -> bool:
    """Master trainers are NIJ trainers; the other levels need a ToT certificate."""
    profile = staff_profile(user)
    if level == Level.MASTER:
        return profile is not None and profile.role == Role.TRAINER
    return holds_tot_certificate(user)


def may_manage_training(user: User | AnonymousUser) -> bool:
    profile = staff_profile(user)
    return (profile is not None and may(profile.role, Action.TRAINING_EVENTS)) or (
        holds_tot_certificate(user)
    )


@dataclass(frozen=True)
class EventData:
    module: Module
    level: str
    starts_on: date
    ends_on: date
    place: str
    capacity: int
    trainers: list[User]


@transaction.atomic
def event_create(*, actor: User, data: EventData) -> Event:
    if not may_manage_training(actor):
        raise AccessDenied(_("Only trainers organise trainings."))
    errors: dict[str, str] = {}
    if data.level not in Level.values:
        errors["level"] = _("Choose the level of the cascade.")
    if data.ends_on < data.starts_on:
        errors["ends_on"] = _("The training cannot end before it starts.")
    elif (data.ends_on - data.starts_on).days > 30:
        errors["ends_on"] = _("A training lasts at most 31 days.")
    if data.capacity < 1:
        errors["capacity"] = _("Give the number of places.")
    if not data.place.strip():
        errors["place"] = _("Give the place.")
    if not data.trainers:
        errors["trainers"] = _("Choose at least one trainer.")
    elif data.level in Level.values:
        unqualified = [t for t in data.trainers if not may_train(t, data.level)]
        if unqualified:
            errors["trainers"] = _(
                "Not qualified to train at this level (a ToT certificate is needed): %(names)s."
            ) % {"names": ", ".join(_display(t) for t in unqualified)}
    if errors:
        raise ApplicationError(errors)
    event = Event.objects.create(
        module=data.module,
        level=data.level,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        place=data.place.strip(),
        capacity=data.capacity,
        created_by=actor,
        modified_by=actor,
    )
    event.trainers.set(data.trainers)
    day = data.starts_on
    while day <= data.ends_on:
        Session.objects.create(event=event, on=day)
        day += timedelta(days=1)
    audit_write(
        actor=actor,
        action="training.event",
        obj=event,
        payload={"module": data.module.code, "level": data.level},
    )
    return event


def _display(user: User) -> str:
    profile = staff_profile(user)
    return profile.display_name if profile else user.get_username()


def _require_trainer(actor: User, event: Event) -> None:
    if not event.trainers.filter(pk=actor.pk).exists():
        raise AccessDenied(_("Only the trainers of this training may record it."))


@transaction.atomic
def participant_add(*, actor: User, event: Event, user: User) -> Participant:
    _require_trainer(actor, event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if staff_profile(user) is None:
        raise ApplicationError({"user": _("Choose a member of staff.")})
    if event.participants.filter(user=user).exists():
        raise ApplicationError({"user": _("Already registered.")})
    if event.participants.count() >= event.capacity:
        raise ApplicationError(
            {"user": _("The training is full (%(n)s places).") % {"n": event.capacity}}
        )
    if event.trainers.filter(pk=user.pk).exists():
        raise ApplicationError({"user": _("A trainer of the training cannot be a participant.")})
    return Participant.objects.create(event=event, user=user)


def _score(value: int | None, field: str) -> None:
    if value is not None and not 0 <= value <= 100:
        raise ApplicationError({field: _("A score from 0 to 100.")})


@transaction.atomic
def record_results(
    *,
    actor: User,
    event: Event,
    present: dict[int, set[int]],
    scores: dict[int, tuple[int | None, int | None]],
) -> None:
    """Attendance per session (participant id -> session ids present) and the pre- and post-test
    scores (participant id -> (pre, post)), as the trainer records them."""
    _require_trainer(actor, event)
    participants = {p.pk: p for p in event.participants.all()}
    sessions = {s.pk: s for s in event.sessions.all()}
    today = timezone.localdate()
    for participant_id, (pre, post) in scores.items():
        _score(pre, f"pre_{participant_id}")
        _score(post, f"post_{participant_id}")
    for participant_id, session_ids in present.items():
        if participant_id not in participants or not session_ids <= set(sessions):
            raise ApplicationError(_("Unknown participant or session."))
        if any(sessions[s].on > today for s in session_ids):
            raise ApplicationError(_("Attendance cannot be recorded for a day still to come."))
    # The attendance recorded before: a correction keeps the value it replaced (the first
    # record of a day is a new row, not a change).
    recorded = {
        (row.participant_id, row.session_id): row.present
        for row in Attendance.objects.filter(participant__event=event)
    }
    changed: dict[str, list[Any]] = {}
    for participant_id, participant in participants.items():
        for session_id in sessions:
            if sessions[session_id].on > today:
                continue
            row, _created = Attendance.objects.update_or_create(
                participant=participant,
                session_id=session_id,
                defaults={"present": session_id in present.get(participant_id, set())},
            )
            if (participant_id, session_id) in recorded:
                changed |= changes(
                    {"present": recorded[participant_id, session_id]},
                    {"present": row.present},
                    prefix=row_key(row),
                )
        if participant_id in scores:
            before = snapshot(participant, SCORES)
            participant.pre_score, participant.post_score = scores[participant_id]
            participant.save(update_fields=["pre_score", "post_score"])
            changed |= changes(before, snapshot(participant, SCORES), prefix=row_key(participant))
    audit_write(
        actor=actor,
        action="training.results",
        obj=event,
        payload={"participants": len(participants)},
        changes=changed,
    )


def attendance_rate(participant: Participant) -> float:
    sessions = participant.event.sessions.count()
    present = participant.attendance.filter(present=True).count()
    return present / sessions if sessions else 0.0


@transaction.atomic
def certificate_issue(*, actor: User, participant: Participant) -> Certificate:
    """A certificate for a participant who attended 80 % of the sessions and took both tests."""
    participant = Participant.objects.select_related("event").get(pk=participant.pk)
    _require_trainer(actor, participant.event)
    if hasattr(participant, "certificate"):
        return participant.certificate
    if participant.event.ends_on > timezone.localdate():
        raise ApplicationError(_("Certificates are issued once the training has ended."))
    if attendance_rate(participant) < MIN_ATTENDANCE:
        raise ApplicationError(
            _("%(name)s attended less than 80 %% of the sessions.")
            % {"name": _display(participant.user)}
        )
    if participant.pre_score is None or participant.post_score is None:
        raise ApplicationError(_("Record the pre-test and post-test scores first."))
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(10))
        if not Certificate.objects.filter(code=code).exists():
            break
    certificate = Certificate.objects.create(
        participant=participant, code=code, issued_on=timezone.localdate(), issued_by=actor
    )
    audit_write(
        actor=actor,
        action="training.certificate",
        obj=certificate,
        payload={"participant": participant.user_id, "event": participant.event_id},
    )
    return certificate


@transaction.atomic
def feedback_give(*, actor: User, participant: Participant, rating: int, comments: str) -> None:
    """The participant's own rating of the training (Kirkpatrick level 1), once."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.user_id != actor.pk:
        raise AccessDenied(_("Only the participant gives his feedback."))
    if participant.feedback_rating is not None:
        raise ApplicationError(_("You have already given your feedback."))
    if rating not in range(1, 6):
        raise ApplicationError({"rating": _("Choose a rating from 1 to 5.")})
    before = snapshot(participant, FEEDBACK)
    participant.feedback_rating, participant.feedback = rating, comments.strip()
    participant.save(update_fields=["feedback_rating", "feedback"])
    audit_write(
        actor=actor,
        action="training.feedback",
        obj=participant,
        payload={"event": participant.event_id},
        changes=changes(before, snapshot(participant, FEEDBACK)),
    )


@transaction.atomic
def follow_up_record(
    *, actor: User, participant: Participant, on: date, rating: int, note: str
) -> None:
    """The head of office, three months after the training: does he apply it (level 3)?"""
    participant = Participant.objects.select_related("event").get(pk=participant.pk)
    head, subject = staff_profile(actor), staff_profile(participant.user)
    if (
        head is None
        or head.role != Role.HEAD
        or subject is None
        or head.office_id != (subject.office_id)
    ):
        raise AccessDenied(_("Only the head of the participant's office follows up."))
    earliest = participant.event.ends_on + FOLLOW_UP_AFTER
    if on < earliest:
        raise ApplicationError(
            {
                "on": _("The follow-up is made three months after the training, from %(date)s.")
                % {"date": format_date(earliest)}
            }
        )
    if on > timezone.localdate():
        raise ApplicationError({"on": _("The date cannot be in the future.")})
    if rating not in range(1, 6):
        raise ApplicationError({"rating": _("Choose a rating from 1 to 5.")})
    before = snapshot(participant, FOLLOW_UP)
    participant.follow_up_on, participant.follow_up_rating = on, rating
    participant.follow_up_note = note.strip()
    participant.save(update_fields=list(FOLLOW_UP))
    audit_write(
        actor=actor,
        action="training.follow_up",
        obj=participant,
        payload={"event": participant.event_id, "participant": participant.user_id},
        changes=changes(before, snapshot(participant, FOLLOW_UP)),
    )


@dataclass(frozen=True)
class Verified:
    name: str
    course: str
    ended_on: date


def certificate_verify(code: str) -> Verified | None:
    """What the public verification page may show: name, course and date; nothing else."""
    certificate = (
        Certificate.objects.select_related("participant__event__module", "participant__user")
        .filter(code=code.strip().upper())
        .first()
    )
    if certificate is None:
        return None
    participant = certificate.participant
    profile = staff_profile(participant.user)
    name = profile.full_name_lo if profile else participant.user.get_username()
    return Verified(name, participant.event.module.title_lo, participant.event.ends_on)
