"""Resolve mentions to one node each: gazetteer ids, acronyms, generic references, new
organisations and places from patterns, GeoNames for the rest of the world.

Exports: Entity, Resolver, resolve_doc, and the spaCy component "kg_resolver"
(results: Mention.iri set in doc._.kg_mentions, entities in doc._.kg_entities,
countries in doc._.kg_countries).
"""

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA
from spacy.language import Language
from spacy.tokens import Doc

from . import geonames
from .mentions import Mention, is_modifier, particle_name
from .gazetteer import PLACE_CLASSES, STATE_CLASSES, load_gazetteer
from .namespace import actor_iri, operation_iri, place_iri
from .text import normalise_name, slugify
from .tokens import LOWER, ORTH, column, doc_text, span_root

for _name in ("kg_entities", "kg_countries"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

FUZZY_MIN_LENGTH = 6
NOT_PLACE_ENTITIES = {"NORP", "DATE", "TIME",
                      "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL"}
LISTED_PLACE_VETOES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"}  # "towns including X": NER's PERSON or NORP no veto
NAMING_SOURCES = {"gazetteer", "pattern", "acronym", "defined", "local", "place-pattern", "collective"}
ARMED_NON_STATE = {"ArmedGroup", "Militia"}
SAME_AS_BASE = {"Town", "Township", "StateRegion", "District", "Village"}
FORCE_WORDS = {"army", "forces", "force", "military"}
ANAPHOR_CLASSES = {"militia": "Militia", "alliance": "Alliance", "coalition": "Alliance"}
MYANMAR_STATE_CLASSES = {"StateRegion", "Country"}


@dataclass
class Entity:
    """A resolved node: from the gazetteer (known=True) or found in this article."""

    iri: str
    label: str
    cls: str
    labels: set = field(default_factory=set)
    known: bool = True
    parent: str | None = None
    country: str | None = None
    point: tuple | None = None
    how: str | None = None
    geonames_id: int | None = None
    state: bool = False  # a unit of a state force ("Western Command", "LIB 275") counts as the state

    @property
    def kind(self):
        if self.cls in PLACE_CLASSES or self.cls == "Place":
            return "place"
        return "operation" if self.cls == "Operation" else "actor"

    @property
    def is_state(self):
        return self.cls in STATE_CLASSES or self.state


class Resolver:
    """Per-pipeline resolver state (the gazetteer and its fuzzy index), built once."""

    def __init__(self, gazetteer):
        self.gazetteer = gazetteer
        self.lexicon = gazetteer.lexicon
        self.place_keys = {}
        for entry in gazetteer.places.values():
            for label in entry.labels:
                self.place_keys.setdefault(normalise_name(label), entry.iri)
        self.place_keys_by_initial = {}
        for label, iri in self.place_keys.items():
            self.place_keys_by_initial.setdefault(label[:1], []).append((label, iri))
        self.actor_labels = sorted(
            ((normalise_name(label), entry.iri) for entry in gazetteer.actors.values() for label in entry.labels),
            key=lambda pair: -len(pair[0]))
        self.actor_label_positions = {}  # label -> [(position in actor_labels, iri)]
        for position, (label, iri) in enumerate(self.actor_labels):
            self.actor_label_positions.setdefault(label, []).append((position, iri))
        self.country_nodes = {e.country: e.iri for e in gazetteer.places.values() if e.cls == "Country"}
        self.state_generic = {normalise_name(w) for w in self.lexicon["state_generic"]}

    def __call__(self, doc):
        return resolve_doc(doc, self)


def resolve_doc(doc, resolver):
    """Set an IRI on every mention that can be resolved; record entities and countries."""
    state = _ArticleState(doc, resolver)
    dateline_end = _dateline_end(doc_text(doc))
    for mention in doc._.kg_mentions:
        mention.iri = state.resolve(mention)
        entity = state.entities.get(mention.iri)
        if entity is not None:
            mention.extra.update(cls=entity.cls, country=entity.country)
        # "Kurdish-led forces" in a Syria report is the SDF: a group's epithet names a group, not the state.
        if "common_noun" in mention.extra and mention.iri and not resolver.gazetteer.entry(mention.iri).is_state:
            mention.kind = "actor"
    for mention in doc._.kg_mentions:
        if mention.kind == "resistance" and mention.iri is None:
            mention.iri = _named_after(doc, mention, state.entities)
    # "Assad's loyalists" with no group named beside Assad say nothing the events can use
    doc._.kg_mentions = [m for m in doc._.kg_mentions if m.iri or m.source != "leader"]
    # "the two factions" names both sides: the second is a mention of its own on the same words.
    doc._.kg_mentions += [dataclasses.replace(m, iri=m.extra["pair_iris"][1], extra=dict(m.extra))
                          for m in doc._.kg_mentions if m.extra.get("pair_iris")]
    doc._.kg_mentions = sorted(doc._.kg_mentions + _propagated_places(doc), key=lambda m: m.start)
    for mention in doc._.kg_mentions:   # a dateline place found only by its later mentions is one too
        if mention.kind == "place" and doc[mention.start].idx < dateline_end:
            mention.extra["dateline"] = True
    # A unit's own force takes part in what the unit does (see events), so it is an entity too.
    units = [e for e in state.entities.values() if e.kind == "actor" and e.cls in ("Unit", "StateForce")]
    while units:
        unit = units.pop()
        if unit.parent in resolver.gazetteer.actors and unit.parent not in state.entities:
            units.append(state.entities[state._known(unit.parent)])
    doc._.kg_entities = state.entities
    doc._.kg_countries = state.countries
    return doc


def _named_after(doc, mention, entities):
    """Return the article's one non-state group whose name holds the people or place that
    qualifies a generic noun ("ethnic Ta'ang rebels" for the Ta'ang National Liberation Army,
    "Baloch militants" for the Baloch Liberation Army), or None."""
    head = doc[mention.start:mention.end].root
    words = {normalise_name(t.text) for t in head.lefts
             if t.dep_ in ("compound", "amod", "nmod") and t.text[:1].isupper() and t.i < mention.start
             and (t.pos_ == "PROPN" or not t.is_sent_start)}
    return _group_named_for(doc, words, entities)


def _group_named_for(doc, words, entities):
    """Return the article's one non-state group with any of `words` in its name, or None."""
    named = _groups_named_for(doc, words, entities)
    return named.pop() if len(named) == 1 else None


def _groups_named_for(doc, words, entities):
    """Return the article's non-state groups with any of `words` in their names."""
    words = set(words) - {""}
    return {m.iri for m in doc._.kg_mentions if words and m.kind == "actor" and m.iri and m.iri in entities
            and not entities[m.iri].is_state
            and any(f" {word} " in f" {normalise_name(label)} " for word in words for label in entities[m.iri].labels)}


def _propagated_places(doc):
    """Return place mentions for later bare uses of a place name the article has introduced.

    "Thit Seint Kone village" early on makes a later "near Thit Seint Kone" or "a Zee Pin Gyi
    resident" the same place, though neither is in any gazetteer."""
    names = {}
    for mention in doc._.kg_mentions:
        if mention.kind == "place" and mention.iri:
            for name in {mention.text, mention.base_name} - {None}:
                if len(name) > 2 and (name[:1].isupper() or particle_name(doc, mention.start)):
                    names.setdefault(_name_tokens(doc, mention, name), mention)
    covered = {i for m in doc._.kg_mentions for i in range(m.start, m.end)}
    found, longest = [], max((len(k) for k in names), default=0)
    strings = doc.vocab.strings
    names = {tuple(strings[word] for word in key): mention for key, mention in names.items()}
    texts, first_words = column(doc, ORTH), {k[0] for k in names}
    i = 0
    while i < len(doc):
        for size in range(min(longest, len(doc) - i), 0, -1) if texts[i] in first_words else ():
            key = tuple(texts[i:i + size])
            source = names.get(key)
            if source is not None and not covered.intersection(range(i, i + size)) and \
                    (i + size == len(doc) or not doc[i + size].text[:1].isupper()):
                found.append(Mention(i, i + size, "place", "propagated", doc[i:i + size].text, iri=source.iri,
                                     extra=dict(source.extra, dateline=False)))
                i += size - 1
                break
        i += 1
    return found


def _name_tokens(doc, mention, name):
    """Return the words of `name` as the tokenizer split them in the mention ("al-Busayrah" is
    three tokens, "al", "-" and "Busayrah"), so that later uses match token by token."""
    span = doc[mention.start:mention.end]
    if not span.text.startswith(name):
        return tuple(name.split())
    return tuple(t.text for t in span if t.idx + len(t) - span.start_char <= len(name))


def known_entity(gazetteer, iri, how="gazetteer"):
    """Return the Entity of a gazetteer entry."""
    entry = gazetteer.entry(iri)
    # "National Police Service (Kenya)" is also what the report calls it: "National Police Service".
    labels = set(entry.labels) | {re.sub(r"\s*\([^)]*\)$", "", label) for label in entry.labels}
    return Entity(iri, entry.label, entry.cls, labels, True, entry.parent, entry.country, entry.point,
                  how, state=entry.is_state)


class _ArticleState:
    def __init__(self, doc, resolver):
        self.doc, self.r, self.g = doc, resolver, resolver.gazetteer
        self.entities = {}
        ranked = _article_countries(doc, resolver)
        self.countries = [code for code, _ in ranked]
        # Unknown names are looked up in GeoNames among the countries the story is about, not
        # those with a third of the leader's evidence: "Pale Township" in a Sagaing report is
        # no town in Bosnia, though GeoNames has only that Pale.
        self.main_countries = [code for code, count in ranked if count * 3 >= ranked[0][1]]
        self.country = self.countries[0] if self.countries else None
        self.places_seen = {iri for m in doc._.kg_mentions if m.kind == "place" for iri in m.candidates}
        self.collectives = {}  # descriptor ("separatist", "Druze") -> the side so described

    # -------------------------------------------------------------- dispatch
    def resolve(self, mention):
        method = getattr(self, f"_{mention.kind}")
        iri = method(mention)
        entity = self.entities.get(iri) if iri else None
        # A GeoNames place keeps the article's spelling too ("Merawi" for GeoNames' "Mer’āwī").
        if entity is not None and (mention.source in NAMING_SOURCES or mention.kind == "place" and not entity.known
                                   and mention.text[:1].isupper() and entity.how == "geonames"):
            entity.labels.add(mention.text)
            if entity.how == "geonames" and mention.base_name:
                entity.labels.add(mention.base_name)  # "Merawi town" is GeoNames' "Mer'awi", also called "Merawi"
        return iri

    def _known(self, iri, how="gazetteer"):
        if iri not in self.entities:
            self.entities[iri] = known_entity(self.g, iri, how)
        return iri

    def _new(self, iri, label, cls, how, **details):
        if iri not in self.entities:
            self.entities[iri] = Entity(iri, label, cls, {label}, False, how=how, **details)
        return iri

    def _pick(self, candidates):
        def score(iri):
            entry = self.g.entry(iri)
            near = any(a in self.places_seen for a in self.g.ancestors(iri))
            return (entry.country not in self.countries, not near, iri)
        return min(candidates, key=score) if candidates else None

    # -------------------------------------------------------------- actors
    def _actor(self, mention):
        if mention.source in ("acronym", "defined"):
            definition = mention.extra["defined_by"]
            defined = definition.iri or self.resolve(definition)
            # "the Khorasan chapter of the Islamic State group (IS-K)": the acronym names a known
            # branch of the group its definition ends on, and the branch is what the article means.
            branches = [e.iri for e in self.g.candidates(mention.text, kinds=("actor",))
                        if defined and defined in self.g.ancestors(e.iri)]
            return self._known(branches[0]) if branches else defined
        if mention.source == "collective":
            return self._collective(mention)
        if mention.source == "leader":
            return self._led_by(mention)
        if mention.candidates:
            actors = [c for c in mention.candidates if c in self.g.actors]
            # ... unless its name says whose it is ("US Africa Command" in a Somalia report).
            if self._foreign_units(actors) and self._country_word(mention.text) != self.g.entry(actors[0]).country:
                head = mention.text.split()[-1].lower()
                force = self.g.national_forces.get(self.country)
                return self._new_actor(dataclasses.replace(mention, extra={**mention.extra, "head": head}), "Unit",
                                       self._known(force) if force else None)
            return self._known(self._pick(actors))
        known = [e.iri for e in self.g.candidates(mention.text, kinds=("actor",))]
        words = mention.text.split()
        if not known and len(words) > 1 and words[-1].islower():
            # "Taliban fighters", "Shabaab militants": the known group's own men.
            known = [e.iri for e in self.g.candidates(" ".join(words[:-1]), kinds=("actor",))]
        if known and not self._foreign_units(known) and not self._foreign_lookalike(mention.text, known):
            return self._known(self._pick(known))
        national = self._national_by_name(mention.text) or self._known_of_place(mention.text)
        if national:
            return self._known(national)
        if mention.extra.get("named_force"):
            return self._named_force(mention, " ".join(words[:-1]))
        if len(words) > 1 and words[-1] in self.r.lexicon["plural_anaphor_heads"]:
            # "Radaa fighters" after "the Special Deterrence Force, known as Radaa": its men.
            owner = normalise_name(" ".join(words[:-1]))
            named = [iri for iri, e in self.entities.items() if e.kind == "actor" and owner in map(normalise_name, e.labels)]
            if len(named) == 1:
                return named[0]
        return self._new_actor(mention)

    def _collective(self, mention):
        # "Baloch militants" in a report on the Baloch Liberation Army are its men; "separatist
        # fighters", "the separatists" and "separatist gunmen" in one with no such group are
        # one side, named as the text first describes it.
        descriptor = mention.extra["descriptor"]
        if descriptor in self.collectives:
            return self.collectives[descriptor]
        named = _groups_named_for(self.doc, {normalise_name(descriptor)}, self.entities)
        if named:
            # "Rohingya militants" beside ARSA and the Rohingya Solidarity Organisation: one of
            # them, which the text does not say.
            return named.pop() if len(named) == 1 else None
        named_later = self._group_named_later(mention, normalise_name(descriptor))
        if named_later:
            return named_later
        text = mention.extra.get("name") or " ".join(t.text for t in self.doc[mention.start:mention.end])
        iri = self._new(str(actor_iri(slugify(text))), text, "ArmedGroup", "collective", country=self.country)
        if descriptor.islower():
            self.entities[iri].labels.add(f"{descriptor}s")  # what "the separatists" will call them
        self.collectives[descriptor] = iri
        return iri

    def _led_by(self, mention):
        # "Haftar's men" after "military commander Khalifa Haftar's self-styled Libyan National
        # Army": the group named nearest the person where the article first names them together,
        # before the person ("the Agwelek forces of commander Johnson Olony") or else after.
        name = mention.extra["leader"]
        for sentence in self.doc.sents:
            if sentence.start >= mention.start:
                return None
            people = [e for e in sentence.ents if e.label_ == "PERSON" and name in (t.text for t in e)]
            if not people:
                continue
            at, person = people[0].start, {t.i for t in people[0]}
            # not "military" in "military commander Khalifa Haftar": a word of the person's title
            groups = [m for m in self.doc._.kg_mentions if sentence.start <= m.start < sentence.end and m.iri
                      and m.kind in ("actor", "state") and m.source != "leader" and self.entities[m.iri].kind == "actor"
                      and not any(a.i in person for a in span_root(self.doc, m.start, m.end).ancestors)
                      and _led_by_phrase(span_root(self.doc, m.start, m.end), people[0].root)]
            before = [m for m in groups if m.end <= at]
            after = [m for m in groups if m.start > at]
            if before or after:
                return before[-1].iri if before else after[0].iri
        return None

    def _group_named_later(self, mention, word):
        # "A Mai-Mai militia ... the Mai-Mai Kavuyiro, a faction of a few hundred fighters": the
        # one group the article names for the word after describing it.
        later = {normalise_name(m.text): m for m in self.doc._.kg_mentions
                 if m.start > mention.start and m.kind == "actor" and m.source != "collective"
                 and f" {word} " in f" {normalise_name(m.text)} "}
        if len(later) != 1:
            return None
        iri = self.resolve(next(iter(later.values())))
        return iri if iri and not self.entities[iri].is_state else None

    def _named_force(self, mention, name):
        # "Kachin forces" in a report on the Kachin Independence Army are its forces; "Puntland
        # forces", "troops" and "soldiers" are one force of that region, a state's own (armed
        # groups have fighters, not troops); "Kurdish forces", named for a people, are a group.
        label = normalise_name(f"{name} forces")
        named = next((iri for iri, entity in self.entities.items() if entity.kind == "actor"
                      and label in map(normalise_name, entity.labels)), None)
        named = named or _group_named_for(self.doc, {normalise_name(name)}, self.entities)
        if named:
            return named
        people = any(t.ent_type_ == "NORP" for t in self.doc[mention.start:mention.end - 1])
        iri = self._new_actor(dataclasses.replace(mention, text=f"{name} forces"), None if people else "StateForce")
        self.entities[iri].labels.add(mention.text)
        return iri

    def _known_of_place(self, name):
        # "the Joint Forces of Darfur armed movements": a known group qualified by its region,
        # whether the gazetteer has it as "Darfur Joint Forces" or, when the rest is a place,
        # by the bare name.
        prefix, found, place = name.partition(" of ")
        if not found:
            return None
        known = [e.iri for e in self.g.candidates(f"{place} {prefix}", kinds=("actor",))]
        if not known and (self._gazetteer_place(place, fuzzy=False) or geonames.lookup(place, self.countries)):
            known = [e.iri for e in self.g.candidates(prefix, kinds=("actor",))]
        return self._pick(known) if known and not self._foreign_units(known) and not self._foreign_lookalike(name, known) else None

    def _foreign_lookalike(self, name, candidates):
        # "Government of National Unity" in a Libya report is not Myanmar's "National Unity
        # Government": a name that only resembles a label, of groups of other countries only.
        key = normalise_name(name)
        entries = [self.g.entry(iri) for iri in candidates]
        return bool(self.countries) and all(e.country and e.country not in self.countries for e in entries) and not any(
            key == normalise_name(label) for e in entries for label in e.labels)

    def _foreign_units(self, candidates):
        # "6th Infantry Division" is the Sudanese army's in a Darfur report and the Philippine
        # army's in a Mindanao one: a listed unit of another country's forces is a new unit here.
        entries = [self.g.entry(iri) for iri in candidates]
        return bool(entries) and bool(self.country) and all(
            e.cls == "Unit" and e.country and e.country != self.country for e in entries)

    def _national_by_name(self, name):
        # "Myanmar Army", "Sudanese military": a country word plus a generic state-force word;
        # "Kenya Defence Forces", "Royal Thai Army": a country word in a name made only of
        # the words state forces are named with.
        words = normalise_name(name).split()
        state_words = set(self.r.lexicon["state_name_words"])
        while words and words[0] in ("royal", "the"):
            words = words[1:]
        for size in (3, 2, 1):
            prefix, rest = " ".join(words[:size]), words[size:]
            code = self._country_code(prefix)
            if not code or not rest:
                continue
            if " ".join(rest) in self.r.state_generic or set(rest) <= state_words and set(rest) & FORCE_WORDS:
                return self.g.national_forces.get(code)
        return None

    def _new_actor(self, mention, cls=None, parent=None):
        text, owner = self._owned_name(mention.text)
        parent = owner or self._parent_of(mention) or parent
        if cls is None:
            cls, parent = self._class_by_head(mention, parent)
        slug = slugify(text)
        prefix = self._local_prefix(mention, parent)
        if prefix:
            # "Kani Township PDF" and "Kani Township People's Defense Force": one local force.
            slug = f"{slugify(prefix)}-{parent.rsplit('/', 1)[-1]}"
        if cls == "Unit" and parent:
            slug = f"{parent.rsplit('/', 1)[-1]}-{slug}"
        state = bool(parent) and parent in self.entities and self.entities[parent].is_state or cls == "StateForce"
        return self._new(str(actor_iri(slug)), text, cls, mention.source, parent=parent, country=self.country,
                         state=state)

    def _class_by_head(self, mention, parent):
        """Return the class of a new actor from its head word, and its parent: a numbered unit
        or a command belongs to a force ("US Africa Command" to the US one, not the country's)."""
        head = mention.extra.get("head", "")
        numbered = any(t.like_num or t.text[:1].isdigit() for t in mention.span(self.doc))
        if head in self.r.lexicon["unit_heads"] and (numbered or head == "command"):
            owner = parent or self._possessor(mention) or self._of_owner(mention)
            code = self._country_word(mention.text)
            force = self.g.national_forces.get(code or self.country)
            return "Unit", owner or (self._known(force) if force else None)
        if head in ("police", "gendarmerie", "constabulary"):
            return "PoliceForce", parent  # "Manipur Police", "Kenya Police": a state force of the article's country
        if head in self.r.lexicon["militia_heads"]:
            return "Militia", parent
        if head in ("alliance", "coalition"):
            return "Alliance", parent
        return "ArmedGroup", parent

    def _country_code(self, words):
        """Return the country code of a normalised demonym or country name ("sudanese", "us"), or None."""
        return self.r.lexicon["demonyms"].get(words) or geonames.country_codes().get(words)

    def _country_word(self, name):
        """Return the country code of a name's first word or two ("US Africa Command"), or None."""
        words = normalise_name(name).split()
        for size in (2, 1):
            prefix = " ".join(words[:size])
            code = self._country_code(prefix)
            if code and len(words) > size:
                return code
        return None

    def _local_prefix(self, mention, parent):
        """Return the place part of a local force's name ("Kani Township"), or None."""
        if not parent or parent not in self.g.actors:
            return None
        key = normalise_name(mention.text)
        for label in self.g.actors[parent].labels:
            label_key = normalise_name(label)
            if key.endswith(" " + label_key):
                return key[: -len(label_key)].strip()
        return None

    def _parent_of(self, mention):
        # A local force named "<place> <known network>" sits under that network, never merged into it.
        if mention.extra.get("parent_candidates"):
            return self._known(self._pick(list(mention.extra["parent_candidates"])))
        # The first in the resolver's order (longest label first) of the known labels the name ends with.
        words = normalise_name(mention.text).split(" ")
        found = sorted(pair for k in range(1, len(words)) for pair in self.r.actor_label_positions.get(" ".join(words[k:]), ())
                       if len(self.r.actor_labels[pair[0]][0]) > 3 and not self._foreign_units([pair[1]]))
        return self._known(found[0][1]) if found else None

    def _owned_name(self, text):
        """Split "Philippine Army's 6th Infantry Division" into the unit's own name and the IRI
        of the force that owns it; other names come back whole, with no owner."""
        for mark in ("'s ", "\u2019s "):
            prefix, found, rest = text.partition(mark)
            if found and rest:
                owner = self._national_by_name(prefix) or next(
                    (e.iri for e in self.g.candidates(prefix, kinds=("actor",))), None)
                if owner:
                    return rest, self._known(owner)
        return text, None

    def _of_owner(self, mention):
        """Return the group a unit or a force noun belongs to when the text says so after it
        ("the 6th Brigade of the KNLA", "soldiers from the elite Rapid Intervention Battalion")."""
        doc, i = self.doc, mention.end
        if i >= len(doc) or doc[i].lower_ not in ("of", "from"):
            return None
        starts = {m.start: m for m in doc._.kg_mentions if m.kind in ("actor", "state")}
        for i in range(i + 1, min(i + 5, len(doc))):
            if i in starts:
                return starts[i].iri or self.resolve(starts[i])
            if doc[i].pos_ not in ("DET", "ADJ"):
                return None
        return None

    def _possessor(self, mention):
        start = mention.start
        if start >= 2 and self.doc[start - 1].lower_ in ("'s", "\u2019s"):
            for other in self.doc._.kg_mentions:
                if other.end == start - 1 and other.kind in ("actor", "state"):
                    return other.iri or self.resolve(other)
        return None

    def _state(self, mention):
        # "Russian troops", "Ukraine's forces": a country word before the generic names whose
        # force it is; otherwise it is the force of the country the article is about. "Its
        # troops" are the speaker's, which the event finder resolves, not the country's army.
        root = self.doc[mention.start:mention.end].root
        if any(c.dep_ == "poss" and c.lower_ in ("its", "their", "our") for c in root.children):
            return None
        if "common_noun" in mention.extra:
            country = self._country_before(mention.start) or self.country
            force = self.g.common_nouns.get((country, mention.extra["common_noun"]))
            return self._known(force, "generic") if force else None
        owner = self._named_owner(mention) or (self._of_owner(mention) if mention.length == 1 else None)
        if owner:
            return owner
        code = mention.extra.get("country_code") or self._country_before(mention.start)
        foreign = self._foreign_force(code, mention) if code and code != self.country else None
        if foreign:
            return foreign
        if mention.extra.get("police") and not code:
            # "Manipur Police ... Imphal West police commandos": the regional force already named
            # (a district's police are its men), else the one the name before makes.
            named = self._named_police(mention.start)
            regional = None if named and named != self.g.national_police.get(self.country) else self._regional_police(mention)
            sentence = self.doc[mention.start].sent
            # "attacked the city police station, wounding two policemen, a Khyber Pakhtunkhwa
            # police official said": the sentence's police are the force it names.
            regional = regional or next(filter(None, (
                self._regional_police(other) for other in self.doc._.kg_mentions if other is not mention
                and other.extra.get("police") and sentence.start <= other.start < sentence.end)), None)
            if regional or named:
                return regional or named
        forces = self.g.national_police if mention.extra.get("police") else self.g.national_forces
        force = forces.get(code or self.country)
        return self._known(force, "generic") if force else None

    def _foreign_force(self, code, mention):
        # "Russian paramilitaries" in a report from the Central African Republic, "the Russians"
        # in one that names the Wagner Group: the country's force abroad (kg:nationality), the
        # one the article names, else for irregulars the one fighting in this country, else its
        # private military company. Where the article names the country's army itself ("Russian
        # forces" in Ukraine), the nationality is that army's.
        forces = self.g.foreign_forces.get(code)
        if not forces:  # most nationalities have no force abroad in the gazetteer: nothing to read
            return None
        mentioned = {iri for other in self.doc._.kg_mentions for iri in other.candidates}
        if self.g.national_forces.get(code) in mentioned:
            return None
        named = [iri for iri in forces if iri in mentioned]
        if not named and not mention.extra.get("irregular"):
            return None
        return self._known(min(named or forces, key=lambda iri: (self.g.entry(iri).country != self.country,
                                                                 self.g.entry(iri).cls != "Militia", iri)))

    def _regional_police(self, mention):
        # "a Khyber Pakhtunkhwa police official", "Zamfara State police said": the police of a
        # province or state, a force of its own under the national police; a town's name before
        # "police" ("the Miranshah police station") names no force.
        start = mention.start
        while start > 0 and self.doc[start - 1].is_title and self.doc[start - 1].is_alpha \
                and self.doc[start - 1].sent.start == self.doc[mention.start].sent.start:
            start -= 1
        police = self.doc[mention.start]
        positions = self.r.lexicon["place_object_triggers"]["positions"]
        if start == mention.start or police.text[:1].isupper() or police.dep_ == "compound" and (
                police.head.lower_ in positions or police.head.lower_ == "station"):
            return None
        region = self.doc[start:mention.start]
        covering = [other for other in self.doc._.kg_mentions if other.start < mention.start and other.end > start]
        if not covering and not all(t.pos_ == "PROPN" for t in region):
            return None  # "Three police reservists were killed"
        if any(other.kind != "place" for other in covering) or normalise_name(region.text) in self.r.lexicon["demonyms"]:
            return None
        places = [self.entities.get(other.iri) for other in covering if other.iri]
        if any(place is None or place.cls != "StateRegion" for place in places):
            return None  # a town's or a country's name
        national = self.g.national_police.get(self.country)
        return self._new(str(actor_iri(slugify(f"{region.text} police"))), f"{region.text} Police", "PoliceForce",
                         "regional-police", parent=self._known(national) if national else None, country=self.country,
                         state=True)

    def _named_police(self, start):
        # "a joint team of Manipur Police and Assam Rifles ... police said": the police force the
        # article has named, the last one before, rather than the country's national police.
        named = [other.iri for other in self.doc._.kg_mentions if other.kind == "actor" and other.start < start
                 and other.iri in self.entities and self.entities[other.iri].is_state
                 and (self.entities[other.iri].cls == "PoliceForce" or "police" in self.entities[other.iri].label.lower())
                 # "the Kenyan police leading the mission" in a report from Haiti: another country's
                 and self.entities[other.iri].country in (self.country, None)]
        return named[-1] if named else None

    def _named_owner(self, mention):
        # "Rwanda Defence Force (RDF) soldiers", "RSF fighters": the named group's own men.
        end = mention.start
        while end > 0 and self.doc[end - 1].text in (")", "("):
            end -= 1
        for other in self.doc._.kg_mentions:
            if other.kind == "actor" and (other.end == end or other.end == end - 1 and self.doc[end - 1].is_upper):
                return other.iri or self.resolve(other)
        return None

    def _country_before(self, start):
        if start == 0:
            return None
        end = start - 1 if self.doc[start - 1].lower_ in ("'s", "\u2019s") else start
        for size in (2, 1):  # "South Sudan's army" before "Sudan's army"
            words = self.doc[end - size:end] if end - size >= 0 else ()
            if not words or not all(t.is_alpha for t in words) or words[0].sent.start != self.doc[start].sent.start:
                continue
            name = normalise_name(words.text)
            code = self._country_code(name)
            if code:
                return code
        return None

    def _anaphor(self, mention):
        if "pair" in mention.extra:
            pair = self._pair(mention)
            mention.extra["pair_iris"] = pair
            return pair[0] if pair else None
        # "the group" is the group named last; plural fighters ("the rebels", "the insurgents")
        # are the side the article has named most so far, which is who "the rebels" usually are;
        # "the separatists" are the side described so before.
        head = self.doc[mention.end - 1].lower_
        if head.endswith("s") and head[:-1] in self.collectives:
            return self.collectives[head[:-1]]
        sentence = self.doc[mention.start].sent
        # A description in the same sentence as a group's name is another group ("TNLA fighters
        # captured five of the militia's members").
        root = self.doc[mention.start:mention.end].root
        speaking = root.dep_ == "nsubj" and root.head.lemma_.lower() in self.r.lexicon["claim_verbs"]
        generic = root.lower_ in ("group", "organisation", "organization")  # "the group" refers back even in its sentence
        same = set() if speaking or generic else {other.iri for other in self.doc._.kg_mentions
                                                  if sentence.start <= other.start < mention.start}
        earlier = [other for other in self._groups_before(mention) if other.iri not in same]
        if self.doc[mention.end - 1].lower_ in self.r.lexicon["attacker_anaphor_heads"]:
            # "Islamic State militants killed four PMF fighters ... The attackers opened fire":
            # the attackers are the group last named doing something, not the last one named.
            speech = set(self.r.lexicon["claim_verbs"])
            earlier = [other for other in earlier if _acting(self.doc[other.start:other.end].root, speech)] or earlier
        # Those just killed or wounded are not who "the group" is: "killing dozens of soldiers and
        # VDPs ... The group also claimed an attack".
        casualty_verbs = set(self.r.lexicon["role_words"]["casualty_verbs"])
        earlier = [other for other in earlier if not _victim(self.doc[other.start:other.end].root, casualty_verbs)] or earlier
        candidates = [other.iri for other in earlier]
        # "Arab tribal fighters attacked ... The fighters launched": the side last described by the
        # same noun, when it is in this or the previous sentence.
        described = [other.iri for other in earlier if self.doc[other.end - 1].lower_ == head and head.endswith("s")
                     and other.start >= self._previous_sentence_start(sentence) and mention.length == 2]
        if described:
            return described[-1]
        # "the militia" is the militia named last, "alliance forces" the alliance.
        words = {t.lower_.rstrip("s") for t in self.doc[mention.start:mention.end]}
        wanted = {cls for word, cls in ANAPHOR_CLASSES.items() if word in words}
        fitting = [iri for iri in candidates if self.entities[iri].cls in wanted]
        candidates = fitting or ([] if "Alliance" in wanted else candidates)
        if not candidates:
            return None
        if self.doc[mention.end - 1].lower_ in self.r.lexicon["plural_anaphor_heads"]:
            counts = Counter(candidates)
            return max(reversed(candidates), key=lambda iri: counts[iri])
        return self._subject_of_last_sentence(earlier, candidates) or candidates[-1]

    def _pair(self, mention):
        # "the two armed groups", "both sides": the two sides named together last, in this
        # sentence before the words or in one of the few before it; a unit and its own army
        # are one side.
        sentence = self.doc[mention.start].sent
        any_kind = mention.extra["pair"] == "any"
        for _ in range(4):
            named = []
            for other in self.doc._.kg_mentions:
                if sentence.start <= other.start < min(sentence.end, mention.start) and other.iri \
                        and other.kind in ("actor", "state") and other.iri in self.entities \
                        and (any_kind or not self.entities[other.iri].is_state):
                    side = self._side(other.iri)
                    if side not in named:
                        named.append(side)
            if len(named) >= 2:
                return tuple(named[:2])
            if sentence.start == 0:
                return None
            sentence = self.doc[sentence.start - 1].sent
        return None

    def _side(self, iri):
        parent = self.entities[iri].parent
        return parent if parent in self.entities and self.entities[iri].cls == "Unit" else iri

    def _groups_before(self, mention, window=400):
        """Non-state groups named before the mention, from up to `window` tokens before its sentence."""
        earliest = max(0, self.doc[mention.start].sent.start - window)
        return [other for other in self.doc._.kg_mentions
                if earliest <= other.start < mention.start and other.kind == "actor" and other.iri in self.entities
                and not self.entities[other.iri].is_state]

    def _previous_sentence_start(self, sentence):
        return self.doc[sentence.start - 1].sent.start if sentence.start > 0 else 0

    def _subject_of_last_sentence(self, earlier, candidates):
        # "The AA, a member of an alliance with the MNDAA and the TNLA, launched its offensive ...
        # the group captured Ann": of the last sentence naming candidates, the one it is about.
        last = [o for o in earlier if o.iri in candidates]
        sentence = self.doc[last[-1].start].sent.start if last else None
        for other in last:
            root = self.doc[other.start:other.end].root
            while root.dep_ in ("compound", "amod", "nmod") and root.head.i != root.i:
                root = root.head
            if self.doc[other.start].sent.start == sentence and root.dep_ in ("nsubj", "nsubjpass"):
                return other.iri
        return None

    def _resistance(self, mention):
        # "Insurgents ambushed a vehicle", "more than 100 fighters raided the town": a bare plural
        # acting on its own is the one non-state side the article has named, when one dominates.
        root = self.doc[mention.start:mention.end].root
        owner = next((c for c in root.children if c.dep_ == "poss"), None)
        if owner is not None and owner.lower_ in ("its", "their") and mention.length == 1:
            return self._owner_of_pronoun(mention)
        if mention.length > 1 or not _bare_side(root) or root.lower_ not in self.r.lexicon["bare_fighters"] \
                or root.head.lemma_.lower() in self.r.lexicon["claim_verbs"] \
                or any(c.dep_ in ("det", "poss", "compound", "relcl", "acl") or c.dep_ == "amod" and c.lower_ not in HEDGES
                       or c.dep_ == "prep" and c.lower_ not in SCENE_PREPOSITIONS for c in root.children):
            return None
        counts = Counter(other.iri for other in self.doc._.kg_mentions if other.start < mention.start
                         and other.kind == "actor" and other.iri and self.entities[other.iri].cls in ARMED_NON_STATE)
        for iri in list(counts):
            parent = self.entities[iri].parent
            if parent in counts:  # "Islamic State" and its Mozambique province are one side
                counts[iri] += counts.pop(parent)
        ranked = counts.most_common(2)
        if not ranked or len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
            return None
        return ranked[0][0]

    def _owner_of_pronoun(self, mention):
        # "The BLA has stepped up attacks. On March 11, its fighters blew up a track": the group
        # the last sentence naming one is about, else the group named last.
        # not a name inside a compound adjective: "The Arakan Army-backed group said its fighters"
        earlier = [other for other in self._groups_before(mention) if not is_modifier(other, self.doc)]
        candidates = [other.iri for other in earlier]
        return (self._subject_of_last_sentence(earlier, candidates) or candidates[-1]) if candidates else None

    def _operation(self, mention):
        if mention.candidates:
            return self._known(mention.candidates[0])
        known = self.g.candidates(mention.text, kinds=("operation",))
        if known:
            return self._known(known[0].iri)
        slug = slugify(mention.text)
        if self.country:
            slug = f"{self.country.lower()}-{slug}"
        return self._new(str(operation_iri(slug)), mention.text, "Operation", "pattern", country=self.country)

    # -------------------------------------------------------------- places
    def _place(self, mention):
        introduced = self._introduced_place(mention)
        if introduced:
            return introduced
        if mention.candidates:
            places = [c for c in mention.candidates if c in self.g.places]
            return self._known(self._pick(places)) if places else None
        found = self._gazetteer_place(mention.text, mention.place_class)
        if not found and mention.base_name:
            base = self._gazetteer_place(mention.base_name, fuzzy=False)
            if base and (mention.place_class == "Town" or self.g.entry(base).cls == mention.place_class):
                found = base
            elif base and mention.place_class not in SAME_AS_BASE:
                # "Loikaw University": a new place inside the known town.
                return self._new_place(mention, parent=self._known(base), base_is_parent=True)
        if found:
            return self._known(found, "place-pattern" if mention.source != "ner" else "ner")
        country = None if self._placed_in_a_division(mention) else self._country_by_name(mention.text)
        if country:
            return country
        geo = geonames.lookup(mention.base_name or mention.text, self.main_countries)
        if geo:
            return self._geonames_place(geo[0])
        if mention.source == "place-pattern" or mention.source == "locative" and self._looks_like_place(mention):
            return self._new_place(mention)
        return None

    def _placed_in_a_division(self, mention):
        # "clashes around Tonga, in Panyikang county" in a South Sudan report: a country the
        # story is not about, placed in a county, is a local place of that name.
        if geonames.country_codes().get(normalise_name(mention.text)) in (self.country, None):
            return False
        following = self.doc[mention.end:mention.end + 8]
        words = [t.lower_ for t in following]
        start = 1 if words[:1] == [","] else 0
        if words[start:start + 1] != ["in"]:
            return False
        suffixes = self.g.lexicon["place_suffixes"]
        return any(suffixes.get(t.lower_) in DIVISION_CLASSES for t in following[start + 1:]
                   if not t.is_punct) and not any(t.lower_ in (",", ";") for t in following[start + 1:start + 3])

    def _introduced_place(self, mention):
        # A bare name the article has already introduced as a place ("North Kivu" after "North
        # Kivu province") is that place, whatever the statistical model makes of it later.
        if mention.candidates or mention.source not in ("locative", "ner"):
            return None
        key = normalise_name(mention.text)
        return next((iri for iri, entity in self.entities.items() if entity.cls in PLACE_CLASSES | {"Place"}
                     and any(normalise_name(label) == key for label in entity.labels)), None)

    def _looks_like_place(self, mention):
        # An unknown proper name after "in/at/near" is a place unless the model is sure it is
        # something else; villages are often tagged PERSON, so PERSON alone does not veto.
        span = self.doc[mention.start:mention.end]
        vetoes = LISTED_PLACE_VETOES if mention.extra.get("listed_place") else NOT_PLACE_ENTITIES
        if any(t.ent_type_ in vetoes for t in span) or span.text.lower() in self.g.lexicon["demonyms"] \
                or span.text.isupper() or span[0].lower_ in self.g.lexicon["person_titles"]:
            return False
        following = self.doc[mention.end] if mention.end < len(self.doc) else None
        return following is None or following.lower_ not in self.g.lexicon["org_heads"]

    def _gazetteer_place(self, name, place_class=None, fuzzy=True):
        key = normalise_name(name)
        entries = self.g.candidates(name, kinds=("place",))
        if entries:
            return self._pick([e.iri for e in entries])
        if not fuzzy or len(key.replace(" ", "")) < FUZZY_MIN_LENGTH or not name[:1].isupper():
            return None
        # One-letter misspellings and swapped letters ("Sangaing", "Sagaign") of long names, only where the context is a place.
        close = [iri for label, iri in self.r.place_keys_by_initial.get(key[:1], ())
                 if abs(len(label) - len(key)) <= 1 and OSA.distance(label, key) <= 1]
        return self._pick(sorted(set(close))) if len(set(close)) == 1 else None

    def _country_by_name(self, name):
        code = geonames.country_codes().get(normalise_name(name))
        return self._country_iri(code) if code else None

    def _country_iri(self, code):
        if code in self.r.country_nodes:
            return self._known(self.r.country_nodes[code])
        name = geonames.country_name(code) or code
        return self._new(str(place_iri(f"country-{code.lower()}")), name, "Country", "geonames", country=code)

    def _geonames_place(self, geo):
        iri = str(place_iri(f"geonames-{geo.geonameid}"))
        parent = self._country_iri(geo.country)
        return self._new(iri, geo.name, "Town", "geonames", parent=parent, country=geo.country,
                         point=(geo.lon, geo.lat), geonames_id=geo.geonameid)

    def _new_place(self, mention, parent=None, base_is_parent=False):
        cls = mention.place_class or "Place"
        parent = parent or self._enclosing_place(mention)
        country = self.country or "xx"
        iri = str(place_iri(f"{country.lower()}-{slugify(mention.text)}"))
        iri = self._new(iri, mention.text, cls, "place-pattern", parent=parent, country=self.country)
        if mention.base_name and not base_is_parent:  # "Loikaw University" is not also "Loikaw"
            self.entities[iri].labels.add(mention.base_name)
        return iri

    def _enclosing_place(self, mention):
        # "X village in Y Township": the nearest following known place of a larger kind.
        sentence = self.doc[mention.start].sent
        for other in self.doc._.kg_mentions:
            if other.kind == "place" and other.start >= mention.end and other.end <= sentence.end and other.candidates:
                return self._known(self._pick(list(other.candidates)))
        return self.r.country_nodes.get(self.country)


def _victim(token, casualty_verbs):
    """Return True for the object of a casualty verb, or one listed with it ("killing dozens
    of soldiers and VDPs", "and Macawisley militiamen")."""
    while token.dep_ in ("compound", "amod", "nmod") and token.head.i != token.i:
        token = token.head
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of":  # "dozens of soldiers"
        token = token.head.head
    return token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in casualty_verbs


def _acting(token, speech_verbs):
    """Return True for a name that is the subject of an active verb or the agent of a passive
    one, directly or through the noun it modifies ("Islamic State militants killed"); saying
    something is no act."""
    while token.dep_ in ("compound", "amod", "nmod", "appos") and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return True
    return token.dep_ == "nsubj" and token.head.lemma_.lower() not in speech_verbs and not any(
        c.dep_ == "auxpass" for c in token.head.children)


# "YANGON, Dec 21 (Reuters) -", "YANGON, April 8, 2025 (AFP) -", "GOMA -", and without the dash after a date and a source: "Imphal, Sep 21 (PTI) Two"
_DATELINE = re.compile(r"^\s*[A-Z][A-Za-z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .]{1,30})?,?\s*"
                       r"(?:(?:\(?[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?\)?)?\s*(?:\([^)]{1,40}\))?\s*[-–—:]+\s"
                       r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?\s*\([^)]{1,40}\)\s)")


