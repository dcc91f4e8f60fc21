"""The form for a new dated rate."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional


class RateForm(FlaskForm):
    code = SelectField(_l("Sats"))
    municipality_id = SelectField(_l("Kommune (kun for satser pr. kommune)"), coerce=int,
                                  validators=[Optional()])
    value = StringField(_l("Ny værdi"), validators=[DataRequired(_l("Udfyld feltet.")),
                                                   Length(max=30)])
    valid_from = DateField(_l("Gælder fra"), validators=[
        DataRequired(_l("Skriv en gyldig dato (åååå-mm-dd)."))])
    note = StringField(_l("Bemærkning (fx kilde eller beslutning)"),
                       validators=[Optional(), Length(max=300)])
    submit = SubmitField(_l("Gem ny sats"))
