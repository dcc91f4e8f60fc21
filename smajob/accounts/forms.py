"""Account forms: syntax and CSRF only; rules live in the services."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

_REQUIRED = _l("Udfyld feltet.")


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(_REQUIRED), Length(max=254)],
                       render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Adgangskode"), validators=[DataRequired(_REQUIRED),
                                                            Length(max=1024)],
                             render_kw={"autocomplete": "current-password"})
    submit = SubmitField(_l("Log ind"))


class ResetRequestForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[
        DataRequired(_REQUIRED), Email(_l("Skriv en gyldig e-mailadresse.")), Length(max=254)],
        render_kw={"autocomplete": "email"})
    submit = SubmitField(_l("Send link"))


class NewPasswordForm(FlaskForm):
    password = PasswordField(_l("Ny adgangskode"), validators=[
        DataRequired(_REQUIRED), Length(max=1024)], render_kw={"autocomplete": "new-password"},
        description=_l("Mindst 8 tegn. Gerne en lang sætning; almindelige ord afvises."))
    confirm = PasswordField(_l("Gentag ny adgangskode"), validators=[
        DataRequired(_REQUIRED), EqualTo("password", _l("De to adgangskoder er ikke ens."))],
        render_kw={"autocomplete": "new-password"})
    submit = SubmitField(_l("Gem adgangskode"))


class ChangePasswordForm(NewPasswordForm):
    current_password = PasswordField(_l("Nuværende adgangskode"), validators=[
        DataRequired(_REQUIRED), Length(max=1024)],
        render_kw={"autocomplete": "current-password"})


class LanguageForm(FlaskForm):
    language = SelectField(_l("Sprog"), choices=[("da", "Dansk"), ("en", "English")])
    submit = SubmitField(_l("Skift sprog"))
