"""Find mentions of actors, places, operations and generic references in a parsed Doc.

Exports: Mention, find_mentions, find_org_names, find_acronym_definitions, is_acronym,
and the spaCy component "kg_mentions" (results on doc._.kg_mentions, sorted by position).

Sources, strongest first: the gazetteer (PhraseMatcher over every label), acronyms defined
in the text, name patterns for organisations in no list ("... Army", "... Defense Force"),
"X Township"/"X village" place patterns, generic references ("the junta", "the group"),
then spaCy's statistical NER for the rest. Overlaps go to the longest, then the strongest.
"""

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from . import geonames
from .gazetteer import load_gazetteer
from .text import normalise_name
from .tokens import ORTH, POS, column, tokens_where

LOCATIVE = {"in", "at", "near", "outside", "around", "inside", "around", "from", "into", "across", "toward", "towards"}
SOURCE_RANK = {"defined": -1, "gazetteer": 0, "local": 0, "acronym": 1, "pattern": 2, "place-pattern": 3, "generic": 4,
               "locative": 5, "ner": 5, "propagated": 6, "collective": 4, "leader": 2}
_PLURAL_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]+s$")
_WORDS = re.compile(r"[\w'\u2019]+")
ELIDED_NAME = re.compile(r"[dlDL]['\u2019][A-Z\u00c0-\u00de]\w+")  # "l'Artibonite", "d'Ivoire"
ORDINAL_WORDS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                 "eleventh", "twelfth"}
UNIT_WORDS = {"front", "column", "brigade", "battalion", "regiment"}  # "the 36th front"
PERSON_NAMED_UNITS = {"front", "column"}  # "the Carlos Patino front", but not "the Kherson front"
NAMED_FORCE_NOUNS = {"forces", "troops", "soldiers"}  # "Puntland forces", "Jubaland troops"
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)?$", re.IGNORECASE)
NAMING_PHRASES = {"itself", "themselves", "known as", "called", "named", "dubbed"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
PLACE_PARTICLES = {"del", "de", "la", "el", "al", "du", "des", "da", "do", "dos", "di"}
# Arabic "al" before some letters, joined by a hyphen only: "Deir ez-Zor", "Jisr ash-Shughur"
HYPHENED_PARTICLES = {"ad", "an", "ar", "as", "ash", "at", "az", "ed", "en", "er", "es", "ez"}
NAME_PARTICLES = PLACE_PARTICLES | {"for", "wal", "wa", "bin", "ibn", "e", "i", "y", "ul", "ud", "ur", "ash", "ad", "an"}
_FUNCTION_WORDS = {"of", "the", "and", "'s", "\u2019s", "-", "de", "al", "el", "du", "des", "la", "(", ")"}

if not Doc.has_extension("kg_mentions"):
    Doc.set_extension("kg_mentions", default=None)
if not Doc.has_extension("kg_acronyms"):
    Doc.set_extension("kg_acronyms", default=None)


@dataclass
class Mention:
    """A span of the Doc that names (or refers to) an actor, place or operation."""

    start: int
    end: int
    kind: str  # actor | place | operation | state | anaphor | resistance
    source: str
    text: str
    candidates: tuple = ()
    place_class: str | None = None
    base_name: str | None = None
    parent_name: str | None = None
    iri: str | None = None
    extra: dict = field(default_factory=dict)

    def span(self, doc):
        return doc[self.start:self.end]

    @property
    def length(self):
        return self.end - self.start


def is_acronym(text):
    """Return True for strings shaped like acronyms: "AA", "MNDAA", "KNU/KNLA-PC", "IB 54"."""
    compact = text.replace(" ", "")
    letters = [c for c in compact if c.isalpha()]
    return (2 <= len(compact) <= 12 and len(letters) >= 2 and compact[0].isupper()
            and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1))


def is_modifier(mention, doc):
    """Return True for a name used inside a compound adjective ("the al Qaeda-affiliated group",
    "RSF-held towns"): it describes another group or a place, it does not act."""
    end = mention.end
    return end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and doc[end + 1].is_lower


def _name_word(token):
    """A word that can be part of a proper name: capitalised and alphabetic ("Kyet", "Mauk"), or
    a capitalised word after an elided article ("l'Artibonite", "d'Ivoire")."""
    if ELIDED_NAME.fullmatch(token.text):
        return True
    return token.is_alpha and token.text[:1].isupper() and not token.is_upper


def particle_name(doc, i):
    """Return True for a name that opens with a lower-case particle joined by a hyphen
    ("al-Busayrah", "ad-Dana", "el-Fasher"), which capitalisation alone does not find."""
    return doc[i].lower_ in PLACE_PARTICLES | HYPHENED_PARTICLES and i + 2 < len(doc) and not doc[i].whitespace_ \
        and doc[i + 1].text == "-" and not doc[i + 1].whitespace_ and _name_word(doc[i + 2])


def _particle_before(doc, start):
    """Return True for a name particle just before `start` ("Maguindanao del Sur", "Deir ez-Zor")."""
    particle = doc[start - 1].lower_
    return particle in PLACE_PARTICLES or particle in HYPHENED_PARTICLES and doc[start].text == "-" \
        and not doc[start - 1].whitespace_


def _inner_particle(doc, i):
    """Return True for a particle inside a place name, between two of its words ("San José del
    Tarra", "Nioro du Sahel")."""
    return doc[i].lower_ in PLACE_PARTICLES and 0 < i < len(doc) - 1 and _name_word(doc[i - 1]) \
        and _name_word(doc[i + 1])


def _joins_name(doc, i):
    """Return True for a hyphen or a hyphenated particle inside a name ("Qol-e-Sangi",
    "Khost-o-Fereng", "Bankoni-Sourou"), followed by more of the name."""
    token = doc[i]
    if token.whitespace_ or i + 1 >= len(doc):
        return False
    following = doc[i + 1]
    if token.text == "-":
        return _name_word(following) or following.lower_ in NAME_PARTICLES | {"o", "a"}
    return token.lower_ in NAME_PARTICLES | {"o", "a"} and i > 0 and doc[i - 1].text == "-" and following.text == "-"


def _opens_name(token):
    """A sentence's first word that begins a name rather than the sentence ("Kyet", not "The")."""
    return token.pos_ == "PROPN" and not token.is_stop


def _cased_like(text, label):
    """Return True when every word the label capitalises is capitalised in the text too
    ("Saudi-led coalition" is a name, "saudi-led coalition" is not)."""
    words, label_words = _WORDS.findall(text), _WORDS.findall(label)
    return len(words) == len(label_words) and all(
        w[:1].isupper() or not l[:1].isupper() for w, l in zip(words, label_words))


def _capitalised(doc, start, end):
    """A name as names are written: its first word capitalised, later words too unless short
    particles ("Volunteers for the Defence of the Homeland", "Nusrat al-Islam wal-Muslimin")."""
    return (doc[start].text[:1].isupper() or particle_name(doc, start)) and all(
        t.text[:1].isupper() or t.lower_ in _FUNCTION_WORDS or t.lower_ in NAME_PARTICLES or not t.is_alpha
        or doc[t.i - 1].text == "-" and not doc[t.i - 1].whitespace_ for t in doc[start + 1:end])  # "Saudi-led coalition"


