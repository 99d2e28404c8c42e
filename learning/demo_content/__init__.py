"""Demo content for the short local how-to lessons (data only, no Django imports).

Each lesson is a module `lesson_NN_<slug>.py` holding a `LESSON` dict; the number sets the order.
"""

import importlib
import pkgutil

from .topics import TOPICS

LESSONS = [
    importlib.import_module(f"{__name__}.{module.name}").LESSON
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda module: module.name)
    if module.name.startswith("lesson_")
]

__all__ = ["LESSONS", "TOPICS"]
