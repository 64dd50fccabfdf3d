# Lao formats, following CLDR `lo` (as Babel renders it): 17 ມີນາ 2025, 17/3/2025,
# thousands grouped with "." and decimals marked with ",".
# The format string syntax is Django's: https://docs.djangoproject.com/en/5.2/ref/templates/builtins/#date
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j/n/Y"
SHORT_DATETIME_FORMAT = "j/n/Y H:i"
FIRST_DAY_OF_WEEK = 0  # Sunday, as in CLDR for Laos

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 17/03/2025: how dates are typed and shown in forms
    "%Y-%m-%d",  # 2025-03-17 (ISO, as imports and the API send it)
    "%d/%m/%y",  # 17/03/25
    "%d-%m-%Y",  # 17-03-2025
    "%d.%m.%Y",  # 17.03.2025
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
