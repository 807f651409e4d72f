"""Find conflict events in a parsed, resolved Doc: type from trigger lemmas, participants with
roles from the dependency parse, the place the clause ties to the event, and claimants.

Exports: Trigger, EventFrame, TriggerIndex, find_events, claimant_of, and the spaCy component
"kg_events" (results on doc._.kg_events: EventFrame list in text order).
"""

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from .gazetteer import load_gazetteer

if not Doc.has_extension("kg_events"):
    Doc.set_extension("kg_events", default=None)

CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "conj", "relcl", "xcomp", "pcomp", "acl", "parataxis", "csubj"}
LIST_DEPS = {"conj", "appos", "compound", "amod", "nmod", "poss", "nummod", "det", "cc", "npadvmod", "quantmod"}
LIST_PREPOSITIONS = {"including", "of", "among", "like", "as", "from", "such"}
DEFINITE = {"the", "these", "those", "this", "that", "such"}
REFERENCE_PREPOSITIONS = {"between", "with", "to", "into", "toward", "towards", "from", "via", "beyond", "past", "like"}
DIRECTION_WORDS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "km",
                   "kilometres", "kilometers", "miles", "mile", "outskirts", "border"}


@dataclass
class Trigger:
    start: int
    end: int
    type_iri: str
    weak: bool


@dataclass
class EventFrame:
    """One event as read from one clause, before dates and identifiers are attached."""

    type_iri: str
    trigger: Trigger
    sentence: tuple  # (start_char, end_char)
    sentence_index: int
    roles: list = field(default_factory=list)  # (iri, role, mention text)
    places: list = field(default_factory=list)
    place_source: str | None = None
    claimant: tuple | None = None  # (iri or None, label)
    unverified: bool = False
    operation: str | None = None


class TriggerIndex:
    """Trigger lemmas (one to three words) mapped to event types, built once from the data."""

    def __init__(self, gazetteer):
        self.types = gazetteer.event_types
        self.strong, self.weak = {}, {}
        for event_type in self.types.values():
            for lemma in event_type.triggers:
                self.strong.setdefault(tuple(lemma.split()), event_type.iri)
            for lemma in event_type.weak_triggers:
                self.weak.setdefault(tuple(lemma.split()), event_type.iri)
        self.longest = max((len(k) for k in [*self.strong, *self.weak]), default=1)

    def find(self, sentence, covered):
        """Return the Triggers of a sentence span, longest phrase first, skipping named spans."""
        found, i = [], sentence.start
        while i < sentence.end:
            hit = None
            for size in range(self.longest, 0, -1):
                if i + size > sentence.end or any(j in covered or sentence.doc[j].ent_type_ in ("DATE", "TIME") for j in range(i, i + size)):
                    continue
                tokens = sentence.doc[i:i + size]
                for key in (tuple(t.lemma_.lower() for t in tokens), tuple(t.lower_ for t in tokens)):
                    if key in self.strong:
                        hit = Trigger(i, i + size, self.strong[key], False)
                    elif key in self.weak:
                        hit = Trigger(i, i + size, self.weak[key], True)
                    if hit:
                        break
                if hit:
                    break
            if hit:
                found.append(hit)
                i = hit.end
            else:
                i += 1
        return found


def clause_head(token):
    """Return the head of the clause a token belongs to."""
    while token.dep_ not in CLAUSE_DEPS and token.head is not token:
        token = token.head
    return token


def anchor(token):
    """Climb out of lists, appositions and modifiers ("X, Y and Z", "forces including X")."""
    while token.head is not token:
        if token.dep_ in LIST_DEPS:
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ in LIST_PREPOSITIONS:
            token = token.head
        elif token.dep_ == "prep" and token.lower_ in LIST_PREPOSITIONS and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            token = token.head
        else:
            break
    return token