class Finder:
    """Matchers built once per pipeline from the gazetteer and the word lists."""

    def __init__(self, nlp, gazetteer):
        self.gazetteer = gazetteer
        lexicon = gazetteer.lexicon
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.caseless = PhraseMatcher(nlp.vocab, attr="NORM")
        self.generic = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.keys = {}
        entries = [*gazetteer.actors.values(), *gazetteer.places.values(), *gazetteer.operations.values()]
        for entry in entries:
            for label in entry.labels:
                self.keys.setdefault(label, set()).add(entry.iri)
        acronyms = [label for label in self.keys if is_acronym(label)]
        names = [label for label in self.keys if not is_acronym(label)]
        self.exact.add("GAZ", list(nlp.tokenizer.pipe(acronyms)))
        self.caseless.add("GAZ", list(nlp.tokenizer.pipe(names + [n.replace("'", "\u2019") for n in names if "'" in n])))
        self.label_of = {}
        for label in self.keys:
            self.label_of[label.lower().replace("\u2019", "'")] = label
        for kind, words in (("state", lexicon["state_generic"]), ("police", lexicon["police_generic"]),
                            ("resistance", lexicon["resistance_generic"]),
                            ("anaphor", lexicon["group_anaphora"])):
            self.generic.add(kind, list(nlp.tokenizer.pipe(words)))
        # "rangers" in a Thai report: the force its country's reports call so (singular in "a ranger patrol")
        # "Maoists" in an Indian one: a capitalised noun counts only as written.
        self.common_nouns = {form: noun for _, noun in gazetteer.common_nouns for form in (noun, _singular(noun))}
        self.generic.add("common", list(nlp.tokenizer.pipe(sorted(self.common_nouns))))
        self.generic_phrases = {w.lower() for key in ("state_generic", "police_generic")
                                for w in lexicon[key]}
        self.org_heads = set(lexicon["org_heads"])
        self.needs_armed = set(lexicon["org_heads_need_armed_word"])
        self.armed_words = set(lexicon["armed_words"])
        self.not_orgs = {n.lower() for n in lexicon["not_org_names"]}
        self.civil_words = set(lexicon["civil_institution_words"])
        self.place_suffixes = lexicon["place_suffixes"]
        self.lowercase_place_suffixes = set(lexicon["lowercase_place_suffixes"])
        self.prefix_heads = set(lexicon["org_prefix_heads"])
        self.prefix_starts = {h[:k] for h in self.prefix_heads for k in range(1, len(h) + 1)}
        self.appositive_org_nouns = set(lexicon["appositive_org_nouns"])
        self.lowercase_heads = set(lexicon["org_heads_lowercase"])
        self.leader_force_heads = set(lexicon["leader_force_heads"])
        self.collective_heads, self.collective_descriptors = (set(lexicon[k]) for k in ("collective_heads", "collective_descriptors"))
        self.collective_plurals = {h for h in self.collective_heads if h.endswith("s") and h[:-1] in self.collective_heads}
        self.pair_heads = lexicon["pair_anaphor_heads"]
        self.world_regions = {name.lower() for name in lexicon["world_regions"]}
        # words that make "X forces" generic ("Government forces", "Security troops"), not named
        self.generic_force_words = set(lexicon["state_generic_modifiers"]) | {
            w for phrase in (*lexicon["state_generic"], *lexicon["resistance_generic"]) for w in phrase.split()}

    def __call__(self, doc):
        mentions = [*self._gazetteer(doc), *find_org_names(doc, self), *find_prefixed_org_names(doc, self),
                    *find_listed_org_names(doc, self),
                    *find_described_orgs(doc, self), *find_called_orgs(doc, self), *find_spelled_out_names(doc, self),
                    *find_named_forces(doc, self), *find_collectives(doc, self), *find_pair_anaphors(doc, self),
                    *find_leaders_forces(doc, self),
                    *find_operation_names(doc),
                    *self._place_patterns(doc), *self._plural_places(doc), *self._generic(doc), *self._ner(doc)]
        # "the Armed Forces of the Democratic Republic of Congo": capitals make no name of words
        # that are generic in lower case; the generic mention stands.
        mentions = [m for m in mentions if m.source != "pattern" or m.text.lower() not in self.generic_phrases]
        mentions = [m for m in mentions if m.kind != "place" or m.text.lower() not in self.world_regions]
        chosen = _choose(mentions)
        chosen = _compose_local_forces(doc, chosen, self.gazetteer)
        chosen = _choose(chosen + list(_regional_branches(doc, chosen, self.gazetteer)))
        definitions = find_acronym_definitions(doc, chosen)
        chosen = _choose(chosen + _acronym_uses(doc, chosen, definitions))
        chosen = _choose(chosen + list(self._plural_acronyms(doc, chosen, definitions)))
        doc._.kg_mentions = chosen
        doc._.kg_acronyms = definitions
        return doc

    def _plural_acronyms(self, doc, mentions, definitions):
        # "killing dozens of soldiers and VDPs", "PDFs": the plural of a known or defined acronym.
        covered = {i for m in mentions for i in range(m.start, m.end)}
        # Each distinct word is matched once, and only the matching ones become Tokens.
        strings, orths = doc.vocab.strings, column(doc, ORTH)
        plural = {orth for orth in set(orths) if _PLURAL_ACRONYM.match(strings[orth])}
        for token in (doc[i] for i, orth in enumerate(orths) if orth in plural):
            stem = token.text[:-1]
            if token.i in covered:
                continue
            if stem in definitions:
                definition = definitions[stem]
                yield Mention(token.i, token.i + 1, definition.kind, "acronym", token.text,
                              extra={"defined_by": definition})
            elif self.keys.get(stem):
                iris = tuple(sorted(self.keys[stem]))
                kinds = {_entry_kind(self.gazetteer, iri) for iri in iris}
                if kinds == {"actor"}:
                    yield Mention(token.i, token.i + 1, "actor", "gazetteer", token.text, candidates=iris)

    def _gazetteer(self, doc):
        for matcher, exact in ((self.exact, True), (self.caseless, False)):
            for _, start, end in matcher(doc):
                text = doc[start:end].text
                label = text if exact else self.label_of.get(text.lower().replace("\u2019", "'"))
                if not exact and not (_capitalised(doc, start, end) or label and _cased_like(text, label)):
                    continue
                iris = tuple(sorted(self.keys.get(label, ())))
                if not iris:
                    continue
                kinds = {_entry_kind(self.gazetteer, iri) for iri in iris}
                kind = "actor" if "actor" in kinds else kinds.pop()
                yield Mention(start, end, kind, "gazetteer", text, candidates=iris)

    def _place_patterns(self, doc):
        for token in tokens_where(doc, self.place_suffixes):
            suffix = self.place_suffixes.get(token.lower_)
            if not suffix or token.i == 0 or token.lower_ in self.lowercase_place_suffixes and not token.is_lower:
                continue
            start = token.i
            while start > 0 and not doc[start - 1].is_sent_start and (_name_word(doc[start - 1]) or (
                    _particle_before(doc, start) and start > 1 and _name_word(doc[start - 2])) or (
                    start > 1 and _joins_name(doc, start - 1))):  # "Khost-o-Fereng district"
                start -= 1  # "Maguindanao del Sur province", "Datu Saudi Ampatuan town"
            if doc[start].text == "-" and particle_name(doc, start - 1):
                start -= 1  # "the al-Hawban area" opens with its particle, not the hyphen
            if start > 0 and _name_word(doc[start - 1]) and not doc[start - 1].is_stop and (
                    start == token.i or _opens_name(doc[start - 1])):
                start -= 1  # the name starts the sentence ("Kyet Mauk Taung village was raided")
            while start < token.i and doc[start].lower_ in DETERMINERS:
                start += 1  # '"The state holds the towns': a capitalised article names nothing
            if start < token.i and self._people_before(doc, start, token):
                start = token.i  # "the mainly Druze city of Suwayda" names the city Suwayda
            if start == token.i:
                yield from self._place_of(doc, token, suffix)
                yield from self._described_facility(doc, token, suffix)
                continue
            if token.i + 1 < len(doc) and doc[token.i + 1].lower_ in self.place_suffixes:
                continue  # "the Rakhine State port town": "port" says what kind of town
            if suffix in ("Facility",) and not token.is_title and self._owner_named(doc[start:token.i]):
                continue  # "the KNDF camp" is no place name; "the Qara Qozak bridge", "the Rafah crossing" are
            base = doc[start:token.i].text
            if doc[start].ent_type_ == "ORDINAL" or doc[start].lower_ in ORDINAL_WORDS:
                continue  # "the army's Third Division", "the 5th Brigade": a unit, not a place
            if base.lower() in self.gazetteer.lexicon["place_direction_words"] or \
                    base.lower() in self.gazetteer.lexicon["demonyms"]:
                continue  # "the central Malian village of X" names no village called "Malian"
            yield Mention(start, token.i + 1, "place", "place-pattern", doc[start:token.i + 1].text,
                          place_class=suffix, base_name=base)

    def _owner_named(self, words):
        """Return True for words before "camp" or "base" that name whose it is rather than where
        it is: an acronym, a known actor, an organisation or a people."""
        label = self.label_of.get(words.text.lower())
        # NER tags many an unknown place before "base" as ORG ("the Chinagodrar base"): an ORG
        # counts as an owner only when its words say it is an armed body.
        armed = any(t.lower_ in self.org_heads or t.lower_ in self.armed_words for t in words)
        return any(t.is_upper or t.ent_type_ == "NORP" or t.ent_type_ == "ORG" and armed for t in words) or bool(label) and any(
            _entry_kind(self.gazetteer, iri) == "actor" for iri in self.keys.get(label, ()))

    def _people_before(self, doc, start, token):
        # A people's name before "city of X" describes the city ("the mainly Druze city of
        # Suwayda"); "the Amhara region of Ethiopia" is still the Amhara region, the name after
        # "of" being its country.
        following = doc[token.i + 2:token.i + 5] if token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of" else None
        described = all(t.ent_type_ == "NORP" for t in doc[start:token.i]) or start > 0 and doc[start - 1].pos_ == "ADV"
        if following is None or not _name_word(following[0]) or not described:
            return False
        name = following[:next((n for n, t in enumerate(following) if not _name_word(t)), len(following))].text
        return normalise_name(name) not in geonames.country_codes()

    def _described_facility(self, doc, token, suffix):
        # "the Abu Shouk displacement camp", "the Tumbun Rago army base": a named place with a
        # word saying what kind of camp or base it is.
        kinds = self.gazetteer.lexicon["facility_kinds"] if suffix == "Facility" else self.gazetteer.lexicon["area_kinds"]
        if token.i < 2 or doc[token.i - 1].lower_ not in kinds:
            return
        end = token.i - 1
        start = end
        while start > 0 and _name_word(doc[start - 1]) and not doc[start - 1].is_sent_start:
            start -= 1
        if start < end:
            base = doc[start:end].text
            if base.lower() in self.gazetteer.lexicon["demonyms"] or doc[start].ent_type_ == "NORP":
                return
            if token.lower_ in self.lowercase_place_suffixes:
                # "the Miranshah police station" is named for its place, and its police take part
                yield Mention(start, end, "place", "place-pattern", base, place_class="Town", base_name=base)
            else:
                yield Mention(start, token.i + 1, "place", "place-pattern", doc[start:token.i + 1].text,
                              place_class=suffix, base_name=base)

    def _plural_places(self, doc):
        # "the Solino and Nazon neighbourhoods", "Pauk and Gangaw townships": each name is a place.
        plural = self.gazetteer.lexicon["place_suffixes_plural"]
        for token in tokens_where(doc, plural):
            suffix = plural.get(token.lower_)
            if not suffix:
                continue
            names = [c for c in token.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.i < token.i]
            names += [c for n in names for c in n.conjuncts if c.pos_ == "PROPN" and c.i < token.i]
            # "attacked Kuki-Zo villages", "Alawite villages": one name before the plural says
            # whose villages they are, unless it is a place already known ("Rakhine townships").
            described = len({n.i for n in names}) == 1 and names[0].lower_ not in self.label_of
            for name in {n.i: n for n in names}.values() if not described else ():
                if _name_word(name) and name.lower_ not in self.gazetteer.lexicon["demonyms"]:
                    yield Mention(name.i, name.i + 1, "place", "place-pattern", name.text, place_class=suffix,
                                  base_name=name.text)
            # "the towns of Dhiban and al-Busayrah": each name the plural is "of" is a place.
            of = token.nbor() if token.i + 1 < len(doc) else None
            if of is None or of.lower_ != "of":
                continue
            listed = [c for c in of.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
            for name in listed + [c for n in listed for c in n.conjuncts if c.pos_ == "PROPN" and c.i > of.i]:
                mention = self._name_mention(doc, name)
                if all(_name_word(t) or not t.is_alpha or t.lower_ in PLACE_PARTICLES | HYPHENED_PARTICLES
                       for t in mention.span(doc)):
                    mention.place_class = suffix
                    mention.source = "place-pattern"
                    yield mention

    def _place_of(self, doc, token, suffix):
        # "the village of Sanakuy" and "Bankoni-Sourou, a farming hamlet": a place noun names
        # the class of a proper name beside it.
        if suffix == "Facility":
            return
        name = None
        if token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of" and (
                _name_word(doc[token.i + 2]) or particle_name(doc, token.i + 2)):
            end = token.i + 2 + (1 if particle_name(doc, token.i + 2) else 0)  # "the village of al-Shuhayl"
            while end < len(doc) and (_name_word(doc[end]) or _joins_name(doc, end) or _inner_particle(doc, end)):
                end += 1  # "the rural town of San José del Tarra"
            name = (token.i + 2, end)
        elif token.dep_ == "appos" and token.head.pos_ == "PROPN" and token.head.i < token.i:
            head = token.head
            start = min(t.i for t in head.subtree if t.i <= head.i and (t.pos_ == "PROPN" or t.text == "-"))
            name = (start, head.i + 1)
        if name and all(_name_word(t) or _joins_name(doc, t.i) or _inner_particle(doc, t.i) or particle_name(doc, t.i)
                        for t in doc[name[0]:name[1]]):
            text = doc[name[0]:name[1]].text
            if text.lower() not in self.gazetteer.lexicon["place_direction_words"]:
                yield Mention(name[0], name[1], "place", "place-pattern", text, place_class=suffix, base_name=text)

    def _generic(self, doc):
        for match_id, start, end in self.generic(doc):
            kind = doc.vocab.strings[match_id]
            if kind == "anaphor" and start > 0 and doc[start].lower_ != "the":
                continue
            if kind == "common":
                text = doc[start:end].text
                if text in self.common_nouns or all(t.is_lower for t in doc[start:end]) \
                        and text.lower() in self.common_nouns:
                    noun = self.common_nouns[text if text in self.common_nouns else text.lower()]
                    yield Mention(start, end, "state", "generic", doc[start:end].text, extra={"common_noun": noun})
                continue
            if kind == "police":  # the country's police: a state force, resolved apart from the army
                yield Mention(start, end, "state", "generic", doc[start:end].text, extra={"police": True})
                continue
            yield Mention(start, end, kind, "generic", doc[start:end].text)
        # "the ethnic armed group", "the Islamist militants": a definite description of a group.
        heads = set(self.gazetteer.lexicon["anaphor_heads"])
        force_nouns = set(self.gazetteer.lexicon["force_nouns"])
        for token in tokens_where(doc, heads):
            if token.lower_ in heads and token.pos_ == "NOUN":
                start = token.i
                while start > 0 and token.i - start < 3 and doc[start - 1].pos_ in ("ADJ", "NOUN", "VERB") \
                        and doc[start - 1].dep_ in ("amod", "compound"):
                    start -= 1
                partitive = start >= 3 and doc[start - 2].lower_ == "of"  # "one of the largest separatist militias"
                named = token.i + 1 < len(doc) and (doc[token.i + 1].pos_ == "PROPN" or any(
                    c.dep_ == "appos" for c in token.children))  # "the Somali militant group al-Shabaab"
                if start > 0 and doc[start - 1].lower_ == "the" and start < token.i and not partitive and not named:
                    yield Mention(start - 1, token.i + 1, "anaphor", "generic", doc[start - 1:token.i + 1].text)
        # "alliance forces went on to capture Hsenwi": the alliance's own forces.
        for token in tokens_where(doc, ("alliance", "coalition"), end=-1):
            if token.lower_ in ("alliance", "coalition") and doc[token.i + 1].lower_ in force_nouns and (
                    token.i == 0 or not doc[token.i - 1].text[:1].isupper()):
                yield Mention(token.i, token.i + 2, "anaphor", "generic", doc[token.i:token.i + 2].text)
        # "Russian forces", "Sudanese soldiers": a nationality makes any force noun a state force.
        demonyms = self.gazetteer.lexicon["demonyms"]
        # "Russian paramilitaries", 'Russian "instructors"': a foreign force, whose nationality
        # the resolver reads (lexicon `irregular_force_nouns`).
        irregular = set(self.gazetteer.lexicon["irregular_force_nouns"])
        for token in tokens_where(doc, force_nouns | irregular, start=1):
            before = doc[token.i - 2] if token.i >= 2 and doc[token.i - 1].is_quote else doc[token.i - 1]
            # "Turkish drone strikes": the drone only names the strike's weapon, which the event
            # finder reads with its nationality; "Russian drone units" are still a force.
            weapon = token.dep_ == "compound" and token.head.i == token.i + 1 and token.head.lower_ not in force_nouns
            if before.lower_ in demonyms and not weapon:
                extra = {"country_code": demonyms[before.lower_], "irregular": True} if token.lower_ in irregular else {}
                yield Mention(token.i, token.i + 1, "state", "generic", token.text, extra=extra)
                # "Russian and Syrian warplanes": each coordinated nationality is a force of its own.
                for other in before.conjuncts:
                    if other.lower_ in demonyms:
                        yield Mention(other.i, other.i + 1, "state", "generic", other.text,
                                      extra={"country_code": demonyms[other.lower_]})

        # "the Russians pushed into Toretsk", "the North Koreans suffered losses": a people, in a
        # war report, is its state's forces.
        for token in tokens_where(doc, {"the"}, end=-1):
            for size in (2, 1):
                words = [doc[k] for k in range(token.i + 1, min(token.i + 1 + size, len(doc)))]  # no Span: cheaper
                last = words[-1]
                if len(words) < size or last.tag_ not in ("NNPS", "NNS") or not last.lower_.endswith("s") \
                        or last.i + 1 < len(doc) and doc[last.i + 1].pos_ in ("NOUN", "PROPN") \
                        or any(c.dep_ in ("relcl", "acl") for c in last.children):  # "the Syrians who fled"
                    continue
                code = demonyms.get(" ".join([*(t.lower_ for t in words[:-1]), last.lower_[:-1]]))
                if code:
                    yield Mention(token.i, last.i + 1, "state", "generic", doc[token.i:last.i + 1].text,
                                  extra={"country_code": code})
                    break

    def _locative(self, doc):
        # "in El Fasher", "near Goma", "the fall of Avdiivka": proper names after a locative
        # preposition are place candidates whatever NER made of them; the resolver decides.
        lexicon = self.gazetteer.lexicon
        heads = {"of": set(lexicon["of_place_heads"]), "on": set(lexicon["on_place_heads"])}
        for token in tokens_where(doc, LOCATIVE | set(heads), end=-1):
            first = token.i + 1
            if doc[first].pos_ == "ADJ" and doc[first].is_lower and first + 1 < len(doc) and doc[first + 1].pos_ == "PROPN" \
                    and doc[first + 1].ent_type_ != "NORP" and not doc[first + 1].is_upper:
                first += 1  # "in rural Tame", "from neighbouring Arauca"
            if not doc[first].text[:1].isupper() and not particle_name(doc, first):
                continue
            if token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_:
                continue  # "Army-In Opposition": part of a hyphenated name
            if token.lower_ not in LOCATIVE and not (token.lower_ in heads and token.i > 0
                                                     and doc[token.i - 1].lower_ in heads[token.lower_]):
                continue
            end = first
            while end < len(doc) and (doc[end].pos_ == "PROPN" or doc[end].text in ("-",) or doc[end].lower_ in ("al", "el") or
                                      _inner_particle(doc, end) or  # "Mocímboa da Praia"
                                      doc[end].lower_ in HYPHENED_PARTICLES and end + 1 < len(doc) and doc[end + 1].text == "-"
                                      and not doc[end].whitespace_):  # "Jisr ash-Shughur"
                end += 1
            if doc[end - 1].text == "-":
                continue  # "from Tehreek-e-Jihad Pakistan": a name joined by particles, not a place
            if end > first and not doc[first].ent_type_ in ("DATE", "TIME", "ORDINAL", "CARDINAL"):
                yield Mention(first, end, "place", "locative", doc[first:end].text)

    def _place_cues(self, doc):
        # Unknown proper names that the syntax marks as places: coordinated with a locative
        # place ("to Ohn Pin Kan and Zee Pin Gyi"), objects of verbs that take places ("stormed
        # Bankoni-Sourou", "as it left Zee Pin Gyi"), modifiers of inhabitants ("a Zee Pin Gyi resident").
        lexicon = self.gazetteer.lexicon
        verbs, inhabitants = set(lexicon["place_object_verbs"]), set(lexicon["inhabitant_nouns"])
        taking = verbs | set(lexicon["role_words"]["capture_verbs"])
        place_nouns = set(lexicon["place_suffixes"]) | set(lexicon["place_suffixes_plural"])
        of_heads = set(lexicon["of_place_heads"])
        for token in tokens_where(doc, ("PROPN",), POS):
            if token.pos_ != "PROPN" or token.dep_ == "compound" or not _name_word(token):
                continue
            head, first = token.head, token
            while first.dep_ == "conj" and first.head.i != first.i:
                first = first.head  # "in rural areas of Tibú, Teorama and El Tarra": the list's first name
            cue = (token.dep_ == "dobj" and head.lemma_.lower() in verbs
                   or token.dep_ == "conj" and first.pos_ == "PROPN" and first.dep_ == "pobj" and (
                       first.head.lower_ in LOCATIVE | {"to"} or first.head.lower_ == "of" and first.head.head.lower_ in of_heads
                       or first.head.lower_ in ("including", "like") and first.head.head.lower_ in place_nouns)
                   # "seized Goma and Bukavu": a name listed with a taken place is a place too
                   or token.dep_ == "conj" and first.pos_ == "PROPN" and first.dep_ == "dobj"
                   and first.head.lemma_.lower() in taking | verbs  # "shelling Jermuk, Goris and Vardenis"
                   or token.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() in ("move", "advance", "retreat", "spread")
                   # "taken several towns, including Dawthponeyan": members of a list of places
                   or token.dep_ == "pobj" and head.lower_ in ("including", "like") and head.head.lower_ in place_nouns)
            if cue:
                mention = self._name_mention(doc, token)
                if token.dep_ == "pobj" and head.lower_ in ("including", "like"):
                    mention.extra["listed_place"] = True  # the list says what it is, whatever NER thinks
                yield mention
        # "a post known as Point Triple", "the so-called Point Triple": a position named so is a place.
        positions = place_nouns | set(lexicon["place_object_triggers"]["positions"])
        for token in tokens_where(doc, ("known", "called", "dubbed", "named"), end=-1):
            if token.lower_ not in ("known", "called", "dubbed", "named"):
                continue
            after = token.i + 2 if token.lower_ == "known" and doc[token.i + 1].lower_ == "as" else token.i + 1
            so_called = token.lower_ == "called" and token.i >= 2 and doc[token.i - 2].lower_ == "so" and \
                token.head.dep_ == "pobj" and token.head.head.lower_ in LOCATIVE  # "at the so-called Point Triple"
            described = token.dep_ == "acl" and token.head.lemma_.lower() in positions
            if after < len(doc) and _name_word(doc[after]) and (described or so_called):
                end = after
                while end < len(doc) and _name_word(doc[end]):
                    end += 1
                yield Mention(after, end, "place", "locative", doc[after:end].text, extra={"listed_place": True})
        for token in tokens_where(doc, inhabitants):
            if token.lower_ in inhabitants and token.i > 0 and doc[token.i - 1].pos_ == "PROPN" and _name_word(doc[token.i - 1]):
                yield self._name_mention(doc, doc[token.i - 1])
        # "captured Bakhmut last May", "retook Wad Madani, the capital": the name right after a
        # capture verb is its object whatever the tagger made of it (an adverb, a subject).
        demonyms, plural_places = lexicon["demonyms"], set(lexicon["place_suffixes_plural"])
        for verb in tokens_where(doc, ("VERB",), POS, end=-1):
            first = doc[verb.i + 1]
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in taking or not _name_word(first) \
                    or first.lower_ in demonyms or first.ent_type_ in ("NORP", "DATE", "TIME"):
                continue
            described = first
            while described.dep_ in ("compound", "amod") and described.head.i > described.i and described.head.pos_ == "PROPN":
                described = described.head  # "Kuki-Zo villages": from "Kuki" to "Zo"
            if described.dep_ in ("compound", "amod") and described.head.i > described.i and described.head.pos_ == "NOUN" \
                    and described.head.is_lower and (described.head.lower_ not in place_nouns or described.head.lower_ in plural_places):
                continue  # "defend Alawite areas", "attacked Kuki-Zo villages": the name describes the object
            end = first.i + 1
            while end < len(doc) and (_name_word(doc[end]) or doc[end].text == "-" and end + 1 < len(doc)
                                      and _name_word(doc[end + 1])):
                end += 1
            yield Mention(first.i, end, "place", "locative", doc[first.i:end].text)

    @staticmethod
    def _name_mention(doc, token):
        start = token.i
        while start > 0 and (_name_word(doc[start - 1]) or doc[start - 1].text == "-" or _inner_particle(doc, start - 1) or (
                doc[start].text == "-" and doc[start - 1].lower_ in PLACE_PARTICLES and not doc[start - 1].whitespace_)) \
                and not (doc[start - 1].is_sent_start and not _opens_name(doc[start - 1])):
            start -= 1  # "Bawla al-Kheir" from its last word
        while start < token.i and doc[start].text == "-":
            start += 1
        end = token.i + 1
        while end + 1 < len(doc) and not doc[end - 1].whitespace_ and doc[end].text == "-" and _name_word(doc[end + 1]) \
                or end + 2 < len(doc) and doc[end].lower_ in PLACE_PARTICLES and not doc[end].whitespace_ \
                and doc[end + 1].text == "-" and _name_word(doc[end + 2]):
            end += 2 if doc[end].text == "-" else 3  # "Aita al-Shaab", "Kfar-Kila"
        return Mention(start, end, "place", "locative", doc[start:end].text)

    def _ner(self, doc):
        yield from self._locative(doc)
        yield from self._place_cues(doc)
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC", "FAC") and ent.text.lower() not in self.gazetteer.lexicon["demonyms"] \
                    and not any(t.lower_ in self.org_heads or t.lower_ in self.armed_words for t in ent):
                start, end = ent.start + (1 if ent[0].lower_ == "the" else 0), ent.end
                if end - start > 1 and doc[end - 1].like_num and end < len(doc) and doc[end].pos_ == "NOUN":
                    end -= 1  # "near Rodynske 17 times": the count is no part of the name
                if start < end and _capitalised(doc, start, end):
                    yield Mention(start, end, "place", "ner", doc[start:end].text)
            elif ent.label_ == "NORP" and ent.text.lower() in self.gazetteer.lexicon["demonyms"]:
                continue


