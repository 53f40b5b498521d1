"""The three import files: schools (upsert by school code), people (upsert by national ID) and
O-NET means (upsert by organization, year, grade, subject). Columns are documented in
docs/imports.md and in the downloadable templates, both generated from each importer's
``columns``. One module per file kind; this package names them."""

from pramoen.orgs.imports.engine import Importer
from pramoen.orgs.imports.importers.common import parse_year
from pramoen.orgs.imports.importers.onet import OnetImporter
from pramoen.orgs.imports.importers.people import PersonImporter
from pramoen.orgs.imports.importers.schools import SCHOOL_FIELDS, SchoolImporter, parse_levels

IMPORTERS: dict[str, type[Importer]] = {
    cls.kind: cls for cls in (SchoolImporter, PersonImporter, OnetImporter)
}

__all__ = [
    "IMPORTERS",
    "SCHOOL_FIELDS",
    "OnetImporter",
    "PersonImporter",
    "SchoolImporter",
    "parse_levels",
    "parse_year",
]
