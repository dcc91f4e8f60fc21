"""The story form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional


class StoryForm(FlaskForm):
    title = StringField(_l("Overskrift"), validators=[DataRequired(_l("Udfyld feltet.")),
                                                      Length(max=120)])
    body = TextAreaField(_l("Tekst"), validators=[DataRequired(_l("Udfyld feltet.")),
                                                  Length(max=2000)],
                         description=_l("Højst 2.000 tegn. Nævn kun personer, der har givet "
                                        "samtykke til det."))
    byline = StringField(_l("Afsender (fx virksomhed og by)"),
                         validators=[Optional(), Length(max=120)])
    language = SelectField(_l("Sprog"), choices=[("da", "Dansk"), ("en", "English")])
    sort_order = IntegerField(_l("Rækkefølge"), default=0,
                              validators=[Optional(), NumberRange(min=0, max=1000)])
    published = BooleanField(_l("Vis på forsiden"))
    submit = SubmitField(_l("Gem historie"))
