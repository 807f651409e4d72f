"""Find conflict events in a parsed, resolved Doc: type from trigger lemmas, participants with
roles from the dependency parse, the place the clause ties to the event, and claimants.

Exports: Trigger, EventFrame, TriggerIndex, RoleWords, find_events, claimant_of, and the spaCy component
"kg_events" (results on doc._.kg_events: EventFrame list in text order).
"""

import bisect
import dataclasses
from dataclasses import dataclass, field

from spacy.attrs import ENT_TYPE, LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc

from .gazetteer import load_gazetteer
from .mentions import is_modifier
from .resolve import ARMED_NON_STATE, known_entity
from .tokens import POS, column, doc_text, span_root, span_text, tokens_where

if not Doc.has_extension("kg_events"):
    Doc.set_extension("kg_events", default=None)

CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "conj", "relcl", "xcomp", "pcomp", "acl", "parataxis", "csubj"}
LIST_DEPS = {"conj", "appos", "compound", "amod", "nmod", "poss", "nummod", "det", "cc", "npadvmod", "quantmod"}
LIST_PREPOSITIONS = {"including", "of", "among", "like", "as", "from", "such"}
DEFINITE = {"the", "these", "those", "this", "that", "such"}
AREA_CLASSES = {"District", "StateRegion", "Township"}
AREA_WORDS = {"division", "district", "province", "region", "county", "state", "township", "governorate", "oblast",
              "department", "prefecture", "municipality"}
REFERENCE_PREPOSITIONS = {"between", "with", "to", "into", "toward", "towards", "from", "via", "beyond", "past", "like"}
UNIT_CLASSES = {"Unit"}
FIGHTING_TYPES = {"armed-clash", "non-state-actor-overtakes-territory"}  # ground fighting a group reports of itself
NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj"}
# The word forms of "blame" and "accuse", to find the few tokens worth reading a lemma from.
BLAMING_FORMS = {f"{stem}{ending}" for stem in ("blam", "accus") for ending in ("e", "es", "ed", "ing")}
RESPONSIBILITY_VERBS = {"claim", "blame", "attribute"}
OWN_FACTION_NOUNS = {"factions"}
PLACE_SUBJECT_VERBS = {"see", "witness", "experience", "remain", "fall", "come", "become", "suffer", "endure"}
RELATIVE_PRONOUNS = {"which", "who", "that"}
PARTICIPLE_ENDINGS = ("ed", "en", "un", "wn")
ATTACK_FAMILIES = {"battles", "explosions-remote-violence", "violence-against-civilians"}  # event types under these
DATING_MARKS = {"after", "before", "since", "until"}
FIRST_PERSON = {"we", "our", "us"}
DIRECTION_WORDS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "km",
                   "kilometres", "kilometers", "miles", "mile", "border"}


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
    # the earlier event whose places or roles this one took, having none of its own in its clause
    places_from: "EventFrame | None" = None
    roles_from: "EventFrame | None" = None


@dataclass(frozen=True)
class RoleWords:
    """The lexicon's word lists the role finder reads, as sets (see lexicon.json "role_words")."""

    side_words: frozenset
    capture_verbs: frozenset
    spread_verbs: frozenset
    splinter_nouns: frozenset
    list_fillers: frozenset
    mediating_verbs: frozenset
    yield_verbs: frozenset
    casualty_verbs: frozenset
    offensive_nouns: frozenset
    event_pronoun_verbs: frozenset
    reciprocal_verbs: frozenset
    membership_nouns: frozenset
    companion_prepositions: frozenset
    deploy_verbs: frozenset

    @classmethod
    def from_lexicon(cls, lexicon):
        words = lexicon["role_words"]
        return cls(*(frozenset(words[f.name]) for f in dataclasses.fields(cls)))


class TriggerIndex:
    """Trigger lemmas (one to three words) mapped to event types, built once from the data."""

    def __init__(self, gazetteer):
        self.types = gazetteer.event_types
        self.words = RoleWords.from_lexicon(gazetteer.lexicon)
        self.strong, self.weak = {}, {}
        for event_type in self.types.values():
            for lemma in event_type.triggers:
                self.strong.setdefault(tuple(lemma.split()), event_type.iri)
            for lemma in event_type.weak_triggers:
                self.weak.setdefault(tuple(lemma.split()), event_type.iri)
        self.longest = max((len(k) for k in [*self.strong, *self.weak]), default=1)
        self.first_words = {k[0] for k in [*self.strong, *self.weak]}
        self.longest_from = {}  # first word -> its longest phrase: no longer window can match
        for key in [*self.strong, *self.weak]:
            self.longest_from[key[0]] = max(self.longest_from.get(key[0], 0), len(key))
        seizing = gazetteer.lexicon["place_object_triggers"]
        self.seizure_type = next(iri for iri in self.types if iri.rsplit("/", 1)[-1] == seizing["type"])
        self.seizing_verbs = {part: frozenset(seizing[part]) for part in ("object", "out_of", "subject")}
        self.positions = frozenset(seizing["positions"])
        self.aircraft = frozenset(gazetteer.lexicon["state_aircraft_triggers"])
        self.fighting_types = {iri for iri in self.types if iri.rsplit("/", 1)[-1] in FIGHTING_TYPES}
        self.aircraft_subjects = frozenset(gazetteer.lexicon["state_aircraft_subjects"])
        attacking = gazetteer.lexicon["attack_verbs"]
        self.attack_types = {kind: next(iri for iri in self.types if iri.rsplit("/", 1)[-1] == attacking[kind])
                             for kind in ("type", "air_type")}
        self.attack_verbs, self.attack_targets, self.attackers_by_air = (
            frozenset(attacking[part]) for part in ("verbs", "targets", "aircraft"))
        self.home_nouns = frozenset(gazetteer.lexicon["home_nouns"])
        guarded = gazetteer.lexicon["guarded_verb_triggers"]
        self.verb_guarded, self.not_attacked = frozenset(guarded["verbs"]), frozenset(guarded["objects"])
        self.place_verbs = frozenset(gazetteer.lexicon["place_object_verbs"]) | self.words.capture_verbs | \
            frozenset(k[0] for k in self.strong) | frozenset().union(*self.seizing_verbs.values())

    def _match(self, lemmas, lowers, positions, offset):
        for key in (tuple(lemmas[p] for p in positions), tuple(lowers[p] for p in positions)):
            for table, weak in ((self.strong, False), (self.weak, True)):
                if key in table:
                    return Trigger(offset + positions[0], offset + positions[-1] + 1, table[key], weak)
        return None

    def _attacking(self, token):
        """Return False for a guarded trigger verb that attacks nothing ("struck a deal") or whose
        subject is itself a trigger ("a roadside bomb struck a patrol": the bomb is the event)."""
        if token.pos_ != "VERB":
            return True
        return not any(c.dep_ == "dobj" and c.lemma_.lower() in self.not_attacked
                       or c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in self.first_words for c in token.children)

    def find(self, sentence, covered):
        """Return the Triggers of a sentence span, longest phrase first, skipping named spans."""
        # Token attributes are read once per sentence: slicing the Doc per candidate phrase
        # cost more than the rest of the event finder.
        strings, offset = sentence.doc.vocab.strings, sentence.start
        doc = sentence.doc
        rows = list(zip(*(column(doc, attr)[sentence.start:sentence.end] for attr in (LEMMA, LOWER, ENT_TYPE))))
        lemmas = [strings[lemma].lower() for lemma, _, _ in rows]
        lowers = [strings[lower] for _, lower, _ in rows]
        blocked = [offset + k in covered or strings[ent] in ("DATE", "TIME") for k, (_, _, ent) in enumerate(rows)]
        found, i, tokens = [], 0, rows
        while i < len(tokens):
            hit = None
            if lemmas[i] not in self.first_words and lowers[i] not in self.first_words:
                i += 1
                continue
            longest = max(self.longest_from.get(lemmas[i], 0), self.longest_from.get(lowers[i], 0))
            for size in range(longest, 0, -1):
                if i + size > len(tokens) or any(blocked[i:i + size]):
                    continue
                hit = self._match(lemmas, lowers, range(i, i + size), offset)
                if hit is None and size > 1 and i + size < len(tokens) and sentence.doc[offset + i + 1].pos_ in ("ADJ", "ADV", "PRON"):
                    # "took full control", "launched a fierce attack", "pushed deeper into", "drove
                    # them out": one adjective, adverb or pronoun inside a phrase.
                    hit = self._match(lemmas, lowers, [i, *range(i + 2, i + size + 1)], offset)
                if hit and size == 1 and lemmas[i] in self.verb_guarded and not self._attacking(sentence.doc[offset + i]):
                    hit = None
                if hit:
                    break
            if hit:
                found.append(hit)
                i = hit.end - offset
            else:
                i += 1
        return found


    def seizures(self, sentence, place_tokens, taken):
        """Return Triggers for verbs that report a seizure only through the place they act on:
        "it took Pauktaw", "entered Hama", "drove regime troops out of Paletwa", "the town fell"."""
        found = []
        for token in tokens_where(sentence, ("VERB",), POS):
            if token.i in taken:
                continue
            lemma = token.lemma_.lower()
            if lemma in self.seizing_verbs["object"]:
                objects = [c for c in token.children if c.dep_ == "dobj"]
            elif lemma in self.seizing_verbs["out_of"]:
                objects = [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("out", "from")
                           for g in c.subtree if g.dep_ == "pobj"]
            elif lemma in self.seizing_verbs["subject"]:
                objects = [c for c in token.children if c.dep_ == "nsubj"]
            else:
                continue
            if any(self._is_position(o, place_tokens) for o in objects):
                found.append(Trigger(token.i, token.i + 1, self.seizure_type, False))
        return found

    def attacks(self, sentence, target_tokens, actor_tokens, taken):
        """Return Triggers for verbs that report an attack only through what they hit: "its jets
        struck ISWAP hideouts", "had targeted a police post", "aircraft hit the convoy"."""
        found = []
        for token in tokens_where(sentence, ("VERB",), POS):
            if token.i in taken or token.lemma_.lower() not in self.attack_verbs:
                continue
            subjects = [t for c in token.children if c.dep_ in ("nsubj", "agent") for t in c.subtree]
            if any(t.i in taken for t in subjects) or not any(
                    t.i in actor_tokens or t.pos_ == "PRON" or t.lemma_.lower() in self.attack_targets
                    or t.lemma_.lower() in self.attackers_by_air for t in subjects):
                continue  # "a roadside bomb struck a vehicle" is the bomb's event; "inflation hit Yangon" none
            objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
            # "fired on a convoy", "struck at rebel positions": the target through a preposition
            objects += [g for c in token.children if c.dep_ == "prep"
                        and c.lower_ in ("on", "at", "upon", "into", "toward", "towards")
                        for g in c.children if g.dep_ == "pobj"]
            if any(o.i in target_tokens or o.lemma_.lower() in self.attack_targets or any(
                    c.i in target_tokens for c in _modifiers(o)) for o in objects):
                by_air = any(t.lemma_.lower() in self.attackers_by_air for s in subjects for t in s.subtree)
                found.append(Trigger(token.i, token.i + 1, self.attack_types["air_type" if by_air else "type"], False))
        return found

    def _is_position(self, token, place_tokens):
        listed = [g for c in token.children if c.lower_ in ("including", "like") for g in c.subtree]
        return token.i in place_tokens or any(c.i in place_tokens for c in (*token.conjuncts, *listed)) or (
            token.lemma_.lower() in self.positions and any(c.dep_ in ("det", "poss") for c in token.children))


