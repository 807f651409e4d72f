"""Generate a synthetic corpus of conflict news for benchmarks, deterministic for a seed.

Articles recombine the sentence patterns of bench/templates.txt (written after the shapes of
samples/*.txt: dateline and lead, events, claims, humanitarian toll, context) with actors,
operations, towns, townships and regions from the gazetteer (ontology/*.ttl), villages made
up from Burmese syllables, and numbers and dates drawn at random. Four articles in five are
about Myanmar; the rest use the gazetteer's actors of another country and GeoNames towns there.

    python -m bench.generate 10000 out/bench-corpus --seed 7

writes JSON Lines files of at most 1,000 articles each (`kg build` reads the folder). The
corpus is streamed: nothing but the current article is held in memory.
"""

import argparse
import datetime as dt
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

TEMPLATES = Path(__file__).with_name("templates.txt")
PER_FILE = 1000
NON_STATE = ("ArmedGroup", "Militia")
SYLLABLES = ("Nyaung", "Kan", "Thar", "Ywa", "Gyi", "Pin", "Lay", "Hpa", "Mye", "Zin", "Taung", "Kyauk", "Shwe",
             "Inn", "Let", "Pat", "Sin", "Ma", "Oak", "Hmaw", "Kone", "Tha", "Daw", "Bo")
WHO = ("residents", "a local aid worker", "a village administrator", "local media", "a rights group",
       "a resident reached by phone", "community leaders", "a relief official")
STATE_WORDS = ("junta troops", "the military", "regime forces", "government troops", "the army", "the junta",
               "security forces")
MONTHS = ("January February March April May June July August September October November December").split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh")
DATELINES = {"MM": ("YANGON", "BANGKOK", "CHIANG MAI", "MANDALAY")}
_SLOT = re.compile(r"\{([A-Z0-9]+)\}")


def load_templates(path=TEMPLATES):
    """Return {section: [pattern, ...]} from the templates file."""
    sections, current = {}, None
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        else:
            current.append(line)
    return sections


@dataclass
class Country:
    code: str
    name: str
    groups: list      # (full name, short name or None)
    state: list       # ways to name the state forces
    units: list
    towns: list       # (town, township, region)
    operations: list


def _the(name):
    """Return a name as it reads mid-sentence: "the Arakan Army", but "Hamas"."""
    return name if " " not in name or name.lower().startswith("the ") else f"the {name}"


def _short(labels):
    return next((label for label in labels if label.isupper() and 2 <= len(label) <= 7), None)


def _myanmar(gazetteer):
    places = gazetteer.places
    towns = []
    for entry in places.values():
        township = places.get(entry.parent) if entry.parent else None
        region = places.get(township.parent) if township and township.parent else None
        if entry.cls == "Town" and township and region and region.cls == "StateRegion":
            towns.append((entry.label, township.label, region.label))
    return _country(gazetteer, "MM", "Myanmar", towns)


def _country(gazetteer, code, name, towns):
    actors = [e for e in gazetteer.actors.values() if e.country == code]
    force = gazetteer.actors.get(gazetteer.national_forces.get(code))
    return Country(
        code=code, name=name,
        groups=sorted((e.label, _short(e.labels)) for e in actors if e.cls in NON_STATE),
        state=sorted(STATE_WORDS + ((_the(force.label),) if force else ())),
        units=sorted(e.label for e in actors if e.cls == "Unit") or ["army battalion"],
        towns=sorted(towns),
        operations=sorted(e.label for e in gazetteer.operations.values() if e.country == code) or ["a wider campaign"],
    )


def _world(gazetteer):
    from kg import geonames

    cities = {}
    for city in geonames._cache().get_cities().values():
        if int(city.get("population") or 0) >= 50_000 and city["name"].isascii():
            cities.setdefault(city["countrycode"], []).append(city["name"])
    countries = []
    for code in sorted(gazetteer.national_forces):
        groups = [e for e in gazetteer.actors.values() if e.country == code and e.cls in NON_STATE]
        names = sorted(set(cities.get(code, ())))
        if code != "MM" and len(groups) >= 2 and len(names) >= 6:
            country = geonames.country_name(code) or code
            towns = [(town, names[(i + 3) % len(names)], country) for i, town in enumerate(names)]
            countries.append(_country(gazetteer, code, country, towns))
    return countries


