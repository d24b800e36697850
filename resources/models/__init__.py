"""The directory of support and reinsertion services, modelled on Open Referral HSDS 3.0.

organisation → service → service_at_location → location, with phones, weekly schedules and exceptional
closures on the service. Organisations, services, hotspots are translatable (wagtail-localize): the French record
is the source, the Dutch one is its translation (same `translation_key`). Codes, coordinates, phones, schedules,
flags and languages are synchronised. Geography (communes, quartiers) and the category taxonomy are reference
data with one row each and its names in every content language in one JSON field (`names`, keyed by language code:
a third language is one more key, typed in the admin — no column, no code).

The models live in one module per concept; this package re-exports them (and the helpers other code imports), so
`from resources.models import Service` keeps working:

- names: `normalize`, `collation_key`, `sorted_by_name`, and `NamedInLanguages` (reference data named in every
  content language);
- geography: `Commune`, `Quartier`, `Hotspot`;
- taxonomy: `Category` and its seed list `CATEGORIES`;
- services: `Organisation`, `Service` and its `FLAGS`;
- service_details: a service's `Phone`, `Schedule` and `Closure` rows;
- locations: `Location`, `ServiceAtLocation` and `refresh_points`;
- follow_up: `ProblemReport`, `TaskForce`, `DirectoryReviewSettings`, `StaleReminder`;
- revisions: what services and locations share as drafts with revisions and workflows.
"""

from .follow_up import DirectoryReviewSettings, ProblemReport, StaleReminder, TaskForce
from .geography import Commune, Hotspot, Quartier
from .locations import Location, ServiceAtLocation, refresh_points
from .names import NamedInLanguages, collation_key, normalize, sorted_by_name
from .revisions import BOOKKEEPING_FIELDS
from .service_details import Closure, Phone, Schedule
from .services import FLAG_CODES, FLAGS, STALE_AFTER_DAYS, Organisation, Service
from .taxonomy import CATEGORIES, Category

__all__ = [
    "BOOKKEEPING_FIELDS",
    "CATEGORIES",
    "FLAGS",
    "FLAG_CODES",
    "STALE_AFTER_DAYS",
    "Category",
    "Closure",
    "Commune",
    "DirectoryReviewSettings",
    "Hotspot",
    "Location",
    "NamedInLanguages",
    "Organisation",
    "Phone",
    "ProblemReport",
    "Quartier",
    "Schedule",
    "Service",
    "ServiceAtLocation",
    "StaleReminder",
    "TaskForce",
    "collation_key",
    "normalize",
    "refresh_points",
    "sorted_by_name",
]