def clause_head(token):
    """Return the head of the clause a token belongs to."""
    while token.dep_ not in CLAUSE_DEPS and token.head.i != token.i:
        token = token.head
    return token


def anchor(token):
    """Climb out of lists, appositions and modifiers ("X, Y and Z", "forces including X")."""
    while token.head.i != token.i:
        if token.dep_ in LIST_DEPS:
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ in LIST_PREPOSITIONS:
            token = token.head
        elif token.dep_ == "prep" and token.lower_ in LIST_PREPOSITIONS and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            token = token.head
        else:
            break
    return token


BOUNDARY_DEPS = {"relcl", "advcl", "ccomp", "xcomp", "csubj", "parataxis", "pcomp"}
INHERITING_DEPS = {"advcl", "conj", "xcomp"}
ATTACKER_PREPOSITIONS = {"by"}
TARGET_PREPOSITIONS = {"against", "on", "upon", "targeting", "at", "into", "toward", "towards"}
PARTICIPANT_PREPOSITIONS = {"with", "between", "among", "alongside", "involving", "amid"}


def predicate_of(trigger_root, lexicon):
    """Return the verb that carries a trigger's participants: the trigger itself when it is a
    verb; for a noun ("launched an attack", "fighting broke out between", "killed in clashes")
    the verb governing it, unless that verb only comments on the event ("condemned the air
    strike", "said"), where only the noun's own modifiers take part."""
    if trigger_root.pos_ in ("VERB", "AUX"):
        return trigger_root
    commenting = set(lexicon["non_participant_verbs"]) | set(lexicon["claim_verbs"])
    token = trigger_root
    for _ in range(6):
        if token.head.i == token.i or token.dep_ in BOUNDARY_DEPS | {"relcl", "acl"}:
            return None
        if token.dep_ == "appos":
            if not any(c.dep_ == "det" for c in token.children):
                return None
            # "killed 21 civilians, including 13 children, in Ngarbuh village, an attack the
            # government denied" renames the clause's event, however deep the noun it hangs on.
            token = clause_head(token.head)
        else:
            token = token.head
        if token.pos_ == "ADJ" and token.dep_ == "acomp" and token.lemma_.lower() not in ("responsible", "involved"):
            return None  # "said it was aware of the attack": no part in it
        if token.pos_ in ("VERB", "AUX"):
            if token.lemma_.lower() in RESPONSIBILITY_VERBS:
                return token  # "claimed the ambush", "is blamed for an attack": who did it
            return None if token.lemma_.lower() in commenting else token
    return None


def subject_chain(predicate):
    """Return the verbs whose subject is the predicate's: itself, then the verbs it continues
    when it has no subject of its own ("stormed villages, torching homes")."""
    chain = [predicate]
    # "and days later seized X": a date the parser took for a subject is none.
    while not any(c.dep_ in ("nsubj", "nsubjpass") and c.ent_type_ not in ("DATE", "TIME") for c in chain[-1].children) and \
            chain[-1].head.i != chain[-1].i and len(chain) < 4:
        verb = chain[-1]
        if verb.dep_ in INHERITING_DEPS:
            chain.append(verb.head)
        elif verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ == "by" and verb.head.head.pos_ == "VERB":
            chain.append(verb.head.head)  # "The regime responded by shelling Taungzun": whose means it was
        else:
            break
    return chain


def role_of(mention_root, trigger_root, predicate, words):
    """Return attacker, target or participant for a mention linked to a trigger by the parse,
    or None when the parse does not tie it to the event."""
    predicate_ids = {t.i for t in subject_chain(predicate)} if predicate is not None else set()
    current, previous = _first_conjunct(mention_root), None
    if predicate is not None and predicate.dep_ == "acl" and predicate.head.i == current.i and _misread_main_verb(predicate):
        return "attacker"  # "the Gran Grif gang, which is allied with X, killed 115 people": the parse made "killed" a modifier
    relative = _relative_subject(predicate)
    if relative is not None and current.i in _relative_owners(relative.head.head):
        return _verb_role(relative, predicate, words)  # "the Arakan Army, which captured Paletwa"
    if current.dep_ == "poss" and current.head.lemma_.lower() in words.offensive_nouns:
        return "attacker"  # "launched their own offensive": whose offensive it is
    while current.head.i != current.i:
        head = current.head
        if current.dep_ == "relcl" and head.i == trigger_root.i and current.lemma_.lower() in RESPONSIBILITY_VERBS \
                and previous is not None and previous.dep_ == "prep" and previous.lower_ in ("on", "to"):
            return "attacker"  # "a bomb that police blamed on suspected BIFF members"
        if current.dep_ == "advcl" and predicate is not None and head.i == predicate.i and previous is not None \
                and previous.dep_ == "dobj" and current.lemma_.lower() in words.casualty_verbs:
            return "target"  # "attacked security posts in Moreh, killing two Manipur Police commandos"
        if current.dep_ == "nsubjpass" and head.lemma_.lower() in words.casualty_verbs and (
                predicate is not None and predicate.dep_ == "advcl" and _first_conjunct(predicate.head).i == head.i
                or head.dep_ == "relcl" and head.head.i == trigger_root.i):
            # "two FC personnel were martyred when militants attacked a post", "the clash in
            # which 44 commandos of the SAF were killed": whose men fell was attacked.
            return "target"
        if current.dep_ == "prep" and current.lower_ == "from" and head.dep_ == "pobj" and head.head.lower_ == "under":
            return "attacker"  # "came under fire from KNDF fighters", the source attached to "fire"
        if current.dep_ == "prep" and current.lower_ == "including" and head.i == trigger_root.i and head.pos_ == "NOUN":
            # "units took part in the assault, including CDF-Falam and CDF-Hualngoram": those
            # listed with the event take the part of the clause's subject.
            subject = next((c for c in predicate.children if c.dep_ == "nsubj"), None) if predicate is not None else None
            return _verb_role(subject, predicate, words) if subject is not None else "participant"
        if current.dep_ == "prep" and predicate is not None and (
                head.dep_ == "dobj" and head.head.i == predicate.i or head.dep_ == "pobj" and head.head.head.i == predicate.i) \
                and _preposition_phrase(current) in words.companion_prepositions:
            return _verb_role(current, predicate, words)  # "attacked a base alongside X": with the subject
        if current.dep_ == "prep" and head.dep_ == "npadvmod" and head.head.i in predicate_ids \
                and current.lower_ in PARTICIPANT_PREPOSITIONS:
            return "participant"  # "fighting broke out again, this time between X and Y"
        if head.i == trigger_root.i and head.i not in predicate_ids:
            if current.dep_ == "acl" and previous is not None and previous.dep_ == "agent" \
                    and current.lemma_.lower() in words.deploy_verbs:
                return "attacker"  # "a drone launched by the Houthis", "an IED planted by militants"
            if current.dep_ == "prep" and current.lower_ in ("on", "to") and head.dep_ == "dobj" \
                    and head.head.lemma_.lower() in ("blame", "attribute"):
                return "attacker"  # "blamed both attacks on the BRN", the parse tying "on" to the attacks
            return _noun_role(current, words)
        if head.i in predicate_ids:
            argument = _argument_before_misparsed_conjunct(current) if head.i == predicate.i else None
            if argument is not None:
                # "was repelled by fighters of the Giants Brigades, and forces loyal to the STC":
                # the parser made the noun a conjunct of the verb; it is another of its agents.
                return _verb_role(argument, head, words)
            if head.i == predicate.i:
                return _verb_role(current, head, words)
            # An inherited subject takes the voice of the event's own verb ("troops were
            # reported to have fired", "stormed villages, torching homes").
            return _verb_role(current, predicate, words) if current.dep_ in ("nsubj", "nsubjpass") else None
        if current.dep_ == "prep" and head.dep_ == "appos" \
                and head.lemma_.lower() in words.membership_nouns:
            return None  # "The AA, a member of the Three Brotherhood Alliance with the TNLA, launched"
        if current.dep_ == "poss" and head.pos_ == "NOUN" and head.lemma_.lower() not in ("member", "part") and (
                head.dep_ == "appos" or head.lemma_.lower() in words.membership_nouns):
            return None  # "fighting with the CSP-DPA, the FLA's predecessor": the FLA only describes it (its members are its own)
        if current.dep_ == "relcl" and previous is not None and previous.dep_ == "agent" \
                and current.lemma_.lower() in ("hold", "control", "occupy") and _taken(head, trigger_root, words):
            return "target"  # "seized Manbij, which had been held by the Manbij Military Council": whose it was
        if current.dep_ in BOUNDARY_DEPS or current.dep_ == "acl" and current.lemma_.lower() in words.mediating_verbs:
            return None  # "a ceasefire brokered by China paused the fighting": China is no party to it
        if current.dep_ == "prep" and current.lower_ in ("to", "against") and head.lemma_.lower() in words.side_words \
                and head.i not in predicate_ids:
            return False  # "a group allied to the coalition", "a militia opposed to X": explicitly not in it
        if current.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in ("accuse", "blame") and predicate is not None \
                and _within(predicate, head) and predicate.i != head.i:
            return "attacker"  # "accused the army of killing 11 people", "its fighters were accused of killing" (as claimed)
        if current.dep_ == "nsubj" and head.lemma_ == "be" and predicate is not None and any(
                c.dep_ == "attr" and c.pos_ != "PROPN" or c.dep_ == "prep" and c.lower_ in ("among", "of") and _within(predicate, c)
                for c in head.children if _within(predicate, c)):
            return "participant"  # "the KIA was among the forces taking part", "X was one of the groups that attacked"
        current, previous = head, current
    return None