class Writer:
    """Fills the patterns for one article; every choice comes from one seeded random.Random."""

    def __init__(self, rng, country, date):
        self.rng, self.country, self.date = rng, country, date
        self.town, self.township, self.region = rng.choice(country.towns)
        nearby = [t for t in country.towns if t[2] == self.region and t[0] != self.town]
        self.town2 = rng.choice(nearby or country.towns)[0]
        self.groups = rng.sample(country.groups, min(3, len(country.groups)))
        self.village = rng.choice(SYLLABLES) + rng.choice(SYLLABLES).lower()
        self.introduced = set()
        self.unused = {}

    def sentence(self, section, templates):
        """Fill a pattern of a section not used yet in this article (all of them, then again)."""
        pool = self.unused.get(section)
        if not pool:
            pool = self.unused[section] = self.rng.sample(templates[section], len(templates[section]))
        return self.fill(pool.pop())

    def fill(self, pattern):
        text = _SLOT.sub(lambda m: self._slot(m.group(1)), pattern)
        return text[0].upper() + text[1:]

    def _group(self, index, full=False):
        name, short = self.groups[index % len(self.groups)]
        if full and short and name not in self.introduced:
            self.introduced.add(name)
            return f"{_the(name)} ({short})"
        if short and name in self.introduced and self.rng.random() < 0.7:
            return f"the {short}"
        return _the(name)

    def _number(self):
        return self.rng.choice((self.rng.randint(2, 9), self.rng.randint(10, 60), self.rng.randint(60, 300)))

    def _slot(self, name):
        rng = self.rng
        if name in ("G", "GFULL"):
            return self._group(0, full=name == "GFULL" or rng.random() < 0.3)
        if name == "G2":
            return self._group(rng.randint(1, 2))
        if name in ("S", "SCAP"):
            return rng.choice(self.country.state)
        values = {
            "U": lambda: rng.choice(self.country.units), "T": lambda: self.town, "T2": lambda: self.town2,
            "TS": lambda: self.township, "R": lambda: self.region, "V": lambda: self.village,
            "N": lambda: str(self._number()), "K": lambda: str(rng.randint(2, 12)),
            "NP": lambda: rng.choice(("at least ", "more than ", "nearly ", "about ", "")) + str(self._number()),
            "BIG": lambda: f"{rng.randint(1, 60) * 500:,}", "DAY": lambda: rng.choice(WEEKDAYS),
            "DATE": lambda: self._recent().strftime("%B ") + str(self._recent().day),
            "MONTH": lambda: MONTHS[(self.date.month - 2) % 12], "OP": lambda: rng.choice(self.country.operations),
            "WHO": lambda: rng.choice(WHO), "ORD": lambda: rng.choice(ORDINALS),
        }
        return values[name]()

    def _recent(self):
        return self.date - dt.timedelta(days=self.rng.randint(1, 10))


def article(rng, number, templates, countries):
    """Return one article as a JSON-ready dict."""
    country = countries[0] if rng.random() < 0.8 else rng.choice(countries[1:] or countries)
    date = dt.date(2021, 3, 1) + dt.timedelta(days=rng.randint(0, 1700))
    writer = Writer(rng, country, date)
    paragraphs = [writer.sentence("lead", templates)]
    for _ in range(rng.randint(5, 7)):
        sections = rng.sample(("event", "event", "claim", "humanitarian", "context"), rng.randint(3, 4))
        paragraphs.append(" ".join(writer.sentence(s, templates) for s in sections))
    paragraphs.append(writer.sentence("close", templates))
    city = rng.choice(DATELINES.get(country.code, (writer.town.upper(),)))
    paragraphs[0] = f"{city}, {date.strftime('%b')} {date.day} (Bench Wire) - {paragraphs[0]}"
    article_id = f"bench-{number:06d}"
    return {"id": article_id, "url": f"https://example.org/bench/{article_id}", "date": date.isoformat(),
            "title": writer.sentence("title", templates), "source": "Bench Wire", "text": "\n\n".join(paragraphs)}


def generate(count, seed=7, ontology=None):
    """Yield `count` article dicts, the same ones for the same seed."""
    from kg.gazetteer import load_gazetteer

    gazetteer = load_gazetteer(str(ontology)) if ontology else load_gazetteer()
    templates = load_templates()
    countries = [_myanmar(gazetteer), *_world(gazetteer)]
    rng = random.Random(seed)
    for number in range(count):
        yield article(rng, number, templates, countries)


def write_corpus(count, directory, seed=7, per_file=PER_FILE):
    """Write `count` articles as JSON Lines files under `directory`; return the paths written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths, out = [], None
    for number, item in enumerate(generate(count, seed)):
        if number % per_file == 0:
            if out:
                out.close()
            paths.append(directory / f"articles-{number // per_file:04d}.jsonl")
            out = open(paths[-1], "w", encoding="utf-8")
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
    if out:
        out.close()
    return paths


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of articles (up to 100,000)")
    parser.add_argument("directory", help="folder for the JSON Lines files")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-file", type=int, default=PER_FILE)
    args = parser.parse_args(argv)
    paths = write_corpus(args.count, args.directory, args.seed, args.per_file)
    print(f"wrote {args.count} articles in {len(paths)} files under {args.directory}")


if __name__ == "__main__":
    main()