def _entry_kind(gazetteer, iri):
    if iri in gazetteer.actors:
        return "actor"
    if iri in gazetteer.places:
        return "place"
    return "operation"


# "Two Arakan Army soldiers", "Some Karenni Army units", "When Army troops": capitalised at a
# sentence start, these words open no name
NOT_NAME_POS = {"NUM", "DET", "PRON", "ADV", "SCONJ", "CCONJ", "ADP", "AUX"}


def find_org_names(doc, finder):
    """Yield organisation names built by pattern around a capitalised head word
    ("Kawlin People's Defense Force", "54th Infantry Battalion", "Battalion 552")."""
    for token in tokens_where(doc, finder.org_heads):
        if token.lower_ not in finder.org_heads or not token.text[:1].isupper():
            continue
        start = token.i
        while start > 0:
            previous = doc[start - 1]
            if previous.is_sent_end:
                break
            if previous.text[:1].isupper() and previous.is_alpha and previous.lower_ != "the" and \
                    not (previous.like_num and previous.lower_ not in ORDINAL_WORDS) and previous.pos_ not in NOT_NAME_POS or \
                    previous.lower_ in ("'s", "\u2019s", "-", "&", "'", "\u2019") and start - 1 > 0 and not _spaced_dash(doc, start - 1) \
                    or _ORDINAL.match(previous.text):
                start -= 1
            else:
                break
        end = token.i + 1
        if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].is_title and not doc[end + 1].is_sent_start:
            end += 2
            while end < len(doc) and doc[end].is_title and doc[end].is_alpha:
                end += 1
        if end < len(doc) and doc[end].like_num and doc[end].is_digit:
            end += 1
        if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
                and _name_word(doc[end + 1]) and doc[start:end].text.lower() not in finder.label_of:
            end += 1  # "Sudan People's Liberation Army-In Opposition", "Army-North"
            while end < len(doc) and _name_word(doc[end]):
                end += 1
        while start < token.i and doc[start].lower_ in ("'s", "\u2019s", "-", "&", "'", "\u2019"):
            start += 1
        words = [t.lower_ for t in doc[start:end]]
        if end - start < 2 or doc[start:end].text.lower() in finder.not_orgs:
            continue
        if token.lower_ in finder.needs_armed and not finder.armed_words.intersection(words):
            continue
        if token.i == end - 1 and token.lower_ in finder.place_suffixes and _placed_as_an_area(doc[start:end], finder):
            continue  # left to the place patterns
        yield Mention(start, end, "actor", "pattern", doc[start:end].text, extra={"head": token.lower_})


