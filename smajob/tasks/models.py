"""Task categories (a managed list); the Task itself is added by the Tasks feature."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from smajob.db import Base

# The bureau's typical tasks (seeded by migration 0002; admins may add and retire categories).
DEFAULT_CATEGORIES = [
    ("office", "Kontorhjælp, registrering og print", "Office help, registration and printing"),
    ("sorting", "Sortering og makulering", "Sorting and shredding"),
    ("mail", "Post og ærinder", "Mail and errands"),
    ("kitchen", "Køkken- og kantinehjælp", "Kitchen and canteen help"),
    ("cleaning", "Lettere rengøring", "Light cleaning"),
    ("outdoor", "Planter, udendørs- og gårdarbejde", "Plants, outdoor and yard work"),
    ("warehouse", "Lager og pakning", "Warehouse and packing"),
    ("workshop", "Værksted og enkel montage", "Workshop and simple assembly"),
    ("cafe", "Café og service", "Café and service"),
    ("other", "Andet", "Other"),
]


class TaskCategory(Base):
    __tablename__ = "task_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name_da: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(String(80))
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    def name(self, language: str = "da") -> str:
        return self.name_en if language == "en" else self.name_da

    def __repr__(self) -> str:
        return f"<TaskCategory {self.code}>"
