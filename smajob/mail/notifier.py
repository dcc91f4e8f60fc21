"""The one notifier: queue an e-mail in the unit of work; deliver over SMTP after the commit."""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import select

from smajob.extensions import db
from smajob.mail.models import MailStatus, OutboxMessage

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


def queue_mail(recipient: str, kind: str, template: str, *, language: str = "da",
               **context) -> OutboxMessage:
    """Render `mail/<template>.txt` in the recipient's language and queue it for delivery."""
    with force_locale(language if language in current_app.config["LANGUAGES"] else "da"):
        text = render_template(f"mail/{template}.txt", base_url=current_app.config["BASE_URL"],
                               bureau=current_app.config["BUREAU_NAME"], **context)
    subject, _, body = text.strip().partition("\n")
    backend = current_app.config["MAIL_BACKEND"]
    message = OutboxMessage(recipient=recipient, kind=kind, subject=subject.strip()[:200],
                            body=body.strip() + "\n",
                            status=MailStatus.HELD if backend == "outbox" else MailStatus.PENDING)
    db.session.add(message)
    return message


def _send(message: OutboxMessage) -> None:
    cfg = current_app.config
    email = EmailMessage()
    email["From"] = cfg["MAIL_FROM"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(domain="smajob.local")
    email.set_content(message.body or "")
    with smtplib.SMTP(cfg["SMTP_HOST"], int(cfg["SMTP_PORT"]), timeout=cfg["SMTP_TIMEOUT"]) as smtp:
        if cfg["SMTP_STARTTLS"]:
            smtp.starttls()
        if cfg["SMTP_USER"]:
            smtp.login(cfg["SMTP_USER"], cfg["SMTP_PASSWORD"] or "")
        smtp.send_message(email)


def deliver_pending(*, now: datetime, limit: int = 100) -> dict[str, int]:
    """Send queued mail over SMTP; commit after each so a crash never sends one twice."""
    if current_app.config["MAIL_BACKEND"] != "smtp":
        return {"sent": 0, "failed": 0}
    sent = failed = 0
    ids = list(db.session.scalars(
        select(OutboxMessage.id).where(OutboxMessage.status == MailStatus.PENDING)
        .order_by(OutboxMessage.id).limit(limit)))
    for message_id in ids:
        message = db.session.scalar(select(OutboxMessage).where(OutboxMessage.id == message_id)
                                    .with_for_update(skip_locked=True))
        if message is None or message.status != MailStatus.PENDING:
            continue
        message.attempts += 1
        try:
            _send(message)
        except (OSError, smtplib.SMTPException) as error:
            message.last_error = type(error).__name__
            if message.attempts >= MAX_ATTEMPTS:
                message.status = MailStatus.FAILED
            failed += 1
            log.warning("mail %s not delivered (attempt %s): %s", message.id, message.attempts,
                        type(error).__name__)
        else:
            message.status, message.sent_at, message.body = MailStatus.SENT, now, None
            sent += 1
        db.session.commit()
    return {"sent": sent, "failed": failed}