def _argument_before_misparsed_conjunct(noun):
    """Return the verb's agent the parser cut a noun off from, making the noun a conjunct of the
    verb itself ("was repelled by fighters of X, and forces loyal to Y"), or None."""
    verb = noun.head
    if noun.dep_ != "conj" or noun.pos_ not in ("NOUN", "PROPN") or verb.pos_ != "VERB" \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in noun.children):
        return None
    before = [c for c in verb.children if c.i < noun.i and c.dep_ == "agent"]
    return before[-1] if before else None


def _mention_role(span, trigger_root, predicate, words):
    """Return the role of a mention from its root, else from any other word of it that the
    parse attached outside it: a long name in sentence case ("positions held by the Alliance des
    patriotes pour un Congo libre et souverain") is often parsed as several phrases."""
    role = role_of(span.root, trigger_root, predicate, words)
    for token in span if role is None and len(span) > 2 else ():
        if token.i != span.root.i and not span.start <= token.head.i < span.end and token.dep_ in NOMINAL_DEPS:
            role = role_of(token, trigger_root, predicate, words)
            if role is not None:
                break
    return role


def _misread_main_verb(verb):
    """Return True for a verb the parser attached to its subject as a modifier though it is the
    sentence's main verb: after a relative clause and a comma, with an object of its own."""
    noun = verb.head
    return verb.i > 0 and verb.doc[verb.i - 1].text == "," and any(c.dep_ == "dobj" for c in verb.children) \
        and any(c.dep_ == "relcl" and c.i < verb.i for c in noun.children)


def _taken(noun, trigger_root, words):
    """Return True when `noun` is what a capture verb took ("seizing ... the city of Manbij"):
    its object, or the place after "of" in its object."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        noun = noun.head.head
    while noun.dep_ in ("conj", "appos"):
        noun = noun.head
    return noun.dep_ == "dobj" and noun.head.i == trigger_root.i and trigger_root.lemma_.lower() in words.capture_verbs


def _relative_owners(noun):
    """Return the token ids a relative clause on `noun` is about: the noun, its appositions and
    compounds, and through "of" the group the noun is a part of ("the Khorasan chapter of the
    Islamic State group (IS-K), which claimed the bombing")."""
    nouns = [noun, *(p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj")]
    return {t.i for n in nouns for t in (n, *(c for c in n.children if c.dep_ in ("appos", "compound")))}


def _relative_subject(predicate):
    """Return the relative pronoun that is the subject of a predicate's clause ("X, which
    captured Y", "X, who had attacked"), or None; the pronoun's head noun is the subject."""
    for verb in subject_chain(predicate) if predicate is not None else ():
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject if verb.dep_ == "relcl" and subject.lower_ in RELATIVE_PRONOUNS else None
    return None


def _noun_role(child, words):
    if child.dep_ in ("compound", "poss", "amod", "nmod"):
        return "attacker"
    if child.dep_ == "prep" and child.lower_ == "of" and child.head.lemma_.lower() in words.offensive_nouns:
        return "attacker"  # "the offensive of the M23 rebels"
    return _preposition_role(child)


def _verb_role(child, verb, words):
    lemma = verb.lemma_.lower()
    if lemma in words.yield_verbs and child.dep_ == "nsubj":
        return "target"  # "dozens of soldiers had surrendered": the side that lost
    if lemma == "claim":
        return "attacker" if child.dep_ in ("nsubj", "agent") else None  # "the group claimed the attack", "was claimed by"
    if lemma in RESPONSIBILITY_VERBS:  # "X is blamed for the attack", "police blamed the bomb on X"
        return "attacker" if child.dep_ in ("nsubjpass", "dobj") or child.dep_ == "prep" and child.lower_ in ("on", "to") else None
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.lemma_.lower() in ("come", "be") and any(c.lower_ == "under" for c in verb.children)) or (  # "came under fire"
        verb.lemma_ == "be" and any(c.dep_ in ("attr", "acomp") and c.lower_.endswith(PARTICIPLE_ENDINGS) for c in verb.children))
    # the last: "the police station was overrun", with "overrun" tagged a noun
    if child.dep_ in ("nsubj", "nsubjpass") and child.head.i != verb.i:
        return "target" if passive else "attacker"
    if child.dep_ == "nsubj" and not passive and _fight_each_other(child, verb, words):
        return "participant"
    if child.dep_ == "nsubj":
        return "target" if passive else "attacker"
    if child.dep_ == "prep" and _preposition_phrase(child) in words.companion_prepositions:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return _verb_role(subject, verb, words)
        # "accused X of fighting alongside regime troops" (no subject): somewhere in it; "Following
        # the ambush, police along with the CRPF patrolled": a verb used as a preposition has no part
        return None if verb.dep_ == "prep" else "participant"
    if child.dep_ in ("nsubjpass", "dobj"):
        return "target"
    if child.dep_ == "agent":
        return "attacker"
    if child.dep_ == "prep" and child.lower_ == "from" and any(
            c.dep_ == "agent" and max(t.i for t in c.subtree) == child.i - 1 for c in verb.children):
        return "attacker"  # "ambushed by KIA troops and fighters from the ABSDF" (attached to the verb)
    if child.dep_ == "prep" and child.lower_ == "from" and passive and verb.lemma_.lower() == "come":
        return "attacker"  # "came under fire from ELN fighters"
    if child.dep_ == "prep" and child.lower_ == "from" and verb.lemma_.lower() in words.capture_verbs:
        return "target"  # "captured Tal Rifaat from the SDF"
    return _preposition_role(child)


def _preposition_phrase(preposition):
    """Return a preposition with the words that make one with it: "together with", "along with",
    "in coordination with"."""
    doc = preposition.doc
    before = [c for c in preposition.children if c.i < preposition.i and c.dep_ == "advmod"]
    after = next((t for t in doc[preposition.i + 1:preposition.i + 3]
                  if t.lower_ == "with" and t.head.i in (preposition.i, preposition.i + 1)), None)
    words = [*before, preposition, *(doc[preposition.i + 1:after.i + 1] if after is not None else ())]
    return " ".join(t.lower_ for t in words)


def _fight_each_other(subject, verb, words):
    """Return True for a listed subject of a reciprocal verb with no side outside it: "ISWAP and
    JAS clashed near Kukawa", "militants and rangers exchanged fire"."""
    return verb.lemma_.lower() in words.reciprocal_verbs and any(c.dep_ == "conj" for c in subject.children) and \
        not any(c.dep_ == "prep" and c.lower_ in ("with", "against", "alongside") or
                c.dep_ == "dobj" and verb.lemma_.lower() not in ("exchange", "trade") for c in verb.children)


def _preposition_role(child):
    if child.dep_ not in ("prep", "agent"):
        return None
    word = child.lower_
    if word in ATTACKER_PREPOSITIONS:
        # "wounded more than 70, by the count of the Aid Initiative": a source, not an attacker
        counting = any(c.dep_ == "pobj" and c.lemma_.lower() in ("count", "tally", "figure", "estimate", "account")
                       for c in child.children)
        return None if counting else "attacker"
    if word in TARGET_PREPOSITIONS:
        return "target"
    if word in PARTICIPANT_PREPOSITIONS:
        return "participant"
    return None


def claim_verbs(lexicon):
    return set(lexicon["claim_verbs"])


def claimant_of(sentence, mentions_by_token, lexicon):
    """Return (iri or None, label, token indexes) of who the sentence says is speaking."""
    verbs = claim_verbs(lexicon)
    doc = sentence.doc
    for token in tokens_where(sentence, ("according", "citing")):
        if token.lower_ == "according" and token.i + 2 < sentence.end and doc[token.i + 1].lower_ == "to":
            target = next((t for t in doc[token.i + 1].children if t.dep_ == "pobj"), doc[token.i + 2])
            return _speaker(target, mentions_by_token)
        if token.lower_ == "citing":
            target = next((t for t in token.children if t.dep_ in ("dobj", "pobj")), None)
            if target is not None:
                return _speaker(target, mentions_by_token)
    for token in tokens_where(sentence, ("VERB",), POS):
        if token.pos_ == "VERB" and token.lemma_.lower() in verbs:
            # "was reported", "were accused of killing": a passive subject is what is told, not who tells it
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and token.lemma_ not in (
                "report", "accuse") or c.dep_ == "nsubj"), None)
            if subject is not None:
                return _speaker(subject, mentions_by_token)
    return None


