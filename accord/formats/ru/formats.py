"""Russian dates: «7 декабря 2026 г.», «7 декабря 2026 г., 14:05», «апрель 2023 г.», «с апреля 2023 г.»."""

DATE_FORMAT = "j E Y г."
DATETIME_FORMAT = "j E Y г., G:i"
YEAR_MONTH_FORMAT = "F Y г."
MONTH_DAY_FORMAT = "j E"

# Accord's own names (Django ignores them), read by accord.core.dates.
YEAR_FORMAT = "Y г."
SINCE_YEAR_MONTH_FORMAT = "E Y г."
MONTH_NAMES_CAPITALIZED = False