def _placed_as_an_area(name, finder):
    """Return True for a name whose head is also an area word ("Momo Division") and which the
    text places as an area: after a place and a comma ("in Batibo, Momo Division") or as what a
    village or town is in ("Ngarbuh, a village in Donga-Mantung Division")."""
    doc, root = name.doc, name.root
    before = doc[name.start - 2] if name.start >= 2 and doc[name.start - 1].text == "," else None
    if before is not None and before.pos_ == "PROPN" and (before.ent_type_ in ("GPE", "LOC") or before.dep_ == "pobj"):
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "in" and doc[name.start - 1].lower_ != "the" and not any(
            t.like_num or _ORDINAL.match(t.text) or t.lower_ in ORDINAL_WORDS for t in name):
        return True  # "ambushed a convoy near Ekona in Fako Division": no unit is where things happen
    return root.dep_ == "pobj" and root.head.lower_ in ("in", "of") and root.head.head.lower_ in finder.place_suffixes


def _spaced_dash(doc, i):
    """Return True for a dash with space on both sides ("MOGADISHU - US Africa Command"): it
    ends a dateline, it joins no name."""
    return doc[i].text == "-" and bool(doc[i].whitespace_) and bool(doc[i - 1].whitespace_)


def find_prefixed_org_names(doc, finder):
    """Yield group names that open with a naming word ("Katiba Sourou", "Mai-Mai Kavuyiro") or
    end in a lower-case group noun after a capitalised name ("the Dan Sadiya gang")."""
    for token in tokens_where(doc, finder.prefix_starts | finder.lowercase_heads):
        for size in (3, 1) if token.text[:1].isupper() else ():
            words = doc[token.i:token.i + size]
            if words.text.lower() not in finder.prefix_heads or not token.text[:1].isupper():
                continue
            end = words.end
            while end < len(doc) and (_name_word(doc[end]) and doc[end].lower_ not in finder.org_heads
                                      or _joins_name(doc, end)):
                end += 1  # "Tehreek-e-Jihad Pakistan": hyphenated particles inside the name
            while end > words.end and not _name_word(doc[end - 1]):
                end -= 1
            if end > words.end:
                yield Mention(token.i, end, "actor", "pattern", doc[token.i:end].text, extra={"head": words.text.lower()})
            break
        if token.lower_ in UNIT_WORDS and token.is_lower and token.i > 0 and _ORDINAL.match(doc[token.i - 1].text):
            yield Mention(token.i - 1, token.i + 1, "actor", "pattern", doc[token.i - 1:token.i + 1].text,
                          extra={"head": token.lower_})  # "the 36th front of the FARC dissidents"
            continue
        if token.lower_ in finder.lowercase_heads and token.is_lower and token.i > 0 and _name_word(doc[token.i - 1]):
            start = token.i - 1
            while start > 0 and _name_word(doc[start - 1]) and not doc[start - 1].is_sent_start:
                start -= 1
            # "the Dagoberto Ramos column", "the Carlos Patino front": a unit named after a person;
            # "the Kherson front" is a front line
            named_unit = token.lower_ in PERSON_NAMED_UNITS and token.i - start >= 2 and \
                all(t.ent_type_ in ("", "PERSON") for t in doc[start:token.i])
            if (doc[start].ent_type_ in ("PERSON", "ORG") and token.lower_ not in PERSON_NAMED_UNITS) or named_unit \
                    or token.lower_ in ("gang", "faction"):
                text = doc[start:token.i + 1].text
                if text.lower() not in finder.not_orgs and doc[start].ent_type_ not in ("NORP", "GPE") \
                        and not _names_a_place(finder, doc[start:token.i].text):
                    owner = _owner_named_before(doc, start, finder) if token.lower_ in ("faction", "wing") else None
                    if owner:  # "the SPLA-IO Kitgwang faction": a faction of the SPLA-IO, not the SPLA-IO
                        owner_start, parents = owner
                        yield Mention(owner_start, token.i + 1, "actor", "pattern", doc[owner_start:token.i + 1].text,
                                      extra={"head": token.lower_, "parent_candidates": parents})
                    else:
                        yield Mention(start, token.i + 1, "actor", "pattern", text, extra={"head": token.lower_})