def _dateline_end(text):
    """Return where a wire dateline ("YANGON, Dec 21 (Reuters) -") ends, or 0.

    A dateline names where the report was filed, not where anything happened."""
    match = _DATELINE.match(text)
    return match.end() if match else 0


def _article_countries(doc, resolver):
    """Return [(country code, votes)] for the article, most evidenced first, from places, actors
    and demonyms."""
    votes = Counter()
    g = resolver.gazetteer
    # The dateline says where the report was filed ("AIZAWL, India"), not where it happened.
    dateline = _dateline_end(doc_text(doc))
    for mention in doc._.kg_mentions:
        if doc[mention.start].idx < dateline:
            continue
        countries = {g.entry(iri).country for iri in mention.candidates if g.entry(iri)}
        if len(countries) == 1 and None not in countries:
            votes[countries.pop()] += 1
        elif mention.kind == "place" and not mention.candidates:
            code = geonames.country_codes().get(normalise_name(mention.text))
            if code:
                votes[code] += 2
            elif mention.source != "ner" or mention.text[:1].isupper():
                # A town GeoNames places in one country only locates the story there ("Macomia").
                found = {p.country for p in geonames.lookup(mention.base_name or mention.text)}
                if len(found) == 1:
                    votes[found.pop()] += 2
    places = {i for m in doc._.kg_mentions if m.kind == "place" for i in range(m.start, m.end)}
    for code in _country_words(doc, resolver.lexicon["demonyms"], places, dateline):
        votes[code] += 1
    return votes.most_common()


