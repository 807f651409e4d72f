"""Score extraction against hand annotations (gold JSON files), as DESIGN.md prescribes.

Exports: load_gold, score_pairs, score_groups, evaluate, Score.

A predicted (group, place) matches a gold pair when any label of the predicted group equals
the gold group's name or an alias, and any label of the place equals the gold place or an
alias, compared by normalise_name (case, punctuation, "the", "'s", Defence/Defense ignored).
Pairs marked optional are neither rewarded nor punished.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .namespace import KG
from .text import normalise_name


@dataclass
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self):
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self):
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 0.0

    @property
    def f1(self):
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self):
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "tp": self.true_positives, "fp": self.false_positives, "fn": self.false_negatives}


def load_gold(directory):
    """Return the decoded gold files of a directory (or one file)."""
    path = Path(directory)
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise InputError(f"{directory}: no gold .json files found")
    golds = []
    for file in files:
        try:
            golds.append(json.loads(file.read_text(encoding="utf-8")))
        except (OSError, ValueError) as error:
            raise InputError(f"{file}: not a readable gold file ({error})") from error
    return golds


def article_ids(golds):
    return {Path(g["article"]).stem for g in golds}


class _Identities:
    """Canonical gold groups and places, each with the set of keys that name it."""

    def __init__(self, golds):
        self.groups, self.places = {}, {}
        self.required, self.optional = set(), set()
        for gold in golds:
            for group in gold["groups"]:
                keys = self.groups.setdefault(group["name"], set())
                keys.update(normalise_name(n) for n in [group["name"], *group.get("aliases", [])])
            for pairs, target in ((gold["fought_where"], self.required), (gold.get("fought_where_optional", []), self.optional)):
                for pair in pairs:
                    keys = self.places.setdefault(pair["place"], set())
                    keys.update(normalise_name(n) for n in [pair["place"], *pair.get("place_aliases", [])])
                    target.add((pair["group"], pair["place"]))
        self.optional -= self.required

    def match(self, keys, table):
        return {name for name, names in table.items() if keys & names}


def score_pairs(golds, rows):
    """Score fought-where rows (dicts with group/place labels and aliases) against gold."""
    ids = _Identities(golds)
    found, unmatched = set(), set()
    for row in rows:
        group_keys = {normalise_name(n) for n in [row["group"], *row.get("group_aliases", [])] if n}
        place_keys = {normalise_name(n) for n in [row["place"], *row.get("place_aliases", [])] if n}
        pairs = {(g, p) for g in ids.match(group_keys, ids.groups) for p in ids.match(place_keys, ids.places)}
        hits = pairs & ids.required
        found |= hits
        if not hits and not pairs & ids.optional:
            unmatched.add((row.get("group_iri") or row["group"], row.get("place_iri") or row["place"]))
    return Score(len(found), len(unmatched), len(ids.required - found)), sorted(ids.required - found), sorted(unmatched)


def score_groups(golds, actors):
    """Return the recall of gold groups among `kg ask actors` rows, and the missed names."""
    ids = _Identities(golds)
    keys = set()
    for actor in actors:
        keys.update(normalise_name(n) for n in [actor["label"], *actor.get("aliases", [])] if n)
    missed = sorted(name for name, names in ids.groups.items() if not names & keys)
    total = len(ids.groups)
    return (total - len(missed)) / total if total else 0.0, missed


def score_relations(golds, relations, kind):
    """Score opposed or allied pairs (rows with two label sets) against gold."""
    ids = _Identities(golds)
    wanted = {frozenset(pair) for gold in golds for pair in gold.get(kind, []) if len(set(pair)) == 2}
    found, extra = set(), 0
    for first, second in relations:
        a, b = ids.match(first, ids.groups), ids.match(second, ids.groups)
        pairs = {frozenset((x, y)) for x in a for y in b if x != y}
        hits = pairs & wanted
        found |= hits
        extra += 0 if hits else 1
    return Score(len(found), extra, len(wanted - found))


def evaluate(store, gold_dir):
    """Return a report dict: fought-where P/R/F1, group recall, opposed and allied scores."""
    from .questions import ask, labels_of

    golds = load_gold(gold_dir)
    wanted = article_ids(golds)
    _, rows = ask(store, "fought-where")
    rows = [r for r in rows if set(r.get("articles", [])) & wanted]
    pairs, missed, extra = score_pairs(golds, rows)
    _, actors = ask(store, "actors")
    recall, missed_groups = score_groups(golds, actors)
    report = {"articles": len(golds), "fought_where": pairs.as_dict(), "group_recall": round(recall, 3),
              "missed_pairs": [list(p) for p in missed], "extra_pairs": [list(p) for p in extra],
              "missed_groups": missed_groups}
    for kind in ("opposed", "allied"):
        relation_rows = _relations(store, kind, wanted)
        labels = labels_of(store, sorted({iri for pair in relation_rows for iri in pair}))
        keyed = [({normalise_name(l) for l in labels.get(a, [])}, {normalise_name(l) for l in labels.get(b, [])})
                 for a, b in relation_rows]
        report[kind] = score_relations(golds, keyed, kind).as_dict()
    return report


def _relations(store, kind, wanted):
    rows = store.query(
        "SELECT DISTINCT ?a ?b ?id WHERE { ?r a kg:ActorRelation ; kg:relationType ?t ; kg:relatedActor ?a , ?b ; "
        "kg:reportedIn/kg:articleId ?id . FILTER(STR(?a) < STR(?b)) }",
        {"t": KG.alliedWith if kind == "allied" else KG.opposed}).rows
    return sorted({(r["a"].value, r["b"].value) for r in rows if r["id"].value in wanted})