LISTED_GROUP_NOUNS = {"gangs": "gang", "factions": "faction"}  # "the 400 Mawozo and Canaan gangs"


def find_listed_org_names(doc, finder):
    """Yield each group of a list of names before a plural group noun: "the 400 Mawozo and Canaan
    gangs" names the Canaan gang (and the 400 Mawozo), "the Hamza and Amshat factions" two factions.
    Peoples before a side's noun ("Hema and Lendu militias") are the collectives' (find_collectives)."""
    for token in tokens_where(doc, LISTED_GROUP_NOUNS):
        singular = LISTED_GROUP_NOUNS.get(token.lower_)
        if not singular or not token.is_lower:
            continue
        names, end = [], token.i
        while True:
            start = end
            while start > 0 and (_name_word(doc[start - 1]) or doc[start - 1].is_digit and start < end
                                 or _inner_particle(doc, start - 1)) and not doc[start - 1].is_sent_start:
                start -= 1
            if start == end or start < end and doc[start].is_digit and start + 1 == end:
                break
            names.append(doc[start:end])
            # the last two names are joined by "and" ("X and Y gangs", "X, Y and Z gangs")
            separators = ("and", "or") if len(names) == 1 else (",",)
            if start > 2 and doc[start - 1].lower_ in ("and", "or") and doc[start - 2].text == ",":
                end = start - 2
            elif start > 1 and doc[start - 1].lower_ in separators:
                end = start - 1
            else:
                break
        if len(names) < 2 or any(n.text.lower() in finder.gazetteer.lexicon["demonyms"] or n[0].ent_type_ in ("DATE", "TIME")
                                 for n in names):
            continue
        for name in names:
            if name.text.lower() in finder.label_of:
                continue  # a known group's own name is found by the gazetteer
            yield Mention(name.start, token.i + 1 if name.end == token.i else name.end, "actor", "pattern",
                          f"{name.text} {singular}", extra={"head": singular})


