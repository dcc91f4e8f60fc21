"""Stored XSS in every free-text column (OWASP ASVS 1.2.1), not only in those the forms of
test_xss.py reach: the demo and a tenant are seeded, then every free-text column of every row
is overwritten in the database with a payload numbered for its column, and every HTML page is
opened as every role (and the public ones anonymously). No page shows a payload as markup; the
numbers found escaped tell which columns were really shown. Every text column of the schema is
either free text here or named below as a format the app validates or writes itself, so a new
column must be placed deliberately."""

import re

from sqlalchemy import String, Text, cast, func, literal, select, update

from smajob import clock
from smajob.extensions import db
from smajob.permissions import PUBLIC_ENDPOINTS, Role
from tests.security.test_xss import _html_pages
from tests.security.world import make_tenant

FREE_TEXT = {
    "business": ("name", "industry", "address"), "municipality": ("name",),
    "outbox_message": ("subject", "body", "last_error"), "postcode": ("town",),
    "readiness_item": ("text_da", "text_en"), "story": ("title", "body", "byline"),
    "task_category": ("name_da", "name_en"), "job_run": ("error",), "match_run": ("error",),
    "task": ("title", "description", "address", "contact_name", "agreement",
             "rejection_reason"),
    "user_account": ("name",), "api_token": ("name",),
    "candidate": ("first_name", "last_name", "address", "case_reference", "target_group",
                  "referring_consultant", "referral_note", "consent_text", "languages",
                  "experience", "status_reason"),
    "hours_requirement_rule": ("name", "note"),
    "invoice": ("reason", "seller", "buyer_name", "buyer_address"),
    "invoice_line": ("description",),
    "match_weights": ("note",), "rate": ("note",), "task_event": ("note",),
    "candidate_event": ("note",), "hours_window_extension": ("reason",),
    "mentoring_contact": ("note",), "outcome": ("benefit", "note"), "pair_exclusion": ("reason",),
    "result_claim": ("evidence_note", "reject_reason"), "placement_terms": ("reason",),
    "hours_event": ("reason",),
}
_CODES = ("status", "kind", "action", "role", "language", "source", "phase", "code", "trigger",
          "outcome", "object_type", "milestone", "flag_reason", "entered_side", "confirmed_via",
          "ended_reason", "end_reason", "counts", "benefit_type", "outflow", "contact_language",
          "preferred_language", "job_id", "period_key", "import_id", "prefix")
_SECRETS = ("token_hash", "password_hash", "cpr_hash", "account_key", "address_key",
            "badge_token", "follow_token_hash")
# Validated on the way in (e-mail, phone, CVR, postcode) or written by the app itself.
_FORMATS = ("email", "jobcenter_email", "contact_email", "recipient", "sent_to", "phone",
            "contact_phone", "cvr", "buyer_cvr", "postcode", "hours_entry_ids")
NOT_FREE_TEXT = set(_CODES + _SECRETS + _FORMATS)
# Columns whose payload must be found (escaped) somewhere, so the pass cannot succeed by showing
# nothing.
MUST_SHOW = {"business.name", "municipality.name", "task.title", "task.description",
             "task.rejection_reason", "task_event.note", "candidate.first_name",
             "candidate.last_name", "candidate.referral_note", "candidate_event.note",
             "user_account.name", "story.title", "story.body", "task_category.name_da",
             "readiness_item.text_da", "invoice.buyer_name", "invoice_line.description",
             "outbox_message.body", "hours_requirement_rule.name", "result_claim.evidence_note"}


def _payload(number: int) -> str:
    return f'<script>alert({number})</script>" onfocus="alert({number})'


def _text_columns():
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, String | Text) and not column.primary_key:
                yield table, column


def test_every_text_column_is_free_text_or_a_known_format(app):
    unplaced = [f"{t.name}.{c.name}" for t, c in _text_columns()
                if c.name not in FREE_TEXT.get(t.name, ()) and c.name not in NOT_FREE_TEXT]
    assert not unplaced, f"free text (FREE_TEXT) or a format (NOT_FREE_TEXT)? {unplaced}"


