"""The programme's figures the budgets are checked and planned against, as officers would type
them in the administration (where they keep them from here on). Written by the migration that
first brought them and by the demo, which must find them even in a database emptied since.

Allowed lump sums of the cooperation partnerships (Erasmus+ Programme Guides 2022 to 2025, Part
B, "Partnerships for cooperation"): KA220 120,000, 250,000 or 400,000 EUR; small-scale
partnerships (KA210) 30,000 or 60,000 EUR.

Unit costs of the 2014–2020 strategic partnerships (Erasmus+ Programme Guides 2017 and 2018,
Part B, Key Action 2, "Strategic Partnerships", funding rules; the same figures both years):
project management and implementation 500 EUR a month for the coordinating organisation and
250 EUR for each other participating organisation; transnational project meetings 575 EUR per
participant for 100 to 1999 km and 760 EUR for 2000 km or more; multiplier events 100 EUR per
local and 200 EUR per international participant; intellectual outputs per working day of a
manager 280 EUR and of a teacher, trainer or researcher 214 EUR in country group B (Belgium,
Germany, France, Italy, Finland, United Kingdom, Iceland), 164 and 137 EUR in group C (Czech
Republic, Greece, Spain, Cyprus, Malta, Portugal, Slovenia).
"""

from decimal import Decimal

LUMP_SUM_YEARS = range(2022, 2026)
LUMP_SUMS = {
    "KA220-VET": ["120000", "250000", "400000"],
    "KA220-ADU": ["120000", "250000", "400000"],
    "KA210": ["30000", "60000"],
}
RATE_YEARS = (2017, 2018)
# heading, distance band, country group, participant type, unit, amount
RATES = [
    ("management", "", "", "coordinator", "month", "500"),
    ("management", "", "", "partner", "month", "250"),
    ("meetings", "100-1999", "", "participant", "participant", "575"),
    ("meetings", "2000+", "", "participant", "participant", "760"),
    ("multiplier", "", "", "local", "participant", "100"),
    ("multiplier", "", "", "international", "participant", "200"),
    ("outputs", "", "B", "manager", "day", "280"),
    ("outputs", "", "B", "trainer", "day", "214"),
    ("outputs", "", "C", "manager", "day", "164"),
    ("outputs", "", "C", "trainer", "day", "137"),
]
SOURCE = "Erasmus+ Programme Guide {year}, Part B, Strategic Partnerships, funding rules"


def record_programme_figures(AllowedLumpSum, UnitCostRate) -> None:
    """Add whichever of these figures are missing, leaving the officers' own rows as they are.
    Takes the models, so that the migration passes its historical ones."""
    for year in LUMP_SUM_YEARS:
        for action, amounts in LUMP_SUMS.items():
            for amount in amounts:
                AllowedLumpSum.objects.get_or_create(
                    call_year=year, action=action, amount=Decimal(amount)
                )
    for year in RATE_YEARS:
        for heading, band, group, participant, unit, amount in RATES:
            UnitCostRate.objects.get_or_create(
                programme_year=year,
                heading=heading,
                distance_band=band,
                country_group=group,
                participant_type=participant,
                defaults={
                    "unit": unit,
                    "amount": Decimal(amount),
                    "source": SOURCE.format(year=year),
                },
            )