def role_of(mention_root, trigger_root):
    """Return attacker, target or participant for a mention relative to a trigger."""
    a = anchor(mention_root)
    if a is trigger_root or a.head is trigger_root and a.dep_ in ("compound", "poss", "amod", "nmod"):
        return "attacker"
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in a.head.children) if a.head is not a else False
    if a.dep_ == "nsubj":
        return "target" if passive else "attacker"
    if a.dep_ == "nsubjpass":
        return "target"
    if a.dep_ == "dobj":
        return "target"
    if a.dep_ == "pobj":
        preposition = a.head.lower_
        if preposition == "by" or a.head.dep_ == "agent":
            return "attacker"
        if preposition in ("against", "on", "at", "upon", "targeting"):
            return "target"
    return "participant"


def claim_verbs(lexicon):
    return set(lexicon["claim_verbs"])


def claimant_of(sentence, mentions_by_token, lexicon):
    """Return (iri or None, label, token indexes) of who the sentence says is speaking."""
    verbs = claim_verbs(lexicon)
    doc = sentence.doc
    for token in sentence:
        if token.lower_ == "according" and token.i + 2 < sentence.end and doc[token.i + 1].lower_ == "to":
            target = next((t for t in doc[token.i + 1].children if t.dep_ == "pobj"), doc[token.i + 2])
            return _speaker(target, mentions_by_token)
        if token.lower_ == "citing":
            target = next((t for t in token.children if t.dep_ in ("dobj", "pobj")), None)
            if target is not None:
                return _speaker(target, mentions_by_token)
    for token in sentence:
        if token.pos_ == "VERB" and token.lemma_.lower() in verbs:
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and token.lemma_ != "report" or c.dep_ == "nsubj"), None)
            if subject is not None:
                return _speaker(subject, mentions_by_token)
    return None


def _speaker(token, mentions_by_token):
    subtree = list(token.subtree)
    for t in subtree:
        mention = mentions_by_token.get(t.i)
        if mention is not None and mention.iri and mention.kind in ("actor", "state", "anaphor"):
            return mention.iri, mention.span(token.doc).text, {i for s in subtree for i in [s.i]}
    start, end = subtree[0].i, subtree[-1].i + 1
    label = token.doc[start:end].text if end - start <= 8 else token.text
    return None, label, {t.i for t in subtree}


def _is_unverified(text, lexicon):
    lowered = text.lower()
    return any(phrase in lowered for phrase in lexicon["unverified_phrases"])


def find_events(doc, index, lexicon, gazetteer):
    """Return EventFrames for every trigger in the Doc, in text order."""
    mentions = [m for m in doc._.kg_mentions if m.iri]
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    covered = {i for m in doc._.kg_mentions for i in range(m.start, m.end)}
    sentences = list(doc.sents)
    events, previous = [], None
    force_nouns = set(lexicon["force_nouns"])
    for number, sentence in enumerate(sentences):
        triggers = index.find(sentence, covered)
        strong = [t for t in triggers if not t.weak]
        triggers = strong or triggers[:1]
        if not triggers:
            continue
        claim = claimant_of(sentence, by_token, lexicon)
        claimant_tokens = claim[2] if claim else set()
        following = sentences[number + 1].text if number + 1 < len(sentences) else ""
        unverified = _is_unverified(sentence.text, lexicon) or (
            _is_unverified(following, lexicon) and len(following) < 160)
        sentence_mentions = [m for m in mentions if sentence.start <= m.start < sentence.end]
        actors = [m for m in sentence_mentions if m.kind in ("actor", "state", "anaphor")
                  and not set(range(m.start, m.end)) <= claimant_tokens
                  and _acts(m, doc, force_nouns, index)]
        places = [m for m in sentence_mentions if m.kind == "place"]
        operations = [m.iri for m in sentence_mentions if m.kind == "operation"]
        seen_types = {}
        for trigger in triggers:
            root = doc[trigger.start:trigger.end].root
            if _not_happened(root, lexicon):
                continue
            head = clause_head(root)
            frame = seen_types.get((trigger.type_iri, head.i))
            if frame is None:
                frame = EventFrame(trigger.type_iri, trigger, (sentence.start_char, sentence.end_char), number,
                                   claimant=claim[:2] if claim else None, unverified=unverified,
                                   operation=operations[0] if operations else None)
                seen_types[(trigger.type_iri, head.i)] = frame
                events.append(frame)
            for mention in actors:
                role = role_of(_first_conjunct(doc[mention.start:mention.end].root), root)
                if not any(r[0] == mention.iri and r[1] == role for r in frame.roles):
                    frame.roles.append((mention.iri, role, mention.text))
            frame.places, frame.place_source = _places_for(frame, head, places, gazetteer, previous, sentence, root)
        located = [e for e in events if e.places]
        if located:
            previous = located[-1]
    return events