def _speaker(token, mentions_by_token):
    subtree = list(token.subtree)
    for t in subtree:
        mention = mentions_by_token.get(t.i)
        if mention is not None and mention.iri and mention.kind in ("actor", "state", "anaphor") \
                and not is_modifier(mention, token.doc):
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
    events, previous, last_actor = [], None, None
    force_nouns = set(lexicon["force_nouns"])
    place_tokens = {i for m in mentions if m.kind == "place" for i in range(m.start, m.end)}
    starts = [sentence.start for sentence in sentences]
    places_by_sentence = {}
    for m in mentions:
        if m.kind == "place" and not m.extra.get("dateline"):
            places_by_sentence.setdefault(starts[bisect.bisect_right(starts, m.start) - 1], []).append(m.iri)
    actor_tokens = {i for m in doc._.kg_mentions if m.kind in ("actor", "state", "anaphor", "resistance")
                    for i in range(m.start, m.end)}
    target_tokens = place_tokens | actor_tokens
    entities = doc._.kg_entities or {}
    for number, sentence in enumerate(sentences):
        triggers = index.find(sentence, covered)
        taken = {i for t in triggers for i in range(t.start, t.end)}
        triggers += index.seizures(sentence, place_tokens, taken)
        taken = {i for t in triggers for i in range(t.start, t.end)}
        triggers = sorted(triggers + index.attacks(sentence, target_tokens, actor_tokens, taken), key=lambda t: t.start)
        strong = [t for t in triggers if not t.weak]
        # A weak trigger ("killed", "died") counts in a clause with no strong one: "IS fighters
        # killed dozens of soldiers at Inates, and in March JNIM ambushed a convoy near Tera".
        strong_clauses = {clause_head(span_root(doc, t.start, t.end)).i for t in strong}
        weak = [t for t in triggers if t.weak and _own_clause_event(span_root(doc, t.start, t.end), strong_clauses, place_tokens)]
        triggers = sorted(strong + weak, key=lambda t: t.start) if strong else triggers[:1]
        sentence_mentions = [m for m in mentions if sentence.start <= m.start < sentence.end]
        before = last_actor
        last_actor = _last_subject(sentence_mentions, doc, index.words.list_fillers) or last_actor
        if not triggers:
            claimer = _responsibility_claimer(sentence, by_token) or _blamed_actor(sentence, None, by_token)
            located = [e for e in events if e.places and gazetteer.event_types[e.type_iri].armed]
            if claimer and located and not any(r[0] == claimer[0] for r in located[-1].roles):
                located[-1].roles.append(claimer)  # "JNIM claimed responsibility": for the attack just told
            continue
        trigger_tokens = {i for t in triggers for i in range(t.start, t.end)}
        claim = claimant_of(sentence, by_token, lexicon)
        claimant_tokens = claim[2] if claim else set()
        following = span_text(sentences[number + 1]) if number + 1 < len(sentences) else ""
        unverified = _is_unverified(span_text(sentence), lexicon) or (
            _is_unverified(following, lexicon) and len(following) < 160)
        actors = [m for m in sentence_mentions if m.kind in ("actor", "state", "anaphor", "resistance")
                  and not set(range(m.start, m.end)) <= claimant_tokens
                  and _acts(m, doc, force_nouns, trigger_tokens, index.words.splinter_nouns)]
        actors += _countries_acting(sentence_mentions, doc, gazetteer, claimant_tokens, trigger_tokens)
        places = [m for m in sentence_mentions if m.kind == "place"]
        lists = actor_lists(actors, doc, index.words.list_fillers)
        operations = [m.iri for m in sentence_mentions if m.kind == "operation"]
        seen_types = {}
        for trigger in triggers:
            root = span_root(doc, trigger.start, trigger.end)
            if _not_happened(root, lexicon) or trigger.weak and _peaceful_part(doc[trigger.start:trigger.end], index):
                continue
            if root.dep_ == "acl" and root.tag_ == "VBG" and root.head.i in actor_tokens and (
                    root.head.dep_ == "appos" or root.head.left_edge.i > 0 and doc[root.head.left_edge.i - 1].text == ","):
                continue  # "the BRN, the main insurgent group fighting for autonomy": what it is, no event
            head = clause_head(root)
            # "claimed the attacks in northern Benin since its first assault on a post at Porga":
            # an event noun with a place of its own is an event of its own.
            key = root.i if root.pos_ == "NOUN" and root.i != head.i and any(
                t.i in place_tokens for t in root.subtree) else head.i
            frame = seen_types.get((trigger.type_iri, key))
            if frame is None:
                frame = EventFrame(trigger.type_iri, trigger, (sentence.start_char, sentence.end_char), number,
                                   claimant=claim[:2] if claim else None, unverified=unverified,
                                   operation=operations[0] if operations else None)
                seen_types[(trigger.type_iri, key)] = frame
                events.append(frame)
            predicate = predicate_of(root, lexicon)
            linked = [(m.iri, m.text, span_root(doc, m.start, m.end)) for m in actors]
            linked += _pronoun_actors(predicate, by_token, gazetteer, actors, before) if predicate is not None else []
            roles = {id(m): _mention_role(doc[m.start:m.end], root, predicate, index.words) for m in actors}
            for m in actors:  # "the two factions clashed": each side fought the other, neither led
                if "pair_iris" in m.extra and roles[id(m)]:
                    roles[id(m)] = "participant"
            for members in lists:
                shared = next((roles[id(m)] for m in members if roles.get(id(m))), None)
                for m in members:
                    if roles.get(id(m)) is None:
                        roles[id(m)] = shared
            found = [(m.iri, roles[id(m)], m.text) for m in actors]
            found += [(iri, role_of(token, root, predicate, index.words), text)
                      for iri, text, token in linked[len(actors):]]
            for iri, role, text in found:
                if role and not any(r[0] == iri and r[1] == role for r in frame.roles):
                    frame.roles.append((iri, role, text))
            if claim and claim[0] and predicate is not None and predicate.lemma_.lower() == "claim" \
                    and not any(r[0] == claim[0] for r in frame.roles):
                frame.roles.append((claim[0], "attacker", claim[1]))  # "the Bui Warriors claimed the ambush"
            relative = _relative_subject(predicate)
            if claim and claim[0] and relative is not None and relative.head.head.i in claimant_tokens \
                    and not any(r[0] == claim[0] for r in frame.roles):
                # "The KIA, which seized Bhamo last month, said ...": the speaker did the seizing.
                frame.roles.append((claim[0], _verb_role(relative, predicate, index.words), claim[1]))
            blamed = _blamed_actor(sentence, root, by_token)
            if blamed and not any(r[1] == "attacker" for r in frame.roles):
                frame.roles.append(blamed)
            speaker = _speaking_actor(claim, root, doc, lexicon, gazetteer) or _unnamed_agent_speaker(
                claim, trigger, predicate, frame, entities, index)
            if speaker and not any(r[1] == "attacker" for r in frame.roles):
                frame.roles.append((speaker, "attacker", claim[1]))
            for iri, text in _demonym_forces(root, lexicon, gazetteer) + _demonym_weapon_subject(predicate, lexicon, gazetteer):
                if not any(r[0] == iri for r in frame.roles):
                    frame.roles.append((iri, "attacker", text))
            implied = _implied_state_target(frame, predicate, doc, lexicon, gazetteer)
            if implied:
                frame.roles.append(implied)
            aircraft = _state_aircraft(frame, doc, index, entities, gazetteer)
            if aircraft:
                frame.roles.append(aircraft)
            if not frame.places:  # the clause's first trigger places it ("attacked a post in X, the latest of assaults along ...")
                frame.places, frame.place_source = _places_for(frame, head, places, gazetteer, previous, sentence, root,
                                                                predicate if key == head.i else None,
                                                                index.place_verbs, index.home_nouns)
            if not frame.places and any(c.lower_ == "there" for c in (predicate or root).children):
                frame.places, frame.place_source = _last_places(sentences[:number], places_by_sentence), "there"
            told = _told_before(frame, predicate or root, events, force_nouns)
            if told is not None and frame.place_source == "clause" and not any(r[1] == "attacker" for r in frame.roles):
                # "claimed an attack on an army post in western Niger ... Hundreds of fighters
                # attacked the post at Kourfa-Tondi": the post is the one already told of.
                frame.roles += [r for r in told.roles if not any(o[0] == r[0] for o in frame.roles)]
            definite = any(c.lower_ in ("the", "these", "this") for c in root.children)
            bare = root.pos_ == "NOUN" and root.dep_ in ("nsubj", "nsubjpass", "attr") \
                and frame.type_iri in index.fighting_types \
                and not any(c.dep_ in ("det", "poss", "nummod", "compound") for c in root.children)
            if not frame.roles and frame.place_source in ("clause", "sentence") and (definite or bare):
                # "By Sunday the clashes had moved west to La Reforma": the same belligerents; so
                # are "heavy clashes were reported in Souq al-Juma" right after the sides fought.
                same = [e for e in events[:-1] if e.type_iri == frame.type_iri and e.roles and not e.trigger.weak]
                if same and number - same[-1].sentence_index <= (4 if definite else 1):
                    frame.roles, frame.roles_from = list(same[-1].roles), same[-1]
            if not frame.roles and frame.place_source == "clause":
                frame.roles = _where_clause_actors(predicate or root, sentence_mentions, doc)
        previous = [e for e in events if e.places]
    _attribute_earlier_attacks(events, doc, gazetteer)
    for frame in events:
        # Roles the sentence implies ("Russian assaults", a country speaking for its forces, an
        # air strike only the state can fly) name forces no mention resolved: record them too.
        for iri, _, _ in frame.roles:
            if iri not in entities and gazetteer.entry(iri) is not None:
                entities[iri] = known_entity(gazetteer, iri, "implied")
        _add_parent_forces(frame, entities)
    return events


def _told_before(frame, scope, events, force_nouns):
    """Return the earlier event (within a few sentences) a definite force noun of this clause
    points back to ("the post", "the convoy"): the one whose own clause named that noun."""
    doc = scope.doc
    for token in scope.subtree:
        if token.lower_ not in force_nouns or not any(c.lower_ in DEFINITE for c in token.children):
            continue
        for event in reversed(events):
            if frame.sentence_index - event.sentence_index > 6:
                break
            if event.sentence_index == frame.sentence_index or not event.roles:
                continue
            root = span_root(doc, event.trigger.start, event.trigger.end)
            if any(t.lemma_ == token.lemma_ and t.i != token.i for t in root.subtree):
                return event
    return None


def _attribute_earlier_attacks(events, doc, gazetteer):
    """Give the attacker of "all three attacks were carried out by the BRN" (a plural event
    noun with no place of its own) to the placed armed events just told that name none."""
    place_tokens = {i for m in doc._.kg_mentions if m.kind == "place" for i in range(m.start, m.end)}
    for index, frame in enumerate(events):
        root = span_root(doc, frame.trigger.start, frame.trigger.end)
        attackers = [r for r in frame.roles if r[1] == "attacker"]
        if not attackers or root.pos_ != "NOUN" or root.tag_ != "NNS" or not any(
                c.lower_ in ("all", "both", "these", "those") or c.dep_ == "nummod" for c in root.children):
            continue
        if frame.places and (root.dep_ != "dobj" or root.head.lemma_.lower() not in RESPONSIBILITY_VERBS
                             or any(t.i in place_tokens for c in root.children if c.lower_ not in ("on", "to")
                                    for t in c.subtree)):
            continue
        # "blamed both attacks on the BRN, the group fighting for autonomy for Yala": the places
        # describe the group; the attacks are those just told.
        frame.places, frame.place_source = [], None
        for earlier in events[:index]:
            broader = (gazetteer.event_types[earlier.type_iri].broader or "").rsplit("/", 1)[-1]
            if frame.sentence_index - earlier.sentence_index <= 6 and earlier.places and broader in ATTACK_FAMILIES \
                    and not any(r[1] == "attacker" for r in earlier.roles):
                earlier.roles.extend(attackers)


def _own_clause_event(root, strong_clauses, place_tokens):
    """Return True for a weak trigger that tells an event of its own: in a main clause with no
    strong trigger and with a place of its own ("IS fighters killed dozens of soldiers at
    Inates, and JNIM ambushed a convoy"); "and three soldiers were killed" only counts the
    dead of the event beside it."""
    head = clause_head(root)
    # "the worst since January 8, when JNIM fighters killed 28 soldiers at Karimama": a clause
    # about another moment, with a subject of its own, tells its own event.
    own_subject = head.dep_ in ("relcl", "advcl") and any(
        c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS for c in head.children)
    return head.i not in strong_clauses and (head.dep_ in ("ROOT", "conj", "ccomp", "parataxis") or own_subject) and any(
        t.i in place_tokens for t in head.subtree if clause_head(t).i == head.i)