def _overwrite_free_text() -> dict[int, str]:
    """Every free-text column of every row set to its numbered payload; number → column."""
    numbers = {}
    for table, column in _text_columns():
        if column.name in FREE_TEXT.get(table.name, ()):
            number = len(numbers) + 1
            numbers[number] = f"{table.name}.{column.name}"
            value = literal(_payload(number)[:(column.type.length or 1000) - 8])
            if "id" in table.c:  # the row's id after the payload keeps unique names unique
                value = value + cast(table.c.id, String)
            db.session.execute(update(table).values({column.name: value}))
    db.session.commit()
    return numbers


def _busiest(name: str, key: str) -> int | None:
    """The `key` (a foreign key of table `name`) with the most rows: the richest page."""
    table = db.metadata.tables[name]
    return db.session.scalar(select(table.c[key]).group_by(table.c[key])
                             .order_by(func.count().desc(), table.c[key]).limit(1))


def _ids(tenant, *, bureau: bool) -> dict[str, int]:
    """Ids for the routes' arguments: the tenant's objects, or for the bureau (which sees all)
    the demo's objects with the longest histories."""
    ids = {"placement_id": tenant.placement.id, "entry_id": tenant.entry.id,
           "invoice_id": tenant.invoice.id, "task_id": tenant.task.id,
           "candidate_id": tenant.candidate.id, "user_id": tenant.business_user.id,
           "municipality_id": tenant.municipality.id}
    if bureau:
        ids.update(candidate_id=_busiest("candidate_event", "candidate_id"),
                   task_id=_busiest("task_event", "task_id"),
                   placement_id=_busiest("hours_entry", "placement_id"),
                   invoice_id=_busiest("invoice_line", "invoice_id"))
    for argument, name in (("story_id", "story"), ("line_id", "result_claim"),
                           ("batch_id", "result_claim_batch"), ("outcome_id", "outcome"),
                           ("run_id", "match_run"), ("message_id", "outbox_message")):
        ids[argument] = db.session.scalar(select(func.min(db.metadata.tables[name].c.id))) or 1
    return ids


def _public_pages(app, client):
    for rule in app.url_map.iter_rules():
        if (rule.endpoint in PUBLIC_ENDPOINTS and "GET" in rule.methods and not rule.arguments
                and rule.endpoint != "static"):
            response = client.get(rule.rule)
            if response.mimetype == "text/html":
                yield rule.endpoint, response.get_data(as_text=True)


def test_a_payload_in_every_free_text_column_is_escaped_on_every_page(app, client, login_as):
    from smajob.demo import seed

    seed.run(now=clock.now())
    tenant = make_tenant("Xss")
    app.config.update(READY_CHECK_MIGRATIONS=False, READY_CHECK_SCHEDULER=False)
    numbers = _overwrite_free_text()
    shown = set()
    logins = {Role.BUSINESS: {"business_id": tenant.business.id},
              Role.JOBCENTER: {"municipality_id": tenant.municipality.id}}
    for role in [None, *Role]:
        if role:
            login_as(role, **logins.get(role, {}))
        ids = _ids(tenant, bureau=role in (Role.CONSULTANT, Role.ADMIN))
        pages = _html_pages(app, client, ids) if role else _public_pages(app, client)
        for endpoint, body in pages:
            assert "<script>alert(" not in body, f"{role} {endpoint}: live <script>"
            assert '" onfocus="alert(' not in body, f"{role} {endpoint}: live attribute"
            shown |= {numbers[int(n)] for n in re.findall(r"&lt;script&gt;alert\((\d+)\)", body)}
    print(f"shown {len(shown)} of {len(numbers)} free-text columns; never shown:",
          sorted(set(numbers.values()) - shown))
    assert shown >= MUST_SHOW, sorted(MUST_SHOW - shown)
