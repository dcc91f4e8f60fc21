"""Candidate forms: the jobcenter's referral, the consultant's profile, status and mentoring."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from smajob.candidates.models import CandidateStatus, Outflow
from smajob.candidates.services import MENTORING_KINDS
from smajob.matching.vocabulary import CandidateLimit
from smajob.rates.catalogue import BENEFIT_TYPES
from smajob.tasks.forms import DANISH_LABELS, MultiCheckboxField, WindowForm

_REQUIRED = _l("Udfyld feltet.")
_DATE = _l("Skriv en gyldig dato (åååå-mm-dd).")

STATUS_LABELS = {
    CandidateStatus.REFERRED: _l("Henvist"), CandidateStatus.MATURING: _l("I modning"),
    CandidateStatus.READY: _l("Klar til job"), CandidateStatus.PLACED: _l("I småjob"),
    CandidateStatus.PAUSED: _l("På pause"), CandidateStatus.EXITED: _l("Afsluttet"),
    CandidateStatus.WITHDRAWN: _l("Henvisning trukket tilbage"),
}
OUTFLOW_LABELS = {
    Outflow.ORDINARY_WORK: _l("Ordinær beskæftigelse"),
    Outflow.ORDINARY_EDUCATION: _l("Ordinær uddannelse"), Outflow.IGU: _l("IGU"),
    Outflow.FLEX_JOB: _l("Fleksjob"), Outflow.PENSION: _l("Pension"),
    Outflow.MOVED: _l("Fraflyttet kommunen"), Outflow.OTHER_BENEFIT: _l("Anden ydelse"),
    Outflow.OTHER: _l("Andet"), Outflow.UNKNOWN: _l("Ukendt"),
}
LIMIT_LABELS = {
    CandidateLimit.NO_LIFTING: _l("Kan ikke løfte tungt"),
    CandidateLimit.NOT_STANDING_LONG: _l("Kan ikke stå længe"),
    CandidateLimit.INDOORS_ONLY: _l("Kun indendørs arbejde"),
    CandidateLimit.NEEDS_CALM_PACE: _l("Har brug for roligt tempo"),
    CandidateLimit.NEEDS_CLOSE_SUPERVISION: _l("Har brug for tæt vejledning"),
    CandidateLimit.NEEDS_ACCESSIBLE_WORKPLACE: _l("Har brug for en tilgængelig arbejdsplads"),
}
KIND_LABELS = dict(zip(MENTORING_KINDS, (
    _l("Besøg"), _l("Telefonsamtale"), _l("Møde på arbejdspladsen"), _l("Møde"),
    _l("Besked"), _l("Andet")), strict=True))


def benefit_choices(language: str) -> list[tuple[str, str]]:
    return [("", "–")] + [(code, en if language == "en" else da)
                          for code, da, en, _ in BENEFIT_TYPES]


class ReferralForm(FlaskForm):
    first_name = StringField(_l("Fornavn"), validators=[DataRequired(_REQUIRED), Length(max=80)])
    last_name = StringField(_l("Efternavn"), validators=[DataRequired(_REQUIRED), Length(max=80)])
    cpr = StringField(_l("CPR-nummer (valgfrit)"), validators=[Length(max=11)],
                      description=_l("Gemmes krypteret og vises kun maskeret."))
    phone = StringField(_l("Telefon"), validators=[Length(max=20)])
    email = StringField(_l("E-mail"), validators=[Length(max=254)])
    address = StringField(_l("Adresse"), validators=[Length(max=200)])
    postcode = StringField(_l("Postnummer"), validators=[Length(max=4)])
    case_reference = StringField(_l("Jobcentrets sagsnummer"), validators=[Length(max=40)])
    benefit_type = SelectField(_l("Ydelse"), validate_choice=False,
                               validators=[DataRequired(_l("Vælg en ydelse."))])
    target_group = StringField(_l("Målgruppe"), validators=[Length(max=80)])
    referral_date = DateField(_l("Henvisningsdato"), validators=[DataRequired(_DATE)])
    referring_consultant = StringField(_l("Henvisende rådgiver"), validators=[Length(max=120)])
    referral_note = TextAreaField(_l("Kort henvisningsnotat"), validators=[Length(max=2000)])
    consent_date = DateField(_l("Samtykke givet (dato)"), validators=[Optional()])
    consent_text = StringField(_l("Hvad er der givet samtykke til?"),
                               validators=[Length(max=300)])
    submit = SubmitField(_l("Henvis borgeren"))


class ProfileForm(FlaskForm):
    windows = FieldList(FormField(WindowForm), min_entries=7, max_entries=7,
                        label=_l("Tilgængelighed"))
    max_hours = IntegerField(_l("Højst timer om ugen"), validators=[
        InputRequired(_l("Skriv et helt antal timer.")), NumberRange(1, 37, _l("1–37 timer."))])
    desired_hours = IntegerField(_l("Ønskede timer om ugen"), validators=[
        InputRequired(_l("Skriv et helt antal timer.")), NumberRange(1, 37, _l("1–37 timer."))])
    max_travel_km = IntegerField(_l("Højst transport (km)"), validators=[Optional()])
    allowed_postcodes = StringField(_l("Eller kun disse postnumre (adskilt af komma)"),
                                    validators=[Length(max=200)])
    categories = FieldList(SelectField(coerce=int, validate_choice=False), min_entries=3,
                           max_entries=3, label=_l("Ønskede opgavetyper (1.–3. prioritet)"))
    limits = MultiCheckboxField(_l("Hensyn (funktionsbegrænsninger, ikke diagnoser)"),
                                choices=[(k.value, v) for k, v in LIMIT_LABELS.items()],
                                validate_choice=False)
    danish_level = SelectField(_l("Dansk"), coerce=int, validate_choice=False, choices=[
        (level.value, label) for level, label in DANISH_LABELS.items()])
    languages = StringField(_l("Andre sprog"), validators=[Length(max=200)])
    experience = TextAreaField(_l("Erfaring"), validators=[Length(max=2000)])
    mentor_id = SelectField(_l("Mentor"), coerce=int, validate_choice=False)
    submit = SubmitField(_l("Gem profilen"))


class StatusForm(FlaskForm):
    status = SelectField(_l("Ny status"), validate_choice=False,
                         choices=[(s.value, label) for s, label in STATUS_LABELS.items()])
    note = StringField(_l("Begrundelse"), validators=[Length(max=300)])
    outflow = SelectField(_l("Afgangskategori (ved afslutning)"), validate_choice=False,
                          choices=[("", "–")] + [(o.value, label)
                                                 for o, label in OUTFLOW_LABELS.items()])
    on = DateField(_l("Afgangsdato"), validators=[Optional()])
    submit = SubmitField(_l("Skift status"))


class WithdrawForm(FlaskForm):
    note = StringField(_l("Begrundelse"), validators=[DataRequired(_l("Skriv en begrundelse.")),
                                                      Length(max=300)])
    submit = SubmitField(_l("Træk henvisningen tilbage"))


class MentoringForm(FlaskForm):
    on = DateField(_l("Dato"), validators=[DataRequired(_DATE)])
    kind = SelectField(_l("Type"), validate_choice=False,
                       choices=[(k, label) for k, label in KIND_LABELS.items()])
    minutes = IntegerField(_l("Varighed (minutter)"), validators=[
        InputRequired(_l("Skriv et helt antal minutter.")),
        NumberRange(1, 480, _l("Varigheden skal være mellem 1 og 480 minutter."))])
    note = TextAreaField(_l("Kort note"), validators=[Length(max=2000)])
    submit = SubmitField(_l("Gem kontakten"))


