"""English dates, as United Nations texts write them: "7 December 2026", "7 December 2026, 14:05", "April 2023"."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"

# Accord's own names (Django ignores them), read by accord.core.dates.
YEAR_FORMAT = "Y"
SINCE_YEAR_MONTH_FORMAT = "F Y"
MONTH_NAMES_CAPITALIZED = True
