"""Demo tasks: fifteen believable Aalborg-area tasks across categories and statuses."""

from __future__ import annotations

from datetime import datetime, timedelta

from smajob import clock, weekly
from smajob.extensions import db
from smajob.postcodes.services import ensure_nordjylland
from smajob.tasks import events
from smajob.tasks.categories import get_category_by_code
from smajob.tasks.models import Task, TaskStatus

W = weekly.Window
TUE_THU = [W(1, 540, 720), W(3, 540, 720)]  # 6 h
MON_WED_FRI = [W(0, 600, 720), W(2, 600, 720), W(4, 600, 720)]  # 6 h
MORNINGS = [W(0, 480, 600), W(1, 480, 600), W(3, 480, 600), W(4, 480, 600)]  # 8 h

# business index, category, title, description, pattern, status, days ago, traits, danish,
# source, agreement, min wage (øre), wage (øre)
TASKS = [
    (1, "kitchen", "Opvask og oprydning efter frokost", "Opvask, tømme opvaskemaskine og gøre "
     "køkkenet klar til aften.", MON_WED_FRI, "open", 40, ["standing"], 1, "helper",
     "Hotel- og Restaurationsoverenskomsten", 14_900, 15_200),
    (1, "cafe", "Klargøring af borde og bestik", "Dække borde, rulle bestik i servietter og "
     "fylde op ved kaffebaren.", TUE_THU, "submitted", 1, ["standing"], 1, "form",
     "Hotel- og Restaurationsoverenskomsten", 14_900, 14_900),
    (2, "office", "Scanning af gamle bilag", "Scanne og navngive papirbilag fra arkivet, så de "
     "kan findes digitalt.", TUE_THU, "open", 30, ["supervision", "accessible"], 2, "portal",
     "HK Privat", 14_300, 14_500),
    (2, "sorting", "Makulering af fortrolige papirer", "Sortere papir fra arkivkasser og "
     "makulere det fortrolige.", MORNINGS, "paused", 60, ["accessible"], 0, "portal",
     "HK Privat", 14_300, 14_300),
    (2, "mail", "Intern post og kopipapir", "Hente og omdele post i huset og fylde papir i "
     "printerne på tre etager.", MON_WED_FRI, "submitted", 3, ["standing"], 1, "helper",
     "HK Privat", 14_300, 14_300),
    (3, "outdoor", "Vanding og pasning af planter", "Vande, pinde visne blade af og flytte "
     "potter i drivhuset.", TUE_THU, "open", 25, ["standing", "outdoors"], 0, "helper",
     "Gartneroverenskomsten", 14_100, 14_400),
    (3, "warehouse", "Pakning af webordrer", "Pakke planter og havetilbehør til forsendelse.",
     MORNINGS, "submitted", 2, ["standing", "lifting"], 1, "form", "Gartneroverenskomsten",
     14_100, 14_100),
    (4, "cleaning", "Oprydning i omklædningsrum", "Lettere rengøring og oprydning efter "
     "træning, opfyldning af papir og sæbe.", MON_WED_FRI, "open", 50, ["standing"], 0,
     "portal", "Serviceoverenskomsten", 14_000, 14_000),
    (4, "cafe", "Hjælp i cafeteriet ved kampe", "Salg af kaffe og kage og oprydning ved "
     "hjemmekampe.", [W(5, 600, 900), W(6, 600, 720)], "rejected", 20, ["standing", "fast_pace"],
     2, "form", "Serviceoverenskomsten", 14_000, 14_000),
    (5, "warehouse", "Ompakning af returvarer", "Kontrollere og ompakke returvarer, så de kan "
     "sælges igen.", MORNINGS, "open", 35, ["standing", "lifting"], 1, "portal",
     "Transport- og Logistikoverenskomsten", 15_000, 15_500),
    (5, "sorting", "Sortering af paller og emballage", "Sortere pap, plast og træ til "
     "genbrug i gården.", TUE_THU, "closed", 120, ["outdoors", "lifting"], 0, "portal",
     "Transport- og Logistikoverenskomsten", 15_000, 15_000),
    (0, "workshop", "Enkel montage af beslag", "Skrue beslag på lister og pakke dem i sæt.",
     TUE_THU, "open", 15, ["supervision"], 1, "helper", "Byggeri- og Anlægsoverenskomsten",
     15_600, 15_800),
    (0, "outdoor", "Fejning og oprydning på pladsen", "Holde værkstedspladsen ryddelig og feje "
     "ved indgangen.", MON_WED_FRI, "expired", 150, ["outdoors"], 0, "portal",
     "Byggeri- og Anlægsoverenskomsten", 15_600, 15_600),
    (6, "workshop", "Vask og klargøring af biler", "Støvsuge og vaske kundebiler, før de "
     "udleveres.", MORNINGS, "submitted", 0, ["standing", "outdoors"], 1, "form",
     "Industriens Overenskomst", 15_200, 15_200),
    (6, "other", "Dækhotel: mærkning og opbevaring", "Mærke og stable kundernes dæk på "
     "reolerne.", TUE_THU, "open", 10, ["lifting"], 0, "portal", "Industriens Overenskomst",
     15_200, 15_400),
]


def seed_tasks(now: datetime, context: dict) -> None:
    ensure_nordjylland()
    businesses, consultant = context["businesses"], context["consultants"][0]
    today = clock.to_local(now).date()
    for (index, category, title, description, pattern, status, days_ago, traits, danish, source,
         agreement, minimum, wage) in TASKS:
        business = businesses[index]
        submitted = now - timedelta(days=days_ago, hours=index)
        start = today + timedelta(days=7) if status == "submitted" else (
            today - timedelta(days=max(days_ago - 7, 0)))
        task = Task(business_id=business.id, category_id=get_category_by_code(category).id,
                    title=title, description=description, pattern=weekly.to_json(pattern),
                    weekly_minutes=weekly.total_minutes(pattern), start_date=start,
                    end_date=today - timedelta(days=3) if status == "expired" else None,
                    seats=2 if status == "open" and index % 2 else 1,
                    address=business.address or "Boulevarden 1",
                    postcode=business.postcode or "9000", contact_name="Kontaktperson",
                    contact_phone="98123456", contact_email=business.email or "kontakt@x.demo",
                    agreement=agreement, agreement_min_wage=minimum, wage=wage,
                    bill_rate=None if status in ("submitted", "rejected") else 18_500,
                    traits=traits, danish_level=danish, status=TaskStatus.SUBMITTED,
                    source=source, submitted_at=submitted)
        db.session.add(task)
        db.session.flush()
        events.record(task, None, "submitted", now=submitted)
        _advance(task, status, consultant, submitted)


def _advance(task: Task, status: str, consultant, submitted: datetime) -> None:
    later = submitted + timedelta(days=1)
    if status == "rejected":
        task.rejection_reason = ("Opgaven ligger kun i weekenden, og vi har ingen kandidater til "
                                 "weekendarbejde lige nu.")
        events.set_status(task, consultant, TaskStatus.REJECTED, now=later, action="rejected",
                          note=task.rejection_reason)
        return
    if status == "submitted":
        return
    events.set_status(task, consultant, TaskStatus.OPEN, now=later, action="approved")
    task.approved_at = later
    if status in ("paused", "closed", "expired"):
        events.set_status(task, None if status == "expired" else consultant, status,
                          now=later + timedelta(days=20), action=status)