def _not_happened(trigger_root, lexicon):
    """Return True for negated or hypothetical events ("stayed out of the fighting",
    "vowed to retake", "fearing that fighting could spread")."""
    blockers = set(lexicon["non_event_lemmas"])
    token = trigger_root
    for _ in range(4):
        if any(c.dep_ == "neg" or c.lower_ in ("could", "would", "might", "may") and c.dep_ == "aux" for c in token.children):
            return True
        if token.lemma_.lower() in blockers and token is not trigger_root:
            return True
        if token.head is token:
            break
        token = token.head
    return False


def _first_conjunct(token):
    """Return the first item of a coordination, so every member of a list shares its role."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token


def _acts(mention, doc, force_nouns, index):
    """Return False for a generic state word used as a plain adjective ("a military operation")."""
    if mention.kind != "state" or mention.length > 1:
        return True
    token = doc[mention.start]
    if token.dep_ in ("amod", "compound") and token.head.lower_ not in force_nouns:
        head = doc[token.head.i:token.head.i + 1]
        return bool(index.find(head, set()))
    return True


def _event_place(mention, doc, gazetteer, countries):
    """Return False for places named as reference points rather than where something happened
    ("between Mandalay and Lashio", "the border with Bangladesh", "30 km north of X", a
    dateline), and for foreign countries."""
    if mention.extra.get("dateline"):
        return False
    token = doc[mention.start:mention.end].root
    token = _first_conjunct(token)
    if token.dep_ == "pobj":
        preposition = token.head
        if preposition.lower_ in REFERENCE_PREPOSITIONS:
            return False
        if preposition.lower_ == "of" and preposition.head.lower_ in DIRECTION_WORDS:
            return False
    if token.dep_ == "poss":
        return False
    entry = gazetteer.entry(mention.iri)
    is_country = (entry.cls if entry else mention.extra.get("cls")) == "Country"
    return not is_country or (countries and mention.extra.get("country") == countries[0])


def _places_for(frame, head, places, gazetteer, previous, sentence, trigger_root):
    doc = sentence.doc
    places = [m for m in places if _event_place(m, doc, gazetteer, doc._.kg_countries or [])]
    in_clause = [m for m in places if clause_head(sentence.doc[m.start:m.end].root) is head]
    chosen, source = (in_clause, "clause") if in_clause else (places, "sentence")
    iris = list(dict.fromkeys(m.iri for m in chosen))
    if not iris and previous is not None and _continues(trigger_root, previous, frame):
        return list(previous.places), "previous"
    contained = set()
    for iri in iris:
        contained.update(gazetteer.ancestors(iri))
    specific = [iri for iri in iris if iri not in contained]
    return specific, source if specific else None


def _continues(trigger_root, previous, frame):
    # A clause with no place of its own continues the last event when it refers back to it
    # ("the clashes", "the fighting") or stays in the same paragraph.
    definite = any(c.lower_ in DEFINITE or c.dep_ == "poss" for c in trigger_root.children)
    return definite or frame.trigger.weak


class EventFinder:
    def __init__(self, gazetteer):
        self.gazetteer = gazetteer
        self.index = TriggerIndex(gazetteer)

    def __call__(self, doc):
        doc._.kg_events = find_events(doc, self.index, self.gazetteer.lexicon, self.gazetteer)
        return doc


@Language.factory("kg_events", default_config={"ontology": None})
def make_events(nlp, name, *, ontology):
    """Build the event finder for a pipeline; runs after kg_resolver."""
    return EventFinder(load_gazetteer(ontology) if ontology else load_gazetteer())