def _owner_named_before(doc, start, finder):
    """Return (start, gazetteer IRIs) of a known group's name right before a faction's own name."""
    for size in (4, 3, 2, 1):
        if start - size < 0 or doc[start - size].is_sent_start and size > 1:
            continue
        label = finder.label_of.get(doc[start - size:start].text.lower())
        parents = {iri for iri in finder.keys.get(label, ()) if _entry_kind(finder.gazetteer, iri) == "actor"}
        if parents:
            return start - size, frozenset(parents)
    return None


def find_named_forces(doc, finder):
    """Yield forces named by a region or a people that is no country ("Puntland forces",
    "Jubaland troops", "Kurdish forces"): a force of its own, or the article's group of that
    name, never the national army the bare noun would be."""
    lexicon, generic = finder.gazetteer.lexicon, finder.generic_force_words
    for token in tokens_where(doc, NAMED_FORCE_NOUNS):
        if token.lower_ not in NAMED_FORCE_NOUNS or not token.is_lower:
            continue
        start = token.i
        while start > 0 and token.i - start < 3 and _name_word(doc[start - 1]) and doc[start - 1].pos_ in ("PROPN", "ADJ"):
            start -= 1
        name = doc[start:token.i]
        owned = start > 0 and (doc[start - 1].text in ("'s", "\u2019s") or doc[start - 1].text == "-"
                               and not doc[start - 1].whitespace_)  # "Russia's Wagner forces", "pro-Kurdish forces"
        if not len(name) or owned or name.text.lower() in lexicon["demonyms"] \
                or normalise_name(name.text) in geonames.country_codes() or any(t.lower_ in generic for t in name):
            continue
        yield Mention(start, token.i + 1, "actor", "pattern", doc[start:token.i + 1].text,
                      extra={"head": token.lower_, "named_force": True})


def find_leaders_forces(doc, finder):
    """Yield "Olony's men", "Mordisco's dissidents": the men of a person the article names, which
    the resolver makes the group it first names beside that person ("X's forces" is left out:
    measured, it cost more than it found)."""
    heads = finder.leader_force_heads
    for token in tokens_where(doc, heads):
        if token.lower_ not in heads or token.pos_ != "NOUN":
            continue
        owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
        if owner is None or owner.ent_type_ != "PERSON" or owner.lower_ in finder.label_of:
            continue
        start = owner.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == owner.i \
                and doc[start - 1].ent_type_ == "PERSON":
            start -= 1  # "Johnson Olony's men"
        yield Mention(start, token.i + 1, "actor", "leader", doc[start:token.i + 1].text, extra={"leader": owner.text})


def find_collectives(doc, finder):
    """Yield unnamed sides described by what they are ("separatist fighters", "loyalist
    gunmen", "Druze gunmen", "bandits"); the resolver makes them the article's group of that
    name when it has one ("Baloch militants"), else a side of their own. "The separatists" is
    left to the anaphora, which finds the side so described before it."""
    heads, descriptors = finder.collective_heads, finder.collective_descriptors
    for token in tokens_where(doc, heads):
        if token.lower_ not in heads or not token.is_lower or token.pos_ != "NOUN":
            continue
        start, descriptor = token.i, _singular(token.lower_) if _singular(token.lower_) in descriptors else None
        i = token.i - 1
        while i >= 0 and token.i - i <= 3 and (doc[i].dep_ in ("amod", "compound", "nmod") and token.i >= doc[i].head.i > i
                                                or _conjunct_modifier(doc[i], token)):
            word = doc[i]
            if word.lower_ in descriptors:
                descriptor, start = word.lower_, i
            elif _people_word(doc, word, finder):
                start = i
                while start > 1 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ \
                        and not doc[start - 1].whitespace_ and _name_word(doc[start - 2]):
                    start -= 2  # "Kuki-Zo militants" are not "Zo militants"
                descriptor = doc[start:i + 1].text
                break
            elif word.is_lower and word.pos_ == "ADJ":
                start = i  # "armed Bedouin clans", "tribal and clan fighters"
            else:
                break
            i -= 1
        if descriptor is None or start == token.i and token.i > 0 and doc[token.i - 1].lower_ in ("the", "these", "those"):
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].lower_ in ("from", "of"):
            continue  # "Rohingya militants from ARSA and the RSO" are those groups' men
        while start < token.i and doc[start].is_lower and doc[start].lower_ not in descriptors:
            start += 1  # "armed separatist fighters" is named "separatist fighters"
        listed = list(_listed_peoples(doc, start, finder)) if descriptor[0].isupper() else []
        # "Hema and Lendu militias": each people's side, named in the singular ("Hema militia").
        head = _singular(token.text) if listed and token.lower_ in finder.collective_plurals else token.text
        for people in [*listed, doc[start:token.i]]:
            name = f"{people.text} {head}"
            yield Mention(people.start, token.i + 1 if people.start == start else people.end, "actor", "collective",
                          doc[start:token.i + 1].text if name == doc[start:token.i + 1].text else name,
                          extra={"descriptor": people.text.lower(), **({"name": name} if listed else {})})


