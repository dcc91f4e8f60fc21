"""Example tasks per category, shown on the landing page and in the task helper."""

from flask_babel import lazy_gettext as _l

EXAMPLES = {
    "office": [_l("Scanne og registrere bilag"), _l("Printe og folde breve"),
               _l("Opdatere kundekartotek")],
    "sorting": [_l("Makulere gamle papirer"), _l("Sortere returvarer"),
                _l("Sortere skruer og beslag")],
    "mail": [_l("Hente og bringe post"), _l("Køre små ærinder til banken og posthuset")],
    "kitchen": [_l("Tømme og fylde opvaskemaskinen"), _l("Gøre frokoststuen klar"),
                _l("Fylde kaffe og frugt op")],
    "cleaning": [_l("Tørre borde og hylder af"), _l("Rydde op i personalerummet")],
    "outdoor": [_l("Vande planter"), _l("Feje og luge i gården"), _l("Samle affald på p-pladsen")],
    "warehouse": [_l("Pakke varer til forsendelse"), _l("Folde papkasser"),
                  _l("Sætte varer på plads")],
    "workshop": [_l("Samle enkle dele"), _l("Rengøre værktøj"), _l("Mærke og sortere dele")],
    "cafe": [_l("Dække borde og rydde af"), _l("Fylde op i køledisken")],
    "other": [_l("Har I en opgave, der ikke passer ind? Fortæl os om den.")],
}
