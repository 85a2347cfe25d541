"""What the shipped sample article must read as, wherever it is served from."""

SAMPLE_URL = (
    "https://www.themoscowtimes.com/2024/12/05/russia-north-korea-defense-pact-enters-force-a87233"
)
TITLE = "Russia-North Korea Defense Pact Enters Into Force"
CAPTION = "North Korean head Kim Jong-un and Russia's president Vladimir Putin."
RELATED_TITLE = (
    "Putin Pulls From Stalin’s Playbook in Sending North Koreans Disguised as Buryats to Ukraine"
)
# The start of every body paragraph, in order.
PARAGRAPHS = [
    "A mutual defense pact between North Korea and Russia",
    "The open-ended “Comprehensive Strategic Partnership Treaty” obligates",
    "North Korea and Russia have strengthened their military ties",
    "The pact came into effect when the ratification instruments",
    "The treaty will serve “as a strong driving force",
    "North Korean leader Kim Jong Un said last week",
    "President Vladimir Putin and Kim signed the pact in June",
    "Lawmakers in Moscow last month voted unanimously",
    "The formalization of the treaty comes as the United States",
    "Experts say Kim is keen to acquire advanced technology",
    "Analysts have suggested Pyongyang could be using Ukraine",
    "By sending soldiers, North Korea is positioning itself",
]
# Site furniture that must never reach the body.
FURNITURE = [
    "Advertisement",
    "cookie",
    "Newsletter",
    "Read more about",
    "Independent journalism from Russia depends on readers like you",
    "All rights reserved",
    "Related article",
]