def _conjunct_modifier(word, head):
    """Return True for the second of two peoples before a side's noun, parsed as a conjunct of the
    first ("Murad and Abida tribesmen": "Abida" a conjunct of "Murad", which modifies the noun)."""
    first = word
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    return first.i != word.i and first.dep_ in ("amod", "compound", "nmod") and first.head.i == head.i


def _listed_peoples(doc, start, finder):
    """Yield the one-word peoples listed before the people that opens a side's name: "Hema" in
    "Hema and Lendu militias", "Hema" and "Lendu" in "Hema, Lendu and Twa militias"."""
    i = start - 1
    while i >= 1 and doc[i].lower_ in (",", "and", "or") and _people_word(doc, doc[i - 1], finder) \
            and (i - 2 < 0 or doc[i - 2].lower_ in (",", "and", "or") or not _name_word(doc[i - 2])):
        yield doc[i - 1:i]
        i -= 2


def find_pair_anaphors(doc, finder):
    """Yield "the two armed groups", "both sides": references to the two sides last named
    together, resolved to both (extra "pair" says which kinds of side may be meant)."""
    for token in tokens_where(doc, finder.pair_heads):
        kinds = finder.pair_heads.get(token.lower_)
        if not kinds or token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "of":
            continue  # "both sides of the border"
        start = token.i
        while start > 0 and token.i - start < 3 and (doc[start - 1].pos_ == "ADJ" and doc[start - 1].is_lower or doc[
                start - 1].dep_ in ("amod", "compound") and doc[start - 1].is_title and doc[start - 1].head.i == token.i):
            start -= 1  # "the two armed groups", "both warring sides", "both Rohingya groups"
        if start > 0 and doc[start - 1].lower_ == "both":
            start -= 1
        elif start > 1 and doc[start - 1].lower_ == "two" and doc[start - 2].lower_ == "the":
            start -= 2
        else:
            continue
        yield Mention(start, token.i + 1, "anaphor", "generic", doc[start:token.i + 1].text, extra={"pair": kinds})


def _singular(word):
    return word[:-1] if word.endswith("s") else word


def _people_word(doc, word, finder):
    """Return True for a single capitalised word naming a people or faith ("Druze", "Bedouin",
    "Fulani"): no country's demonym, no known name, not part of a longer name, and capitalised
    in the middle of a sentence somewhere in the article (so not "Rebel" opening a sentence)."""
    lexicon = finder.gazetteer.lexicon
    if not _name_word(word) or word.i > 0 and _name_word(doc[word.i - 1]) and not doc[word.i - 1].is_sent_start \
            or word.lower_ in lexicon["demonyms"] or normalise_name(word.text) in geonames.country_codes() \
            or word.lower_ in finder.label_of:
        return False
    return not word.is_sent_start or any(t.text == word.text and not t.is_sent_start for t in doc)


def _names_a_place(finder, text):
    """Return True for a known place name or a nationality: "the Kachin group" describes a
    group by where it is from, it does not name one."""
    label = finder.label_of.get(text.lower().replace("\u2019", "'"))
    iris = finder.keys.get(label, ()) if label else ()
    return text.lower() in finder.gazetteer.lexicon["demonyms"] or (
        bool(iris) and all(_entry_kind(finder.gazetteer, iri) == "place" for iri in iris))


def find_described_orgs(doc, finder):
    """Yield proper names that the text itself calls a group in an apposition ("The UPDL, a
    smaller self-defence group", "Katiba Sourou, a local unit of JNIM")."""
    for token in tokens_where(doc, finder.appositive_org_nouns):
        if token.lower_ in finder.appositive_org_nouns and token.pos_ == "NOUN":
            # "a smaller armed group allied to the coalition, Baz Bwa Pen, torched ..."
            for name in (c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > token.i):
                start = min(t.i for t in name.subtree if t.i <= name.i and (t.pos_ == "PROPN" or t.text == "-"))
                span = doc[start:name.i + 1]
                # set off by a comma or right after the noun: "drug lord Joaquín" is no apposition
                set_off = start - 1 == token.i or doc[start - 1].text in (",", "(", "\u2014")
                if set_off and all(_name_word(t) or t.text == "-" for t in span) and span[0].ent_type_ != "PERSON":
                    yield Mention(start, name.i + 1, "actor", "pattern", span.text, extra={"head": token.lower_})
        if token.dep_ != "appos" or token.lower_ not in finder.appositive_org_nouns:
            continue
        head = token.head
        if head.dep_ == "pobj" and head.lower_ in finder.place_suffixes:
            continue  # "Further north in Katha District, a combined force of the KIA ... attacked": no name of the force
        if head.pos_ != "PROPN" or head.i > token.i or any(
                t.text in ("-", "\u2013", "\u2014", "(") and doc[t.i - 1].whitespace_ for t in doc[head.i + 1:token.i]):
            continue  # a dateline ("BUTEMBO, Congo, Oct 15 (Wire) - A militia") is no apposition
        start = head.i
        while start > 0 and (_name_word(doc[start - 1]) or doc[start - 1].text in ("'", "\u2019", "-")) and \
                doc[start - 1].head.i == head.i and not doc[start - 1].is_stop:
            start -= 1
        span = doc[start:head.i + 1]
        if span.text.lower() not in finder.not_orgs and span[0].ent_type_ != "PERSON":
            yield Mention(start, head.i + 1, "actor", "pattern", span.text, extra={"head": token.lower_})


def find_called_orgs(doc, finder):
    """Yield proper names a group noun is said to go by ("a group calling itself the Bui
    Warriors", "a militia known as Wagner", "an outfit called the Red Hand")."""
    last_words = {phrase.split()[-1] for phrase in NAMING_PHRASES}
    for previous in tokens_where(doc, last_words, start=1, end=-1):
        token = doc[previous.i + 1]
        if not _name_word(token) and not (token.lower_ == "the" and token.i + 1 < len(doc) and _name_word(doc[token.i + 1])):
            continue
        words = {previous.lower_, f"{doc[token.i - 2].lower_} {previous.lower_}"}
        if not words & NAMING_PHRASES:
            continue
        noun = next((t for t in doc[max(0, token.i - 6):token.i - 1] if t.lower_ in finder.appositive_org_nouns
                     or t.lower_ in finder.lowercase_heads), None)
        if noun is None:
            continue
        start = token.i + (1 if token.lower_ == "the" else 0)
        end = start
        while end < len(doc) and (_name_word(doc[end]) or doc[end].text == "-" and end + 1 < len(doc) and _name_word(doc[end + 1])):
            end += 1
        if end > start and doc[start].ent_type_ not in ("PERSON", "GPE", "DATE"):
            yield Mention(start, end, "actor", "pattern", doc[start:end].text, extra={"head": noun.lower_})


def find_spelled_out_names(doc, finder):
    """Yield names that a bracketed acronym spells out ("the Union of Patriots for the Defence of
    Lubero (UPDL)"): walking back from the bracket, the capitalised words' initials must equal
    the acronym, so an unknown group is found with its full name whatever its head word. A civil
    body so named ("the Regional Institute of Medical Sciences (RIMS)") is none."""
    civil, armed = finder.civil_words, finder.armed_words
    for token in tokens_where(doc, {"("}, ORTH, start=1, end=-2):
        if token.text != "(" or doc[token.i + 2].text != ")" or not is_acronym(doc[token.i + 1].text):
            continue
        acronym = re.sub(r"[^A-Z]", "", doc[token.i + 1].text)
        start, letters = token.i, ""
        while start > 0 and len(letters) < len(acronym):
            word = doc[start - 1]
            if word.text[:1].isupper() and word.is_alpha:
                letters = word.text[0] + letters
            elif word.lower_ not in _FUNCTION_WORDS | NAME_PARTICLES | {"on", "in"}:
                break
            start -= 1
        while start < token.i and not doc[start].text[:1].isupper():
            start += 1
        if letters != acronym:
            start = _sentence_case_start(doc, token.i, acronym)
        words = {t.lower_ for t in doc[start:token.i]} if start is not None else set()
        if start is not None and token.i - start >= 2 and not (words & civil and not words & armed):
            yield Mention(start, token.i, "actor", "pattern", doc[start:token.i].text, extra={"head": "acronym"})


