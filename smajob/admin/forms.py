"""Admin forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, IntegerField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from smajob.permissions import Role

ROLE_LABELS = {
    Role.BUSINESS: _l("Virksomhed"),
    Role.CONSULTANT: _l("Konsulent (bureau)"),
    Role.JOBCENTER: _l("Jobcenter"),
    Role.ADMIN: _l("Administrator"),
}
_REQUIRED = _l("Udfyld feltet.")


class UserForm(FlaskForm):
    name = StringField(_l("Navn"), validators=[DataRequired(_REQUIRED), Length(max=120)])
    email = EmailField(_l("E-mail"), validators=[
        DataRequired(_REQUIRED), Email(_l("Skriv en gyldig e-mailadresse.")), Length(max=254)])
    role = SelectField(_l("Rolle"), choices=[(r.value, ROLE_LABELS[r]) for r in Role])
    municipality_id = SelectField(_l("Kommune (for jobcenter-brugere)"), coerce=int,
                                  validators=[Optional()])
    business_id = SelectField(_l("Virksomhed (for virksomhedsbrugere)"), coerce=int,
                              validators=[Optional()])
    language = SelectField(_l("Sprog"), choices=[("da", "Dansk"), ("en", "English")])
    submit = SubmitField(_l("Gem"))


class NewUserForm(UserForm):
    password = PasswordField(_l("Startadgangskode"), validators=[
        DataRequired(_REQUIRED), Length(max=1024)], render_kw={"autocomplete": "new-password"},
        description=_l("Mindst 8 tegn; brugeren kan skifte den selv."))


class ConfirmForm(FlaskForm):
    """An empty form: a POST button protected by CSRF."""

    submit = SubmitField(_l("Bekræft"))


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form

    actor_id = IntegerField(_l("Bruger-id"), validators=[Optional(), NumberRange(min=1)])
    candidate_id = IntegerField(_l("Kandidat-id"), validators=[Optional(), NumberRange(min=1)])
    action = StringField(_l("Handling"), validators=[Optional(), Length(max=60)])
