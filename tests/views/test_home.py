"""The home page tells the money story once: headlines in readable units with the exact
amount beside them, the orientation that holds the most, the largest actions (their exact
figures in a table), read from the built site and checked against its own /actions/ and
/finances/ tables, never against figures typed here."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from crte.fr import euros, percent_text, percent_value, readable_euros

from ..sitebuild import page, text


@pytest.mark.parametrize(("amount", "words"), [
    ("90713853.98", "90,7 millions d'euros"), ("1000000", "1 million d'euros"), ("1500000", "1,5 million d'euros"),
    ("1950206", "2 millions d'euros"), ("999950", "1 million d'euros"), ("2000000000", "2 milliards d'euros"),
    ("1234567890", "1,2 milliard d'euros"), ("999950000", "1 milliard d'euros"), ("90050000", "90,1 millions d'euros"),
    ("666362", "666\u202f362\u00a0€"), ("949999.50", "950\u202f000\u00a0€"), ("999949.50", "1 million d'euros"), ("0", "0\u00a0€"),
])
def test_readable_euros_say_an_amount_as_a_reader_does(amount: str, words: str) -> None:
    assert readable_euros(Decimal(amount)) == words


def amount(cell: str) -> Decimal:
    return Decimal(re.sub(r"[\s\u202f\xa0€]", "", cell).replace(",", "."))


def action_costs(site: Path) -> list[tuple[str, Decimal]]:
    rows = page(site, "actions/").select("table.crte-actions tbody tr")
    return [(text(r.th), amount(text(r.select_one('td[data-label="Coût total HT"]')))) for r in rows]


def test_headlines_read_in_millions_with_the_exact_amount_beside(site: Path) -> None:
    total = sum((c for _, c in action_costs(site)), Decimal(0))
    (cost,) = [d for d in page(site, "").select(".crte-chiffres > div") if "coût total HT" in d.get_text()]
    assert cost.strong.get_text() == readable_euros(total)
    assert re.fullmatch(r"\d+(,\d)? (millions?|milliards?) d'euros", cost.strong.get_text())
    assert cost.select_one(".crte-exact").get_text() == euros(total)


def test_the_home_page_names_the_orientation_that_holds_the_most(site: Path) -> None:
    rows = page(site, "finances/").select("#tableau-orientation tbody tr")
    costs = {text(r.th): amount(text(r.select("td")[1]).split(" ses chantiers")[0]) for r in rows}
    name, most = max(costs.items(), key=lambda kv: kv[1])
    total = sum(costs.values(), Decimal(0))
    numero, titre = re.fullmatch(r"Orientation (\d) : (.*)", name).groups()
    sentence = page(site, "").select_one("p.crte-essentiel")
    assert " ".join(sentence.get_text().split()) == (
        f"{readable_euros(most)} sur {readable_euros(total)} ({percent_text(percent_value(most, total))} du coût "
        f"total) vont à l'orientation {numero} : « {titre} ».").replace("\u202f", " ").replace("\xa0", " ")
    assert sentence.a["href"] == f"orientations/{numero}/"


def test_the_largest_actions_come_first_with_their_exact_figures(site: Path) -> None:
    costs = action_costs(site)
    expected = sorted(costs, key=lambda tc: -tc[1])[:5]
    home = page(site, "")
    table = home.select_one("table.crte-actions")
    assert text(table.caption) == "Les actions au coût total le plus élevé"
    shown = [(text(r.th), amount(text(r.select_one('td[data-label="Coût total HT"]')))) for r in table.select("tbody tr")]
    assert shown == expected
    share = percent_text(percent_value(sum((c for _, c in expected), Decimal(0)), sum((c for _, c in costs), Decimal(0))))
    intro = table.find_parent("div").find_previous_sibling("p")
    assert text(intro) == f"Les 5 actions les plus coûteuses représentent {share} du coût total :".replace(
        "\u202f", " ").replace("\xa0", " ")
    assert [a["href"] for a in table.find_next("p").select("a")] == ["actions/", "communes/", "maitres-ouvrage/"]


def test_the_home_page_says_what_has_been_done_in_its_own_section(site: Path) -> None:
    headings = [text(h).removesuffix(" ¶") for h in page(site, "").select("article h2")]
    assert headings[:4] == ["En chiffres", "Où va l'argent", "Ce qui a été fait", "Le financement par orientation"]
