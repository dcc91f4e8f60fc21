"""The task forms (public, portal, review) and turning a posted form into a TaskInput."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    widgets,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from smajob import weekly
from smajob.billing.money import parse_kroner
from smajob.errors import RuleViolation
from smajob.matching.vocabulary import DanishLevel, TaskTrait
from smajob.tasks.services import PATTERN_MESSAGES, TaskInput

_REQUIRED = _l("Udfyld feltet.")
_DATE = _l("Skriv en gyldig dato (åååå-mm-dd).")
WINDOW_ROWS = 5

TRAIT_LABELS = {
    TaskTrait.STANDING: _l("Meget stående arbejde"),
    TaskTrait.LIFTING: _l("Løft af tungere ting"),
    TaskTrait.OUTDOORS: _l("Arbejde udendørs"),
    TaskTrait.FAST_PACE: _l("Til tider højt tempo"),
    TaskTrait.SUPERVISION: _l("Tæt vejledning er muligt"),
    TaskTrait.ACCESSIBLE: _l("Arbejdspladsen er tilgængelig (uden trin)"),
}
DANISH_LABELS = {
    DanishLevel.NONE: _l("Ikke nødvendigt"),
    DanishLevel.BASIC: _l("Kunne forstå enkle instruktioner"),
    DanishLevel.GOOD: _l("Kunne tale dansk i hverdagen"),
    DanishLevel.FLUENT: _l("Læse og skrive dansk godt"),
}
WEEKDAY_LABELS = (_l("mandag"), _l("tirsdag"), _l("onsdag"), _l("torsdag"), _l("fredag"),
                  _l("lørdag"), _l("søndag"))


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class WindowForm(Form):
    weekday = SelectField(_l("Ugedag"), choices=[("", "–")] + [
        (str(i), label) for i, label in enumerate(WEEKDAY_LABELS)], validate_choice=False)
    start = StringField(_l("Fra (tt:mm)"), validators=[Length(max=5)])
    end = StringField(_l("Til (tt:mm)"), validators=[Length(max=5)])


class TaskForm(FlaskForm):
    title = StringField(_l("Overskrift"), validators=[DataRequired(_REQUIRED), Length(max=120)])
    category_id = SelectField(_l("Kategori"), coerce=int, validate_choice=False,
                              validators=[InputRequired(_l("Vælg en kategori."))])
    description = TextAreaField(_l("Beskrivelse af opgaven"), validators=[
        DataRequired(_REQUIRED), Length(max=4000)],
        description=_l("Hvad skal der laves, og hvordan ser en typisk dag ud?"))
    windows = FieldList(FormField(WindowForm), min_entries=WINDOW_ROWS, max_entries=WINDOW_ROWS,
                        label=_l("Ugentlige tidsrum"))
    confirm_hours = BooleanField(_l("Ja, opgaven er på mere end 10 timer om ugen"))
    start_date = DateField(_l("Startdato"), validators=[DataRequired(_DATE)])
    end_date = DateField(_l("Slutdato (tom: løbende)"), validators=[Optional()])
    seats = IntegerField(_l("Antal personer"), default=1, validators=[
        InputRequired(_l("Skriv et helt antal.")),
        NumberRange(1, 50, _l("Antal personer skal være mellem 1 og 50."))])
    address = StringField(_l("Arbejdsstedets adresse"), validators=[
        DataRequired(_REQUIRED), Length(max=200)])
    postcode = StringField(_l("Postnummer"), validators=[DataRequired(_REQUIRED), Length(max=4)])
    contact_name = StringField(_l("Kontaktperson"), validators=[
        DataRequired(_REQUIRED), Length(max=120)])
    contact_phone = StringField(_l("Telefon"), validators=[DataRequired(_REQUIRED),
                                                           Length(max=20)])
    contact_email = StringField(_l("E-mail"), validators=[DataRequired(_REQUIRED),
                                                          Length(max=254)])
    agreement = StringField(_l("Overenskomst"), validators=[DataRequired(_REQUIRED),
                                                            Length(max=120)],
                            description=_l("Den overenskomst, lønnen følger."))
    agreement_min_wage = StringField(_l("Overenskomstens mindsteløn pr. time (kr.)"),
                                     validators=[DataRequired(_REQUIRED), Length(max=20)])
    wage = StringField(_l("Timeløn, I tilbyder (kr.)"), validators=[DataRequired(_REQUIRED),
                                                                     Length(max=20)])
    traits = MultiCheckboxField(_l("Hvad passer til opgaven?"), choices=[
        (t.value, label) for t, label in TRAIT_LABELS.items()], validate_choice=False)
    danish_level = SelectField(_l("Dansk"), coerce=int, validate_choice=False, choices=[
        (level.value, label) for level, label in DANISH_LABELS.items()])
    submit = SubmitField(_l("Send opgaven"))
    show_confirm = False  # set when the >10-hour warning is shown


class PublicTaskForm(TaskForm):
    cvr = StringField(_l("CVR-nummer"), validators=[DataRequired(_REQUIRED), Length(max=20)])
    business_name = StringField(_l("Virksomhedens eller foreningens navn"), validators=[
        DataRequired(_REQUIRED), Length(max=160)])
    website = StringField(_l("Lad dette felt stå tomt"))  # the honeypot: people never see it
    via = HiddenField()


def parsed_windows(form: TaskForm) -> list[weekly.Window]:
    """The filled rows as windows; RuleViolation('windows') for a row that is half or wrong."""
    windows = []
    for entry in form.windows.entries:
        day, start, end = (entry.form.weekday.data or "", (entry.form.start.data or "").strip(),
                           (entry.form.end.data or "").strip())
        if not (day or start or end):
            continue
        if not day.isdigit() or not start or not end:
            raise RuleViolation("windows", _l("Udfyld ugedag, fra og til i hver række, I bruger."))
        try:
            windows.append(weekly.Window(int(day), weekly.parse_clock(start),
                                         weekly.parse_clock(end)))
        except weekly.PatternError as error:
            raise RuleViolation("windows", PATTERN_MESSAGES[error.code]) from None
    return windows


def _kroner(form: TaskForm, name: str) -> int:
    try:
        return parse_kroner(getattr(form, name).data or "")
    except ValueError:
        raise RuleViolation(name, _l("Skriv beløbet i kroner, fx 145,50.")) from None


def to_input(form: TaskForm, language: str) -> TaskInput:
    return TaskInput(
        title=form.title.data, description=form.description.data,
        category_id=form.category_id.data or 0, windows=parsed_windows(form),
        start_date=form.start_date.data, end_date=form.end_date.data, seats=form.seats.data,
        address=form.address.data, postcode=form.postcode.data,
        contact_name=form.contact_name.data, contact_phone=form.contact_phone.data,
        contact_email=form.contact_email.data, agreement=form.agreement.data,
        agreement_min_wage=_kroner(form, "agreement_min_wage"), wage=_kroner(form, "wage"),
        traits=list(form.traits.data or []), danish_level=form.danish_level.data or 0,
        contact_language=language)


def fill_from_task(form: TaskForm, task) -> None:
    """Prefill the edit form from a saved task (GET)."""
    for name in ("title", "description", "category_id", "start_date", "end_date", "seats",
                 "address", "postcode", "contact_name", "contact_phone", "contact_email",
                 "agreement", "traits", "danish_level"):
        getattr(form, name).data = getattr(task, name)
    form.agreement_min_wage.data = _ore_text(task.agreement_min_wage)
    form.wage.data = _ore_text(task.wage)
    for entry, window in zip(form.windows.entries, weekly.from_json(task.pattern), strict=False):
        entry.form.weekday.data = str(window.weekday)
        entry.form.start.data = weekly.clock_text(window.start)
        entry.form.end.data = weekly.clock_text(window.end)


def _ore_text(ore: int) -> str:
    return f"{ore // 100},{ore % 100:02d}"


class ApproveForm(FlaskForm):
    bill_rate = StringField(_l("Pris pr. time (kr., ekskl. moms)"), validators=[
        Optional(), Length(max=20)], description=_l("Tom: standardprisen."))
    category_id = SelectField(_l("Kategori"), coerce=int, validate_choice=False)
    submit = SubmitField(_l("Godkend"))


class RejectForm(FlaskForm):
    reason = TextAreaField(_l("Begrundelse (virksomheden ser den)"), validators=[
        DataRequired(_l("Skriv en begrundelse.")), Length(max=1000)])
    submit = SubmitField(_l("Afvis"))


class QuestionForm(FlaskForm):
    question = TextAreaField(_l("Spørgsmål til virksomheden"), validators=[
        DataRequired(_l("Skriv spørgsmålet.")), Length(max=1000)])
    submit = SubmitField(_l("Send spørgsmål"))