def _country_words(doc, demonyms, places, dateline=0):
    """Yield the country code of every capitalised demonym, and of every country name that is
    no place mention already (counted there), longest first: "South Sudan's army" is South
    Sudan, not Sudan; "South Sudan People's Defence Forces" names it inside a name."""
    names = geonames.country_codes()
    strings = doc.vocab.strings
    orths, lower_keys = column(doc, ORTH), column(doc, LOWER)
    lowers = [strings[lower] for lower in lower_keys]
    i = 0
    while i < len(doc):
        # A capitalised word differs from its lower-case form, so only those become Tokens.
        token = doc[i] if orths[i] != lower_keys[i] else None
        if token is not None and token.text[:1].isupper() and i not in places and token.idx >= dateline:
            for size in (3, 2, 1):
                if i + size > len(doc):
                    continue
                key = " ".join(lowers[i:i + size])
                code = names.get(key) or demonyms.get(key)
                if code:
                    yield code
                    i += size - 1
                    break
        i += 1


@Language.factory("kg_resolver", default_config={"ontology": None})
def make_resolver(nlp, name, *, ontology):
    """Build the resolver for a pipeline; runs after kg_mentions."""
    return Resolver(load_gazetteer(ontology) if ontology else load_gazetteer())


HEDGES = {"suspected", "alleged", "presumed", "armed"}
DIVISION_CLASSES = {"StateRegion", "District", "Township", "Village", "Ward"}  # what a place inside a country is
# "clashed with insurgents near Mbau" says where; "insurgents from ARSA" says whose they are.
SCENE_PREPOSITIONS = {"near", "in", "at", "around", "outside", "inside", "on", "across"}