def _last_places(earlier_sentences, places_by_sentence):
    """Return the last place named before: what "there" points to ("A firefight broke out there")."""
    for sentence in reversed(earlier_sentences[-2:]):
        found = places_by_sentence.get(sentence.start)
        if found:
            return [found[-1]]
    return []


def _responsibility_claimer(sentence, by_token):
    """Return (iri, "attacker", text) for "X claimed responsibility" with no event named in
    the sentence: X claims the attack the article has just told."""
    for token in sentence:
        if token.lemma_.lower() != "claim" or not any(
                c.dep_ == "dobj" and c.lemma_.lower() == "responsibility" for c in token.children):
            continue
        for subject in (c for c in token.children if c.dep_ == "nsubj"):
            named = [by_token[t.i] for t in subject.subtree if t.i in by_token and by_token[t.i].kind in ("actor", "anaphor")]
            if named:
                return named[-1].iri, "attacker", named[-1].text
    return None


def _modifiers(token):
    """Yield the words that say whose or what a noun is, through nested modifiers and lists:
    "RSF fuel depots and weapons stores" reaches "RSF" from "stores"."""
    for child in token.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod"):
            yield child
            yield from _modifiers(child)
        elif child.dep_ == "conj":
            yield from _modifiers(child)


def _blamed_actor(sentence, trigger_root, by_token):
    """Return the group a source blames for the sentence's event ("killed seven people,
    according to the Emergency Response Room, which blamed the RSF") as its attacker; with no
    trigger (None), for the event just told ("Police blamed al-Shabaab")."""
    for token in tokens_where(sentence, BLAMING_FORMS):
        if token.lemma_.lower() not in ("blame", "accuse") or trigger_root is not None and _within(trigger_root, token):
            continue
        for child in token.children:
            # "blamed the RSF", "blamed the Somali militant group al-Shabaab"
            objects = [child, *(c for c in child.children if c.dep_ in ("appos", "compound"))] if child.dep_ == "dobj" else []
            named = next((by_token[o.i] for o in objects if o.i in by_token), None)
            if named is not None and named.kind in ("actor", "state") and not any(
                    c.dep_ == "prep" and c.lower_ in ("of", "for") for c in token.children):
                return named.iri, "attacker", named.text
    return None


def _add_parent_forces(frame, entities):
    """Give a unit's own force the unit's role: "the base of Light Infantry Battalion 275" is
    the Myanmar military's base, "KNLA Brigade 4 fighters" are KNLA fighters."""
    for iri, role, text in list(frame.roles):
        entity = entities.get(iri)
        while entity is not None and entity.cls in UNIT_CLASSES and entity.parent in entities:
            parent = entities[entity.parent]
            if parent.kind != "actor" or any(r[0] == parent.iri and r[1] == role for r in frame.roles):
                break
            frame.roles.append((parent.iri, role, text))
            entity = parent


def _demonym_forces(trigger_root, lexicon, gazetteer):
    """Return [(iri, text)] of national forces named by a nationality on the trigger noun
    ("repeated Russian assaults", "an Israeli air strike", "Ugandan air and artillery strikes")."""
    demonyms = lexicon["demonyms"]
    found = []
    noun = trigger_root
    while noun.dep_ in ("compound", "amod", "conj") and noun.head.pos_ == "NOUN" and noun.head.i > noun.i:
        noun = noun.head
    nouns = dict.fromkeys([trigger_root, noun, _first_conjunct(noun)])  # "Ugandan air and artillery strikes"
    # "Turkish drone strikes": the parser hangs the nationality on the weapon before the noun.
    nouns.update(dict.fromkeys(c for n in list(nouns) for c in n.children if c.dep_ == "compound" and c.i < n.i))
    for child in [c for n in nouns for c in n.children]:
        code = demonyms.get(child.lower_) if child.dep_ in ("amod", "compound", "nmod") else None
        force = gazetteer.national_forces.get(code) if code else None
        if force:
            found.append((force, child.text))
    return found


def _demonym_weapon_subject(predicate, lexicon, gazetteer):
    """Return [(iri, text)] of the national forces whose weapons are the subject of the verb
    ("Russian strikes on Kharkiv killed four", "Israeli shelling wounded two", "an Ugandan
    rocket hit the camp"): the strike is theirs, as in "Russian assaults"."""
    if predicate is None:
        return []
    weapons = set(lexicon["weapon_subjects"])
    return [found for subject in predicate.children
            if subject.dep_ == "nsubj" and subject.lemma_.lower() in weapons
            for found in _demonym_forces(subject, lexicon, gazetteer)]


def _state_aircraft(frame, doc, index, entities, gazetteer):
    """Return the national forces as attacker of an air strike with no attacker named ("a
    fighter jet dropped bombs on a crowd") where the article's only state force is that
    country's: in a war between one state and non-state groups only the state has aircraft."""
    if frame.type_iri != index.attack_types["air_type"]:
        return None  # first: most events are no air strikes, and the rest costs Spans
    trigger = doc[frame.trigger.start:frame.trigger.end]
    # "a Y-12 aircraft bombed a monastery": the aircraft is the subject of the strike verb.
    flown = any(c.dep_ == "nsubj" and c.lemma_.lower() in index.aircraft_subjects for c in trigger.root.children)
    if any(r[1] == "attacker" for r in frame.roles) or not doc._.kg_countries or not flown and \
            " ".join(t.lemma_.lower() for t in trigger) not in index.aircraft and trigger.text.lower() not in index.aircraft:
        return None
    if frame.type_iri != index.attack_types["air_type"]:
        return None
    force = gazetteer.national_forces.get(doc._.kg_countries[0])
    states = {e.country for e in entities.values() if e.kind == "actor" and e.is_state}
    if not force or states - {doc._.kg_countries[0]}:
        return None
    return force, "attacker", trigger.text


def actor_lists(actors, doc, fillers):
    """Group actor mentions written as one list ("the KNDF, the Karenni Army (KA), the KNPLF and
    a number of PDF units"), whatever the parse made of it: the small model often breaks lists
    with bracketed acronyms, so adjacency with only punctuation, articles and conjunctions
    between decides, and members share the role the parse gives any of them."""
    lists, current = [], []
    for mention in sorted(actors, key=lambda m: m.start):
        possessor = mention.end < len(doc) and doc[mention.end].lower_ in ("'s", "\u2019s")  # "X, the FLA's predecessor"
        if current and _only_list_words(doc[current[-1].end:mention.start], fillers) and mention.start - current[-1].end <= 6 \
                and not possessor:
            current.append(mention)
            continue
        if len(current) > 1:
            lists.append(current)
        current = [mention]
    if len(current) > 1:
        lists.append(current)
    return lists


def _only_list_words(span, fillers):
    return all(t.is_punct or t.pos_ in ("DET", "CCONJ") or t.lower_ in fillers for t in span)


def _implied_state_target(frame, predicate, doc, lexicon, gazetteer):
    """Return a target role for the country's own forces when a non-state group attacks a bare
    military noun ("ambushed the column", "overran an outpost"): in an article about one
    country's war, an unnamed column or outpost is that state's. Modified nouns ("rebel
    positions", "police post") and events that already name a target are left alone."""
    if predicate is None or any(r[1] == "target" for r in frame.roles) or not any(r[1] == "attacker" for r in frame.roles) \
            or not doc._.kg_countries:
        return None  # with no attacker there is none of the attackers checked below
    force = gazetteer.national_forces.get(doc._.kg_countries[0])
    entities = doc._.kg_entities or {}
    attackers = [entities.get(r[0]) for r in frame.roles if r[1] == "attacker"]
    if not force or not attackers or any(a is None or a.is_state for a in attackers):
        return None
    nouns = set(lexicon["implied_state_targets"])
    for child in predicate.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in nouns and not any(
                c.dep_ in ("amod", "compound", "poss", "nmod") and c.lower_ not in ("last", "first", "main", "major")
                for c in child.children):
            return force, "target", child.text
    return None


def _unnamed_agent_speaker(claim, trigger, predicate, frame, entities, index):
    """Return the armed group that reports an attack told in the passive with no one doing it
    ("One column was ambushed near Gokteik, a TNLA officer said"; "the KNDF said a junta column
    had been engaged near Ngwe Taung"): a group telling of its own fighting. Casualties ("were
    killed") and strikes from the air are left alone: a group reports those done by others."""
    if not claim or not claim[0] or trigger.weak or predicate is None or frame.type_iri not in index.fighting_types:
        return None
    entity = entities.get(claim[0])
    if entity is None or entity.is_state or entity.cls not in ARMED_NON_STATE | {"Alliance"} or \
            any(r[0] == claim[0] for r in frame.roles):
        return None
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in predicate.children)
    return claim[0] if passive and not any(c.dep_ == "agent" for c in predicate.children) else None


def _speaking_actor(claim, trigger_root, doc, lexicon, gazetteer):
    """Return the claimant group when its own words put it in the event ("The KNLA said its
    fighters and allied PDF units captured the base"): a first- or third-person pronoun between
    the claimant and the trigger. Kept apart from the parse, which often breaks such lists."""
    if not claim or not claim[0] or claim[0] not in gazetteer.actors and "/actor/" not in claim[0]:
        return None
    after = max(claim[2], default=-1)
    pronouns = set(lexicon["pronoun_subjects"]) | {"we", "our"}
    commenting = set(lexicon["non_participant_verbs"]) | set(lexicon["claim_verbs"])
    between = doc[after + 1:trigger_root.i] if after < trigger_root.i else []
    # "in what it described as a foiled attack": the speaker only names the event.
    return claim[0] if any(t.lower_ in pronouns and not (t.dep_ == "nsubj" and t.head.lemma_.lower() in commenting)
                           for t in between) else None


def _countries_acting(sentence_mentions, doc, gazetteer, claimant_tokens, trigger_tokens=frozenset()):
    """Return a country named as the subject or agent of a clause ("Russia launched strikes"),
    or before an event noun ("US strikes hit Hodeidah"), as a mention of its national armed forces."""
    acting = []
    for m in sentence_mentions:
        if m.kind != "place" or m.extra.get("cls") != "Country" or m.extra.get("dateline"):
            continue  # only countries act: no parse needed for the rest
        head = _first_conjunct(span_root(doc, m.start, m.end))
        # "Russia claimed to have captured Toretsk": the claimant of its own deed acts in it.
        own_deed = head.dep_ == "nsubj" and any(c.dep_ == "xcomp" for c in head.head.children)
        if m.start in claimant_tokens and not own_deed:
            continue
        force = gazetteer.national_forces.get(m.extra.get("country"))
        if force and (head.dep_ in ("nsubj", "nsubjpass") or head.dep_ == "pobj" and head.head.lower_ == "by"
                      or head.dep_ == "compound" and head.head.i in trigger_tokens):
            acting.append(dataclasses.replace(m, kind="state", iri=force))
    return acting