def _sentence_case_start(doc, end, acronym, longest=14):
    """Return where a name in sentence case ends its walk back to the acronym's first letter, or
    None: "Alliance des patriotes pour un Congo libre et souverain (APCLS)". Every capitalised
    word and every lower-case word of five letters or more gives the next letter; shorter
    lower-case words ("des", "pour", "et") may give one or be passed over."""
    def walk(i, needed):
        if not needed:
            return i if doc[i].text[:1].isupper() else None
        if i == 0 or end - i >= longest:
            return None
        word = doc[i - 1]
        if not word.is_alpha:
            return None
        if word.text[0].upper() == needed[-1]:
            found = walk(i - 1, needed[:-1])
            if found is not None:
                return found
        return walk(i - 1, needed) if word.text[:1].islower() and len(word) < 5 else None
    return walk(end, acronym) if len(acronym) >= 3 else None


def find_operation_names(doc):
    """Yield named operations: "Operation 1027", "Operation Deterrence of Aggression"."""
    for token in tokens_where(doc, {"Operation"}, ORTH, end=-1):
        if token.text != "Operation":
            continue
        end = token.i + 1
        while end < len(doc) and (doc[end].is_digit or doc[end].is_title or doc[end].lower_ in ("of", "-")) \
                and not (doc[end].lower_ in ("of", "-") and (end + 1 >= len(doc) or not doc[end + 1].is_title)):
            end += 1
        if end > token.i + 1:
            yield Mention(token.i, end, "operation", "pattern", doc[token.i:end].text)


def _choose(mentions):
    """Keep non-overlapping mentions: longest first, then by source strength, then position."""
    ordered = sorted(mentions, key=lambda m: (-m.length, SOURCE_RANK[m.source], m.start))
    taken, chosen = set(), []
    for mention in ordered:
        tokens = set(range(mention.start, mention.end))
        if tokens & taken:
            continue
        taken |= tokens
        chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)


def _regional_branches(doc, mentions, gazetteer):
    """Yield "the Islamic State group's Sahel branch", "the Sahel branch of the Islamic State" as
    the known sub-organisation of that group whose name holds the region ("Islamic State Sahel
    Province"); with none known the words stay as they were."""
    nouns = set(gazetteer.lexicon["branch_nouns"])
    for mention in mentions:
        if mention.kind != "actor" or mention.source != "gazetteer" or not mention.candidates:
            continue
        region, span = None, None
        after = mention.end
        if after + 2 < len(doc) and doc[after].text in ("'s", "\u2019s"):
            end = after + 1
            while end < len(doc) and end - after <= 4 and _name_word(doc[end]) and doc[end].lower_ not in nouns:
                end += 1
            if end < len(doc) and end > after + 1 and doc[end].lower_ in nouns:
                region, span = doc[after + 1:end].text, (mention.start, end + 1)
        before = mention.start - 1
        if before > 0 and doc[before].lower_ == "the":
            before -= 1
        if span is None and before > 1 and doc[before].lower_ == "of" and doc[before - 1].lower_ in nouns:
            start = before - 1
            while start > 0 and before - 1 - start < 4 and _name_word(doc[start - 1]) and doc[start - 1].lower_ != "the":
                start -= 1
            if start < before - 1:
                region, span = doc[start:before - 1].text, (start, mention.end)
        if region is None:
            continue
        key = normalise_name(region)
        branches = sorted(e.iri for e in gazetteer.actors.values()
                          if any(owner in gazetteer.ancestors(e.iri) for owner in mention.candidates)
                          and any(key in normalise_name(label) for label in e.labels))
        if len(branches) == 1:
            yield Mention(span[0], span[1], "actor", "gazetteer", doc[span[0]:span[1]].text, candidates=tuple(branches))


def _compose_local_forces(doc, mentions, gazetteer):
    """Join "Myinmu" + "PDF" into one local force under the named network."""
    result, skip = [], set()
    for i, mention in enumerate(mentions):
        if i in skip:
            continue
        following = mentions[i + 1] if i + 1 < len(mentions) else None
        branch = _branch_end(doc, mention)
        if (mention.kind == "place" and following is not None and following.kind == "actor"
                and following.start == mention.end and following.source == "gazetteer"):
            result.append(Mention(mention.start, following.end, "actor", "local", doc[mention.start:following.end].text,
                                  extra={"parent_candidates": following.candidates}))
            skip.add(i + 1)
        elif branch:
            # "Chinland Defense Force-Tonzang": a known network's branch named after its place.
            result.append(Mention(mention.start, branch, "actor", "local", doc[mention.start:branch].text,
                                  extra={"parent_candidates": mention.candidates}))
            skip.update(j for j in range(i + 1, len(mentions)) if mentions[j].start < branch)
        else:
            result.append(mention)
    return result


def _branch_end(doc, mention):
    """Return where "<known group>-<Place>" ends, or None."""
    end = mention.end
    if mention.kind != "actor" or mention.source != "gazetteer" or end + 1 >= len(doc):
        return None
    if doc[end].text != "-" or doc[end - 1].whitespace_ or doc[end].whitespace_ or not _name_word(doc[end + 1]):
        return None
    end += 1
    while end < len(doc) and _name_word(doc[end]):
        end += 1
    return end


def find_acronym_definitions(doc, mentions):
    """Return {acronym: Mention} for "Long Name (ACR)" and "ACR (Long Name)" in the text."""
    definitions = {}
    by_start = {m.start: m for m in mentions}
    by_end = {m.end: m for m in mentions}
    for token in tokens_where(doc, {"("}, ORTH):
        if token.text != "(":
            continue
        close = next((t.i for t in doc[token.i + 1:token.i + 6] if t.text == ")"), None)
        if close is None or close == token.i + 1:
            continue
        inner = doc[token.i + 1:close].text
        before = by_end.get(token.i)
        if before is not None and is_acronym(inner) and (
                before.kind == "actor" or before.kind == "place" and initials(before.text) == inner):
            definitions.setdefault(inner, before)
            continue
        after = by_start.get(token.i + 1)
        if after is not None and after.end == close and token.i > 0 and is_acronym(doc[token.i - 1].text):
            definitions.setdefault(doc[token.i - 1].text, after)
    return definitions


def initials(text):
    """Return the initials of a name's capitalised words ("Karenni Nationalities Defense Force" -> "KNDF")."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’]*", text) if w[0].isupper())


def _acronym_uses(doc, mentions, definitions):
    # Undefined acronyms bind to a name in the same article whose initials they spell, so an
    # article that says "Karenni Nationalities Defense Force" once and "KNDF" after is one actor.
    covered = {i for m in mentions for i in range(m.start, m.end)}
    explicit = set(definitions)  # "Somali National Army (SNA)" outranks any gazetteer "SNA"
    for mention in mentions:
        if mention.kind == "actor" and mention.source in ("pattern", "gazetteer", "local") and mention.length > 1:
            definitions.setdefault(initials(mention.text), mention)
    uses = []
    firsts = {key.split("-")[0].split()[0] for key in definitions if key.strip()}
    for token in tokens_where(doc, firsts, ORTH):
        if token.text not in firsts:
            continue
        for size in (5, 4, 3, 2, 1):  # "SPLA-IO" is three tokens
            text = doc[token.i:token.i + size].text
            definition = definitions.get(text)
            if definition is not None and (token.i not in covered or text in definitions) and not (
                    definition.start <= token.i < definition.end):
                uses.append(Mention(token.i, token.i + size, definition.kind,
                                    "defined" if text in explicit else "acronym", text,
                                    extra={"defined_by": definition}))
                break
    return uses


@Language.factory("kg_mentions", default_config={"ontology": None})
def make_mentions(nlp, name, *, ontology):
    """Build the mention finder for a pipeline; the gazetteer loads once per process."""
    return Finder(nlp, load_gazetteer(ontology) if ontology else load_gazetteer())