LEADING_VERBS = {"lead", "command", "head", "found", "run"}


def _led_by_phrase(group, person):
    """Return True where the parse ties a person to a group in one phrase ("Khalifa Haftar's
    Libyan National Army", "the Agwelek forces of commander Johnson Olony", "the faction led by
    Zemene Kassie"), not through a clause about them ("rebels toppled Assad")."""
    up_from_group = [group, *group.ancestors]
    up_from_person = [person, *person.ancestors]
    meeting = next((a for a in up_from_person if a in up_from_group), None)
    if meeting is None:
        return False
    between = {t.i: t for t in up_from_group[1:up_from_group.index(meeting) + 1]
               + up_from_person[1:up_from_person.index(meeting) + 1]}
    between.pop(group.i, None), between.pop(person.i, None)
    return len(between) <= 3 and all(t.pos_ not in ("VERB", "AUX") or t.lemma_.lower() in LEADING_VERBS
                                     for t in between.values())


def _bare_side(root):
    """Return True where a bare "insurgents" takes a side in what the clause tells: acting
    ("insurgents ambushed a vehicle"), fought ("soldiers clashed with insurgents near Mbau") or
    acting through a passive ("beheaded by suspected insurgents")."""
    if root.dep_ == "nsubj":
        return root.head.pos_ == "VERB"
    if root.dep_ == "pobj":
        preposition = root.head
        return preposition.head.pos_ == "VERB" and (
            preposition.dep_ == "agent" or preposition.lower_ in ("with", "against"))
    return False