def _last_subject(sentence_mentions, doc, fillers):
    """Return [(iri, text)] of the last group of actors acting as a clause subject or agent in
    the sentence ("the KNDF, the KA and PDF units" in "... is being waged by ...")."""
    groups = {}
    for m in sentence_mentions:
        if m.kind not in ("actor", "state", "anaphor"):
            continue
        head = anchor(_first_conjunct(span_root(doc, m.start, m.end)))
        if head.dep_ in ("nsubj", "nsubjpass") or head.dep_ == "pobj" and head.head.lower_ == "by":
            members = groups.setdefault(head.i, [])
            if m.iri not in [iri for iri, _ in members]:
                members.append((m.iri, m.text))
    if not groups:
        return None
    # The main clause's subject is whom the sentence is about: "The Islamic State affiliate
    # has expanded since French troops left Mali. In March, its fighters ..." is the affiliate's.
    main = [i for i in groups if clause_head(doc[i]).dep_ == "ROOT"]
    last = groups[max(main or groups)]
    for members in actor_lists([m for m in sentence_mentions if m.kind in ("actor", "state", "anaphor")], doc, fillers):
        if any(m.iri == last[-1][0] for m in members):
            return list(dict.fromkeys((m.iri, m.text) for m in members))
    return last


def _pronoun_actors(predicate, by_token, gazetteer, actors, last_actor):
    """Resolve pronoun subjects of an event ("it", "they", "its fighters") to the group that is
    speaking ("The SHDF said it had used drones"), else to the nearest group before it in the
    sentence ("set on fire by soldiers before they withdrew"), else to the last group that was a
    subject in an earlier sentence."""
    lexicon = gazetteer.lexicon
    pronouns = set(lexicon["pronoun_subjects"])
    group_nouns = set(lexicon["force_nouns"]) | {"group", "groups", "allies", "rebels", "insurgents"}
    event_verbs = set(lexicon["role_words"]["event_pronoun_verbs"])
    found = []
    for verb in subject_chain(predicate):
        for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")):
            pronoun = subject if subject.lower_ in pronouns and subject.dep_ != "dobj" else next(
                (c for c in subject.children if c.dep_ == "poss" and c.lower_ in pronouns), None)
            if pronoun is None and subject.lower_ in group_nouns:
                # "those forces", "these groups": a demonstrative points back to the last group.
                pronoun = next((c for c in subject.children if c.lower_ in ("those", "these")), None)
            if pronoun is None or subject.i in by_token or pronoun.lower_ == "it" and verb.lemma_.lower() in event_verbs:
                continue  # "It began with Ugandan air strikes": "it" is the operation, no group
            if subject.dep_ == "dobj" and any(c.dep_ == "nsubj" and anchor(c).i in by_token for c in verb.children):
                continue  # "The AA, a member of X with the TNLA, launched its offensive": the subject's own
            # The nearest group before it ("set on fire by soldiers before they withdrew"), but
            # not one acted upon: "drove regime troops out of Paletwa, and later it took
            # Pauktaw" is the same "it", not the troops it drove out.
            earlier = [m for m in actors if m.end <= pronoun.i and not _is_object(span_root(pronoun.doc, m.start, m.end))]
            nearest = [(earlier[-1].iri, earlier[-1].text)] if earlier else None
            country = _acting_country_before(pronoun, by_token, gazetteer)
            if country and (not earlier or earlier[-1].end < country[2]):
                nearest = [country[:2]]  # "Azerbaijan's offensive, when its army shelled Stepanakert"
            # "They shot at everything," a resident said: inside a quotation "they" is whoever
            # the witness means, not the group the article named last.
            quoted = _inside_quotation(pronoun)
            group = _speaker_of(verb, by_token, gazetteer) or nearest or (None if quoted else last_actor) or []
            if pronoun.lower_ in FIRST_PERSON:
                # '"Every day we hear drones," said a teacher': "we" is only ever the speaker.
                group = _speaker_of(verb, by_token, gazetteer) or []
            if pronoun.lower_ in ("it", "its"):
                group = group[:1]
            # "launch their own offensive": the owner of an object is placed by its possessive
            # (the event noun's owner attacks; "shelled their positions" is still the target)
            owner = pronoun if subject.dep_ == "dobj" else subject
            found.extend((iri, pronoun.text, owner) for iri, _ in group)
        found.extend(_object_pronoun_actors(verb, by_token, actors, last_actor))
    return found


def _object_pronoun_actors(verb, by_token, actors, last_actor):
    """Resolve "them" as an event's object ("the village of Baghouz, where the SDF defeated
    them") to the group named last before it that is not the verb's own subject, in its
    sentence or, failing that, the last subject before it; only when the verb's subject is named."""
    found = []
    for pronoun in (c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "them"):
        subjects = {by_token[t.i].iri for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                    for t in c.subtree if t.i in by_token}
        earlier = [m for m in actors if m.end <= pronoun.i and m.iri not in subjects]
        group = [(earlier[-1].iri, earlier[-1].text)] if earlier else [
            g for g in (last_actor or []) if g[0] not in subjects][:1]
        if subjects:  # a deed done to them by someone named
            found.extend((iri, pronoun.text, pronoun) for iri, _ in group)
    return found


def _where_clause_actors(scope, mentions, doc):
    """Return the groups acting in a "where" clause inside the clause of an event that names
    none: "Fighting flared at the Qara Qozak bridge, about 25km north of the dam, where SNA
    fighters tried to cross the river before being pushed back by SDF units" was between the SNA
    and the SDF. A clause inside the "where" clause ("a group that rejected a deal signed by X")
    tells of something else."""
    found = []
    for clause in (t for t in scope.subtree if t.dep_ == "relcl"
                   and any(w.lower_ == "where" and w.dep_ == "advmod" for w in t.children)):
        for actor in (m for m in mentions if m.kind in ("actor", "state", "resistance", "anaphor") and m.iri
                      and clause.left_edge.i <= m.start <= clause.right_edge.i):
            token = anchor(span_root(doc, actor.start, actor.end))
            acting = token.dep_ in ("nsubj", "nsubjpass") or token.dep_ == "pobj" and token.head.dep_ == "agent"
            if acting and not _nested_clause(token, clause) and not any(r[0] == actor.iri for r in found):
                found.append((actor.iri, "participant", actor.text))
    return found


def _nested_clause(token, clause):
    while token.i != clause.i and token.head.i != token.i:
        if token.dep_ in ("relcl", "acl"):
            return True
        token = token.head
    return False


def _acting_country_before(pronoun, by_token, gazetteer):
    """Return (forces IRI, text, end) for the nearest country before a pronoun in its sentence
    that owns or does something ("Azerbaijan's offensive", "Russia launched"), or None."""
    sentence = pronoun.sent
    for i in range(pronoun.i - 1, sentence.start - 1, -1):
        mention = by_token.get(i)
        if mention is None or mention.kind != "place" or mention.extra.get("cls") != "Country":
            continue
        root = span_root(pronoun.doc, mention.start, mention.end)
        force = gazetteer.national_forces.get(mention.extra.get("country"))
        if force and root.dep_ in ("poss", "nsubj"):
            return force, mention.text, mention.end
    return None


def _is_object(token):
    return anchor(_first_conjunct(token)).dep_ in ("dobj", "iobj")


def _inside_quotation(token):
    before = token.doc[token.sent.start:token.i].text
    opening = before.count("\u201c") + before.count('"')
    closing = before.count("\u201d")
    return (opening - closing) % 2 == 1 or token.sent.text.lstrip()[:1] in ('"', "\u201c")


def _speaker_of(verb, by_token, gazetteer):
    """Return [(iri, text)] of the group whose statement contains the verb ("The SHDF said it
    had used drones"); a country speaking ("Russia said its forces") stands for its forces."""
    claims = set(gazetteer.lexicon["claim_verbs"])
    token = verb
    for _ in range(4):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.lemma_.lower() not in claims:
            continue
        if not any(c.dep_ == "nsubj" for c in token.children) and token.dep_ in ("advcl", "xcomp", "conj"):
            continue  # "claimed responsibility, saying its fighters had ...": the speaker is the claimer's subject
        for subject in (c for c in token.children if c.dep_ == "nsubj"):
            named = [by_token[t.i] for t in subject.subtree if t.i in by_token
                     and not is_modifier(by_token[t.i], token.doc)]
            # "The army's Vulcano Task Force said its troops ...": the subject's head speaks.
            named.sort(key=lambda m: not m.start <= subject.i < m.end)
            # "fighters from the BNRA and local PDFs said they had repelled a raid": all of them.
            speakers = list({m.iri: (m.iri, m.text) for m in named if m.kind in ("actor", "state", "anaphor")}.values())
            if speakers:
                return speakers
            for mention in named:
                force = gazetteer.national_forces.get(mention.extra.get("country"))
                if mention.extra.get("cls") == "Country" and force:
                    return [(force, mention.text)]
        return None
    return None


def _peaceful_part(span, index):
    """Return True for taking part in something that is no fighting ("had taken part in the
    process", "took part in talks"); "took part in the assault" and "among the forces taking
    part" stay events."""
    if [t.lemma_.lower() for t in span] != ["take", "part"]:
        return False
    objects = [o for t in span for p in t.children if p.dep_ == "prep" and p.lower_ == "in"
               for o in p.children if o.dep_ == "pobj"]
    return bool(objects) and not any(o.lemma_.lower() in index.first_words or o.lower_ in index.first_words
                                     or o.lemma_.lower() in ("operation", "campaign") for o in objects)


def _not_happened(trigger_root, lexicon):
    """Return True for negated or hypothetical events ("stayed out of the fighting",
    "vowed to retake", "fearing that fighting could spread")."""
    blockers = set(lexicon["non_event_lemmas"])
    token, child = trigger_root, None
    for _ in range(4):
        near = [*token.children, *(g for c in token.children if c.dep_ in ("dobj", "nsubj") for g in c.children)]
        contrasted = child is not None and child.dep_ == "conj" and any(
            c.dep_ == "cc" and c.lower_ in ("but", "yet") for c in token.children)
        if not contrasted and any(c.dep_ == "neg" or c.lower_ in ("could", "would", "might", "may") and c.dep_ == "aux"
               or c.lower_ == "no" and c.dep_ == "det" or c.lower_ in ("none", "nobody", "never")
               for c in near):
            return True  # "did not attack", "played no part in the fighting", "none of its fighters took part";
            # but in "did not confirm the loss, but said its troops had repelled 23 assaults" the repelling is told
        # "stopped vehicles and shot dead 23 passengers": a blocker only blocks what it governs,
        # not a deed told beside it.
        if token.lemma_.lower() in blockers and token.i != trigger_root.i and child.dep_ not in ("conj", "advcl", "parataxis"):
            return True
        if token.head.i == token.i:
            break
        token, child = token.head, token
    return False


