"""The form for a new hours-requirement rule."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

_REQUIRED = _l("Udfyld feltet.")


class HoursRuleForm(FlaskForm):
    code = StringField(_l("Kode (kort navn uden mellemrum)"), validators=[
        DataRequired(_REQUIRED), Length(max=40)])
    name = StringField(_l("Navn"), validators=[DataRequired(_REQUIRED), Length(max=120)])
    municipality_id = SelectField(_l("Kommune"), coerce=int, validators=[Optional()])
    window_months = IntegerField(_l("Vindue i måneder"), validators=[
        InputRequired(_l("Skriv et helt antal måneder.")),
        NumberRange(1, 60, _l("Vinduet skal være mellem 1 og 60 måneder."))])
    threshold_hours = IntegerField(_l("Timer, der skal nås i vinduet"), validators=[
        InputRequired(_l("Skriv et helt antal timer.")),
        NumberRange(1, 5000, _l("Timetallet skal være mellem 1 og 5.000."))])
    valid_from = DateField(_l("Gælder fra"), validators=[
        DataRequired(_l("Skriv en gyldig dato (åååå-mm-dd)."))])
    note = StringField(_l("Bemærkning (fx lovgrundlag)"), validators=[Optional(), Length(max=300)])
    submit = SubmitField(_l("Gem ny regel"))