def _first_conjunct(token):
    """Return the first item of a coordination, so every member of a list shares its role."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _acts(mention, doc, force_nouns, trigger_tokens, splinter_nouns):
    """Return False for a generic state word used as a plain adjective ("a military operation")
    and for a group named only as the origin of another ("a FARC dissident faction"); True when
    it modifies a force noun or the trigger itself ("junta troops", "a junta air strike")."""
    root = span_root(doc, mention.start, mention.end)
    if is_modifier(mention, doc):
        return False
    if root.dep_ in ("compound", "amod", "nmod", "poss") and (root.head.lower_ in splinter_nouns or any(
            c.lower_ in splinter_nouns for c in root.head.children if c.i > root.i)):
        # but "SNA factions", "rival Fano factions" are the group's own men, split or not
        return root.head.lower_ in OWN_FACTION_NOUNS and root.dep_ != "poss" and root.head.i == root.i + 1 and not any(
            c.lower_ in splinter_nouns for c in root.head.children if c.i != root.i)
    if mention.kind != "state" or mention.length > 1:
        return True
    token = doc[mention.start]
    if token.dep_ in ("amod", "compound") and token.head.lower_ not in force_nouns:
        return token.head.i in trigger_tokens
    return True


def _event_place(mention, doc, gazetteer, place_verbs=frozenset(), home_nouns=frozenset()):
    """Return False for places named as reference points rather than where something happened
    ("between Mandalay and Lashio", "the border with Bangladesh", "30 km north of X", a
    dateline), for a capital standing for its government ("handing Moscow its biggest gain"),
    and for whole countries."""
    if mention.extra.get("dateline"):
        return False
    token = span_root(doc, mention.start, mention.end)
    token = _first_conjunct(token)
    if token.dep_ == "dative" or place_verbs and token.dep_ == "dobj" and token.head.pos_ == "VERB" \
            and token.head.lemma_.lower() not in place_verbs:
        return False
    if token.dep_ == "pobj" and token.head.head.lemma_.lower() in gazetteer.lexicon["claim_verbs"] and \
            token.head.head.pos_ == "VERB" and not _scene_of_report(token.head) and not _reported_there(token.head.head):
        return False  # "In New York, a U.N. spokesman told reporters ...": where it was said
    described = token
    while described.dep_ in ("appos", "compound") and described.head.i != described.i:
        described = described.head
    if described.i != token.i and described.dep_ == "pobj" and described.head.lower_ == "of" \
            and described.head.head.lower_ in DIRECTION_WORDS:
        return False  # "80 kilometres north of the provincial capital Bunia"
    if token.dep_ == "pobj":
        preposition = token.head
        # "the clashes had moved west to La Reforma": where fighting spreads to is where it is.
        spreading = preposition.lower_ in ("to", "into") and preposition.head.lemma_.lower() in gazetteer.lexicon["role_words"]["spread_verbs"]
        if preposition.lower_ in REFERENCE_PREPOSITIONS and not spreading:
            return False
        if preposition.lower_ == "of" and preposition.head.lower_ in DIRECTION_WORDS:
            return False
        sites = gazetteer.lexicon["not_event_sites"]
        site = preposition.head
        if site.lower_ in sites and (site.head.lower_ == "to" or site.dep_ != "pobj") or any(
                c.dep_ == "prep" and c.lower_ == "to" and any(g.dep_ == "pobj" and g.lower_ in sites for g in c.children)
                for c in preposition.head.children):
            return False  # "the wounded were taken to hospitals in Quetta", "shifted to hospitals in Quetta"
    if _refuge(token, gazetteer.lexicon["flight_verbs"]):
        return False
    if token.dep_ == "poss" and not _part_of_place(token.head, gazetteer.lexicon) \
            or token.dep_ == "dobj" and token.head.lemma_.lower() in ("link", "connect", "join"):
        return False  # "Loikaw's people", "the road linking Loikaw and Pekon"; but "Beirut's southern suburbs" is a place
    if token.dep_ in ("compound", "amod", "nmod") and token.head.lemma_.lower() in home_nouns:
        return False  # "Amhara nationalist militias", "Kachin fighters": where they are from
    if token.dep_ == "compound" and token.head.lower_ in gazetteer.lexicon["not_event_sites"]:
        return False  # "the wounded had been taken to Jowhar hospital"
    if token.dep_ == "nsubj" and token.head.pos_ == "VERB" and place_verbs and \
            token.head.lemma_.lower() not in PLACE_SUBJECT_VERBS:
        return False  # "after Addis Ababa moved to dissolve the forces": a capital for its government
    # A whole country is no place an event happened at, the article's own included ("the
    # military has bombed civilians across Myanmar"): coders record the most specific place,
    # and a story that names none leaves the event to the place told before or to none.
    entry = gazetteer.entry(mention.iri)
    return (entry.cls if entry else mention.extra.get("cls")) != "Country"


def _places_for(frame, head, places, gazetteer, previous, sentence, trigger_root, predicate=None,
                place_verbs=frozenset(), home_nouns=frozenset()):
    """Return the event's places: those the parse ties to the trigger, else the clause's, else
    the sentence's; with none, the last event's when the clause refers back to it."""
    doc = sentence.doc
    place_roots = {span_root(doc, m.start, m.end).i for m in places}
    places = [m for m in places if _event_place(m, doc, gazetteer, place_verbs, home_nouns)]
    scope = predicate if predicate is not None else trigger_root
    # "Resistance forces in Tanintharyi Region attacked two outposts in Launglon Township":
    # where a force comes from is not where it fought, unless nothing else is named.
    homes = [m for m in places if _is_home(span_root(doc, m.start, m.end), home_nouns)]
    others = [m for m in places if m not in homes]
    if any(_within(span_root(doc, m.start, m.end), scope) for m in others) or previous and _continues(
            scope, frame, gazetteer.lexicon, trigger_root):
        places = others
    # A place inside a clause that only dates the event ("comes a week after envoys met in
    # Muscat") or a relative clause about something else ("the Kokang group, which handed
    # Lashio back") is no place of the event, nor a fallback for it.
    adjuncts = {id(m) for m in places if _adjunct_after_apposition(span_root(doc, m.start, m.end))}
    times = gazetteer.lexicon["times_of_day"]
    places = [m for m in places if not _in_dating_clause(span_root(doc, m.start, m.end), trigger_root, scope, times)
              and (id(m) in adjuncts or not _describes_subject(span_root(doc, m.start, m.end), scope, place_roots))]
    inside = _inside_by_text(places, doc)
    in_scope = _nearest(doc, [m for m in places if _within(span_root(doc, m.start, m.end), scope)
                              and (id(m) in adjuncts or not _in_subject_clause(span_root(doc, m.start, m.end), scope))], scope)
    # "at the position outside the village of X, in the Y valley": Y is nearer in the parse, X is
    # where it happened.
    in_scope += [m for m in places if inside.get(id(m)) in in_scope and m not in in_scope]
    # "recaptured large parts of Nagorno-Karabakh and seven districts, including the town of
    # Shusha": a place listed as part of what was taken is where it happened too.
    if in_scope:
        in_scope += [m for m in places if m not in in_scope and _within(span_root(doc, m.start, m.end), scope)
                     and _listed_part(span_root(doc, m.start, m.end))]
    in_clause = [m for m in places if clause_head(span_root(doc, m.start, m.end)).i == head.i]
    if not in_scope and not in_clause and head.dep_ == "conj":
        # "stopped vehicles on a highway in Musakhel district and shot dead 23 passengers, while
        # others stormed a camp in Bela": a deed told beside another shares its clause's place.
        in_clause = [m for m in places if clause_head(span_root(doc, m.start, m.end)).i == clause_head(head.head).i]
    loose = [m for m in places if not _in_other_relative_clause(span_root(doc, m.start, m.end), trigger_root)]
    chosen, source = (in_scope, "clause") if in_scope else (in_clause, "clause") if in_clause else (loose, "sentence")
    chosen, listed = _with_listed_places(chosen, places, doc)
    iris = list(dict.fromkeys(m.iri for m in chosen))
    if not iris and previous and _continues(scope, frame, gazetteer.lexicon, trigger_root) and not (
            frame.trigger.weak and "\n\n" in doc_text(doc)[previous[-1].sentence[1]:frame.sentence[0]]
            and not any(t.lower_ in ("it", "its", "they", "their") for t in sentence if t.i < trigger_root.i)):
        frame.places_from = _referent(scope, previous, gazetteer.lexicon)
        return list(frame.places_from.places), "previous"
    # "the Danyawaddy naval base in Kyaukphyu town": a base is where it happened, and so is the
    # town it stands in, which coders record; a district or region around a place is broader.
    contained = {inside[id(m)].iri for m in chosen if id(m) in inside
                 and not (m.place_class == "Facility" and _settlement(inside[id(m)], gazetteer))}
    for iri in iris:
        contained.update(_ancestors(iri, gazetteer, doc._.kg_entities or {}))
    # The broader place of the same event is dropped, but places listed side by side ("around
    # Pangwa and Chipwi") are each where it happened, even when one lies within the other.
    specific = [iri for iri in iris if iri not in contained or iri in listed]
    return specific, source if specific else None


def _part_of_place(noun, lexicon):
    """Return True for a noun naming part of the place before it ("Beirut's southern suburbs",
    "Loikaw's outskirts"), not a place of its own ("Tanintharyi Region's Dawei District")."""
    return noun.lower_ in lexicon["of_place_heads"] and noun.lower_ not in lexicon["place_suffixes"] \
        and noun.lower_ not in lexicon["place_suffixes_plural"]


def _refuge(token, flight_verbs):
    """Return True for a place people fled to ("fled to evacuation centres in Shariff Aguak"):
    the walk up the parse meets "to", "into" or "towards" on a verb of flight."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return False
        if ancestor.dep_ == "prep" and ancestor.lower_ in ("to", "into", "towards", "toward") \
                and ancestor.head.lemma_.lower() in flight_verbs:
            return True
    return False


def _reported_there(verb):
    """Return True for a passive report of a thing ("heavy fighting was reported in Kyaukme"):
    the place is where the thing was, not where anyone spoke."""
    return any(c.dep_ == "nsubjpass" and c.pos_ == "NOUN" for c in verb.children)


def _scene_of_report(preposition):
    """Return True for a place put before a group telling of its own deeds ("At Kalembe, the
    Wazalendo said they had recovered several positions"): it sets the scene of what is told,
    not where the statement was made, as it does before a spokesman or a person."""
    verb = preposition.head
    subject = max((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), key=lambda c: c.i, default=None)
    return subject is not None and preposition.i < subject.i and subject.pos_ == "PROPN" \
        and subject.ent_type_ not in ("PERSON", "GPE") and any(c.dep_ == "ccomp" for c in verb.children)


def _is_home(place_root, home_nouns):
    """Return True for a place that says where a force is from or stationed ("PDF battalions
    in Dawei District", "soldiers stationed in Myawaddy", "forces in Tanintharyi Region")."""
    token = _first_conjunct(place_root)
    if token.dep_ != "pobj" or token.head.lower_ not in ("in", "from", "of"):
        return False
    owner = token.head.head
    if owner.pos_ == "VERB" and owner.lemma_.lower() in ("station", "base", "deploy", "garrison") and owner.dep_ == "acl":
        return owner.head.lemma_.lower() in home_nouns
    # Only the side acting comes from somewhere: "clashed with ELN fighters in Teorama" and "the
    # headquarters of the 22nd Division in Babanusa" are met or hit where the fighting is.
    side = _first_conjunct(owner)
    while side.dep_ == "pobj" and side.head.lower_ in ("from", "of") and side.head.head.pos_ in ("NOUN", "PROPN"):
        side = _first_conjunct(side.head.head)  # "Fighters from PDF battalions in Dawei District"
    while side.dep_ == "appos":
        side = side.head  # "said Babakura Kolo, a CJTF commander in Maiduguri"
    acting = side.dep_ in ("nsubj", "nsubjpass") or side.dep_ == "pobj" and side.head.dep_ == "agent"
    return owner.lemma_.lower() in home_nouns and acting


def _settlement(mention, gazetteer):
    """Return True for a town or village (not an area) by its class in the text or the gazetteer."""
    entry = gazetteer.entry(mention.iri)
    cls = mention.place_class or (entry.cls if entry else mention.extra.get("cls"))
    return cls in ("Town", "Village", "City")


def _inside_by_text(places, doc):
    """Return {id(mention): the place the text puts it in}: "X, in the Y valley", "X village in
    Y Township" (a containment the gazetteer may not know for places new to the article)."""
    inside = {}
    for inner in places:
        for outer in places:
            between = [t.lower_ for t in doc[inner.end:outer.start]] if 0 < outer.start - inner.end <= 4 else []
            if "in" in between and set(between) <= {",", "in", "the", "also", "both"}:
                inside[id(inner)] = outer
            elif between == [","] and _named_as_area(outer, doc) and inner.place_class not in AREA_CLASSES:
                inside[id(inner)] = outer  # "in Batibo, Momo Division", "near Sabiid, Lower Shabelle region"
    return inside


def _named_as_area(mention, doc):
    """Return True for a place whose own words say it is an area ("Momo Division", "Lower
    Shabelle region") and that ends any list it is in: in "Tibú, El Tarra and Teorama
    municipality" the names are side by side, not one inside the other."""
    if mention.place_class not in AREA_CLASSES or doc[mention.end - 1].lower_ not in AREA_WORDS:
        return False
    after = doc[mention.end:mention.end + 2]
    return not (len(after) and after[0].lower_ in ("and", "or") or len(after) == 2 and after[0].text == ","
                and after[1].pos_ == "PROPN")


def _listed_part(token):
    """Return True for a name listed after "including" within a few words of the parse ("including
    the town of Shusha", "including Kyauktaw")."""
    for ancestor in [token, *token.ancestors][:4]:
        if ancestor.lower_ == "including" and ancestor.dep_ == "prep":
            return True
    return False


def _with_listed_places(chosen, places, doc):
    """Add the places listed with a chosen one ("around Pangwa and Chipwi", "near Sake and Goma"),
    which the parse often attaches elsewhere; return them and the IRIs of listed places. A list
    ends in "and" or "or": "Myitta, a town" and "Kawlin, Sagaing Region" are no lists."""
    found, listed = list(chosen), set()
    for mention in chosen:
        for other in places:
            low, high = sorted((mention, other), key=lambda m: m.start)
            if 0 < high.start - low.end <= 2 and all(t.text in (",", "and", "or") for t in doc[low.end:high.start]) \
                    and doc[high.start - 1].text != ",":
                listed.update((mention.iri, other.iri))
                if other not in found:
                    found.append(other)
    return found, listed


def _referent(scope, located, lexicon):
    """Return the earlier event a definite noun points back to: "the assault on the outpost"
    is the event whose sentence had an outpost, not simply the last one with a place."""
    nouns = set(lexicon["force_nouns"]) | set(lexicon["place_suffixes"])
    doc = scope.doc
    entities = doc._.kg_entities or {}
    # An event placed only in a whole country says little about where the next one happened.
    specific = [e for e in located if any(getattr(entities.get(p), "cls", None) != "Country" for p in e.places)]
    located = specific or located
    for token in scope.subtree:
        if token.lower_ in nouns and any(c.lower_ in DEFINITE for c in token.children):
            lemma = token.lemma_.lower()
            for event in reversed(located):
                start, end = event.sentence
                if event.place_source != "previous" and any(
                        t.lemma_.lower() == lemma for t in doc.char_span(start, end, alignment_mode="expand") or ()):
                    return event
    return located[-1]


def _nearest(doc, mentions, scope):
    """Keep the places the parse ties most closely to the event: "attacked an army post in the
    village of X ... in the latest of a string of assaults along the road linking Y and Z"
    gives X. Coordinated places count at their first conjunct's depth."""
    def depth(mention):
        token = span_root(doc, mention.start, mention.end)
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ == "conj":
            token = token.head.head  # "X and the border trade hub of Y": Y is listed with X
        token, steps = _first_conjunct(token), 0
        while token.i != scope.i and token.head.i != token.i and steps < 40:
            token, steps = token.head, steps + 1
        return steps
    if not mentions:
        return mentions
    depths = {id(m): depth(m) for m in mentions}
    closest = min(depths.values())
    return [m for m in mentions if depths[id(m)] <= closest + 2]


def _adjunct_after_apposition(token):
    """Return True for a place phrase set off by a comma after an apposition ("clashed with gunmen
    from Los Chapitos, the faction led by the sons of El Chapo, in the Tepuche area"): the parser
    hangs it on the apposition or its participle, but it says where the sentence's deed was."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ == "pobj":
        token = token.head.head  # ", near the town of Ippy"
    preposition = token.head
    if token.dep_ != "pobj" or preposition.i == 0 or preposition.nbor(-1).text != ",":
        return False
    head = preposition.head
    apposition = head.head if head.dep_ == "acl" and head.tag_ == "VBN" else head
    return apposition.dep_ == "appos" and preposition.i > head.i + 1


def _in_subject_clause(token, scope):
    """Return True for a place inside a clause below the scope with a subject of its own
    ("shot dead 23 passengers, while other militants stormed a camp in Bela"): another deed."""
    for ancestor in [token, *token.ancestors]:
        if ancestor.i == scope.i:
            return False
        if ancestor.dep_ in ("advcl", "conj", "ccomp", "relcl") and ancestor.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in RELATIVE_PRONOUNS for c in ancestor.children):
            return True
    return False


def _describes_subject(token, scope, place_roots):
    """Return True for a place inside an apposition to the subject ("The MSA and GATIA, both
    signatories of the 2015 Algiers peace agreement, have fought alongside the army"): it says
    who the subject is, not where the event was. A place the parser took for the subject keeps
    its apposition ("retook Wad Madani, the capital of Gezira state")."""
    for ancestor in [token, *token.ancestors]:
        if ancestor.i == scope.i:
            return False
        subject = ancestor.head
        if ancestor.dep_ == "appos" and subject.dep_ in ("nsubj", "nsubjpass") and subject.head.i == scope.i:
            return subject.i not in place_roots
    return False


def _in_dating_clause(token, trigger_root, scope, times=()):
    """Return True for a place inside a clause that only dates the event ("after X met in
    Muscat", "before the army pushed them out"), when the trigger is not in it; "before dawn in
    Azezo" only gives the time."""
    for ancestor in [token, *token.ancestors]:
        if ancestor.i == scope.i:
            return False
        if ancestor.dep_ == "advcl" and not _within(trigger_root, ancestor) and any(
                c.dep_ == "mark" and c.lower_ in DATING_MARKS for c in ancestor.children):
            return True
        if ancestor.dep_ in ("pcomp", "pobj") and ancestor.head.lower_ in DATING_MARKS and not _within(trigger_root, ancestor) \
                and ancestor.ent_type_ not in ("DATE", "TIME") and ancestor.lemma_.lower() not in times:
            return True  # "agreed after talks in Kunming"
    return False


def _in_other_relative_clause(token, trigger_root):
    for ancestor in [token, *token.ancestors]:
        if ancestor.dep_ in ("relcl", "acl") and not _within(trigger_root, ancestor):
            return True
    return False


def _ancestors(iri, gazetteer, entities):
    """Places containing `iri`: the gazetteer's, and for places new to this article, their parents'."""
    found, current = set(), iri
    while current in entities and entities[current].parent and entities[current].parent not in found:
        current = entities[current].parent
        found.add(current)
    for place in [iri, *found]:
        found.update(gazetteer.ancestors(place))
    return found


def _within(token, ancestor):
    return token.i == ancestor.i or ancestor.is_ancestor(token)


def _continues(scope, frame, lexicon, trigger_root=None):
    # A clause with no place of its own continues the last event when it refers back to it
    # ("the clashes", "the fighting", "carried out the raids", "overran the outpost", "attacked
    # at a checkpoint outside the village") or is a weak trigger in the same paragraph, or in
    # the next when a pronoun points back ("Its tally: 200 troops dead").
    if frame.trigger.weak or any(c.dep_ == "det" and c.lower_ in DEFINITE or c.dep_ == "poss" for c in scope.children):
        return True
    if trigger_root is not None and any(c.lower_ in DEFINITE for c in trigger_root.children):
        return True
    # "Soldiers repelled the assault": the strike a verb acts on, made definite, is the last one.
    nouns = set(lexicon["force_nouns"]) | set(lexicon["place_suffixes"]) | set(lexicon["weapon_subjects"]) \
        | set(lexicon["on_place_heads"])
    return any(t.lower_ in nouns and any(c.lower_ in DEFINITE for c in t.children)
               for t in scope.subtree if t.i != scope.i)


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
