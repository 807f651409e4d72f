"""kg_events: event type from the trigger, roles from the parse, the place the clause names."""

import pytest

from conftest import ACTOR, MYANMAR_MILITARY, PLACE

KNDF, KA, AA = ACTOR + "kndf", ACTOR + "karenni-army", ACTOR + "aa"


def events(nlp, text):
    return nlp(text)._.kg_events


def event_type(frame):
    return frame.type_iri.rsplit("/", 1)[-1]


def roles(frame):
    return {(iri, role) for iri, role, _ in frame.roles}


@pytest.mark.parametrize("text, expected", [
    ("The KNDF clashed with junta troops near Loikaw.", "armed-clash"),
    ("The Arakan Army captured a junta base in Rakhine State.", "non-state-actor-overtakes-territory"),
    ("The Arakan Army seized two outposts in Rakhine State.", "non-state-actor-overtakes-territory"),
    ("The junta bombed a village in Kachin State.", "air-drone-strike"),
    ("A junta air strike hit a school in Kawlin.", "air-drone-strike"),
    ("Junta artillery shelled Pekon Township.", "shelling-artillery-missile-attack"),
    ("A landmine exploded near Hpakant, killing two villagers.", "remote-explosive-landmine-ied"),
    ("Soldiers torched 40 houses in Kawlin Township.", "looting-property-destruction"),
    ("Junta troops abducted six villagers in Tamu.", "abduction-forced-disappearance"),
    ("Police arrested three activists in Mandalay.", "arrests"),
    ("Thousands of residents fled their homes in Loikaw.", "displacement"),
    ("KNDF fighters blew up a bridge near Loikaw.", "remote-explosive-landmine-ied"),
    ("Gunmen hijacked a passenger train near Mashkaf.", "abduction-forced-disappearance"),
    ("The KNDF defeated junta troops near Demoso.", "armed-clash"),
    ("The Arakan Army fired on a naval base in Kyaukphyu.", "armed-clash"),
    ("Gunmen gunned down two policemen in Moreh.", "armed-clash"),
    ("Soldiers of the 33rd Infantry Battalion encountered BIFF gunmen in Datu Hoffer Ampatuan.", "armed-clash"),
    ("Soldiers and rangers surrounded a house in Ban Kalubi where insurgents were hiding.", "armed-clash"),
    ("Government troops drove them out of Gawan Laan hours later.", "armed-clash"),
    ("The militants were pushed out of Bahir Dar by the army.", "armed-clash"),
    ("The KIA expelled junta troops from Bhamo.", "armed-clash"),
    ("A strike on a residential building in Qana wounded 15 people.", "air-drone-strike"),
])
def test_trigger_word_gives_the_event_type(nlp, text, expected):
    assert [event_type(f) for f in events(nlp, text)] == [expected]


def test_no_trigger_no_event(nlp):
    assert events(nlp, "The KNDF held a press conference in Loikaw.") == []


def test_active_voice_subject_attacks_object(nlp):
    (frame,) = events(nlp, "The Arakan Army captured a junta base in Rakhine State.")
    assert roles(frame) == {(AA, "attacker"), (MYANMAR_MILITARY, "target")}


def test_passive_voice_agent_is_the_attacker(nlp):
    (frame,) = events(nlp, "The junta's 54th Infantry Battalion was attacked by the KNDF in Loikaw.")
    assert (KNDF, "attacker") in roles(frame)
    assert (ACTOR + "ib-54", "target") in roles(frame)
    assert (KNDF, "target") not in roles(frame)


def test_every_member_of_a_subject_list_attacks(nlp):
    (frame,) = events(nlp, "The KNDF, the Karenni Army and the Arakan Army attacked a junta base in Loikaw.")
    assert roles(frame) == {(KNDF, "attacker"), (KA, "attacker"), (AA, "attacker"), (MYANMAR_MILITARY, "target")}


def test_the_claimant_is_not_a_participant(nlp):
    (frame,) = events(nlp, "The KNDF attacked a junta outpost in Loikaw, the Karenni Army said.")
    assert frame.claimant == (KA, "Karenni Army")
    assert KA not in {iri for iri, _, _ in frame.roles}
    assert (KNDF, "attacker") in roles(frame)


def test_the_actor_owning_an_air_strike_is_its_attacker(nlp):
    (frame,) = events(nlp, "A junta air strike hit a school in Kawlin.")
    assert (MYANMAR_MILITARY, "attacker") in roles(frame)


@pytest.mark.parametrize("preposition, place", [("in", "loikaw"), ("at", "demoso"), ("near", "hpakant")])
def test_place_comes_from_the_prepositional_phrase(nlp, preposition, place):
    name = place.capitalize()
    (frame,) = events(nlp, f"The KNDF attacked a junta outpost {preposition} {name}.")
    assert frame.places == [PLACE + place]


@pytest.mark.parametrize("noun", ["shelling", "bombardment", "bombing"])
def test_the_place_a_strike_noun_is_of_is_its_place(nlp, noun):
    # Kherson is no gazetteer place: only the noun before "of" makes the name a place.
    (frame,) = events(nlp, f"Russian {noun} of Kherson wounded two people.")
    assert frame.places == [PLACE + "geonames-706448"]


def test_no_place_in_the_text_means_no_place(nlp):
    (frame,) = events(nlp, "The KNDF attacked a junta outpost.")
    assert frame.places == []
    assert frame.place_source is None


def test_a_new_village_is_the_place_of_the_event(nlp):
    (frame,) = events(nlp, "Troops burned Xyzabad village in Kawlin Township.")
    assert any("xyzabad" in iri for iri in frame.places)


def test_a_place_containing_another_place_of_the_clause_is_dropped(nlp):
    (frame,) = events(nlp, "Troops burned Xyzabad village in Kawlin Township.")
    assert PLACE + "kawlin-township" not in frame.places


# ---------------------------------------------------------------- roles from the parse path

def frame_of(nlp, text, kind):
    return next(f for f in events(nlp, text) if event_type(f) == kind)


def actors_of(frame):
    return {iri.rsplit("/", 1)[-1] for iri, _, _ in frame.roles}


def test_group_that_says_it_attacked_is_the_attacker(nlp):
    frame = frame_of(nlp, "The Karenni Army said it had used drones to bomb a junta outpost in Demoso.", "air-drone-strike")
    assert (KA, "attacker") in roles(frame)


def test_possessive_pronoun_subject_is_the_speaking_group(nlp):
    frame = frame_of(nlp, "The KNDF said its fighters overran a junta camp near Demoso on Friday.",
                     "non-state-actor-overtakes-territory")
    assert (KNDF, "attacker") in roles(frame)


def test_pronoun_subject_takes_the_last_acting_group(nlp):
    doc = nlp("Junta troops withdrew from the town of Demoso on Monday. On Tuesday they shelled Loikaw.")
    shelling = next(f for f in doc._.kg_events if event_type(f) == "shelling-artillery-missile-attack")
    assert (MYANMAR_MILITARY, "attacker") in roles(shelling)


def test_a_group_condemning_an_attack_takes_no_part_in_it(nlp):
    frame = frame_of(nlp, "The Karenni Army condemned the air strike on Demoso.", "air-drone-strike")
    assert KA not in {iri for iri, _, _ in frame.roles}


def test_members_of_a_bracketed_list_share_the_role(nlp):
    text = ("The offensive is being waged by the Karenni Nationalities Defense Force (KNDF), the Karenni Army (KA), "
            "the Arakan Army (AA) and a number of local units in Loikaw.")
    frame = frame_of(nlp, text, "armed-clash")
    assert {KNDF, KA, AA} <= {iri for iri, _, _ in frame.roles}


def test_those_forces_points_back_to_the_last_list(nlp):
    doc = nlp("The KNDF, the Karenni Army and the Arakan Army joined the campaign last week. "
              "Since then those forces have attacked junta bases in Loikaw.")
    attack = [f for f in doc._.kg_events if f.sentence_index == 1][0]
    assert {KNDF, KA, AA} <= {iri for iri, role, _ in attack.roles if role == "attacker"}


def test_subject_of_a_raising_passive_is_the_attacker(nlp):
    frame = frame_of(nlp, "Troops of the junta were reported to have fired artillery into Loikaw.",
                     "shelling-artillery-missile-attack")
    assert (MYANMAR_MILITARY, "attacker") in roles(frame)


def test_country_speaking_for_its_forces(nlp):
    frame = frame_of(nlp, "Russia said on Sunday its forces had captured Vuhledar.", "non-state-actor-overtakes-territory")
    assert (ACTOR + "russian-armed-forces", "attacker") in roles(frame)


def test_country_of_the_dateline_takes_no_role(nlp):
    doc = nlp("GOMA, Democratic Republic of Congo, May 3 (Wire) - M23 rebels attacked Sake on Friday.")
    assert all("fardc" not in iri for f in doc._.kg_events for iri, _, _ in f.roles)


def test_a_dateline_without_a_dash_is_no_place_of_the_event(nlp):
    doc = nlp("Imphal, Sep 21 (PTI) Two Assam Rifles personnel were killed and five others injured when gunmen "
              "ambushed their vehicle at Nambol in Manipur on Friday evening, officials said. The personnel were "
              "returning from Imphal to their camp.")
    assert doc._.kg_events and all(PLACE + "geonames-1269771" not in f.places for f in doc._.kg_events)


def test_definite_object_continues_the_last_events_place(nlp):
    doc = nlp("Resistance fighters attacked a police post in Demoso on Monday. "
              "The KNDF said its fighters overran the post before dawn.")
    overran = [f for f in doc._.kg_events if f.sentence_index == 1][0]
    assert overran.places == [PLACE + "demoso"] and overran.place_source == "previous"


def test_a_definite_strike_acted_on_continues_the_last_events_place(nlp):
    doc = nlp("Resistance fighters raided a police post in Demoso on Monday. "
              "Soldiers repelled the assault after an hour, said a KNDF commander in Loikaw.")
    repelled = [f for f in doc._.kg_events if f.sentence_index == 1][0]
    assert repelled.places == [PLACE + "demoso"] and repelled.place_source == "previous"


@pytest.mark.parametrize("text", [
    "Residents said the Karenni Army played no part in the fighting in Demoso.",
    "The Karenni Army said none of its fighters had taken part in the clashes in Demoso.",
])
def test_denied_part_in_fighting_gives_no_role(nlp, text):
    assert all(KA not in {iri for iri, _, _ in f.roles} for f in events(nlp, text))


def test_group_among_the_forces_taking_part_is_a_participant(nlp):
    frames = events(nlp, "A resident said the Karenni Army was among the forces taking part in the clashes in Demoso.")
    assert any(KA in {iri for iri, _, _ in f.roles} for f in frames)


def test_speaking_group_whose_pronoun_precedes_the_trigger_is_the_attacker(nlp):
    text = ("The Karenni Army, the armed wing of a political party, said its fighters and allied units "
            "captured the base of a junta battalion near Demoso.")
    frame = frame_of(nlp, text, "non-state-actor-overtakes-territory")
    assert (KA, "attacker") in roles(frame)


def test_definite_description_of_a_group_points_back_to_it(nlp):
    doc = nlp("The Karenni Army attacked Demoso on Monday. The ethnic armed group said its fighters seized a bridge there.")
    seized = [f for f in doc._.kg_events if f.sentence_index == 1][0]
    assert KA in {iri for iri, _, _ in seized.roles}


def test_an_adjective_inside_a_trigger_phrase_still_matches(nlp):
    assert "non-state-actor-overtakes-territory" in {
        event_type(f) for f in events(nlp, "The Arakan Army took full control of Ann on Friday.")}


def test_group_attacking_an_unnamed_column_attacks_the_countrys_forces(nlp):
    frame = frame_of(nlp, "In Myanmar, the Karenni Army ambushed a column near Demoso on Sunday.", "armed-clash")
    assert (MYANMAR_MILITARY, "target") in roles(frame)


def test_a_modified_noun_implies_no_state_target(nlp):
    frame = frame_of(nlp, "In Myanmar, the Karenni Army attacked a rival rebel base near Demoso.", "armed-clash")
    assert MYANMAR_MILITARY not in {iri for iri, _, _ in frame.roles}


def test_place_captured_from_a_group_makes_that_group_the_target(nlp):
    frame = frame_of(nlp, "The Arakan Army captured the town of Paletwa from the Karenni Army on Sunday.",
                     "non-state-actor-overtakes-territory")
    assert (KA, "target") in roles(frame) and (AA, "attacker") in roles(frame)


def places_of(frame):
    return {iri.rsplit("/", 1)[-1] for iri in frame.places}


def test_the_place_tied_closest_to_the_event_wins(nlp):
    frame = frame_of(nlp, "Rebels of the Karenni Army attacked a post in the village of Demoso, the latest of many assaults "
                          "along the road linking Loikaw and Pekon.", "armed-clash")
    assert places_of(frame) == {"demoso"}


def test_fighting_that_spreads_to_a_place_is_there(nlp):
    doc = nlp("The clashes between the Karenni Army and junta troops had moved west to Demoso by Sunday.")
    assert "demoso" in places_of(doc._.kg_events[0])


def test_a_place_in_a_relative_clause_about_a_group_is_no_fallback(nlp):
    doc = nlp("The Karenni Army, which handed Loikaw back to the junta in April, said its fighters shot down a drone.")
    assert all("loikaw" not in places_of(f) for f in doc._.kg_events)


def test_group_allied_to_another_does_not_make_the_other_attack(nlp):
    frame = frame_of(nlp, "A small group allied to the Arakan Army, the Karenni Army, torched homes in Demoso.",
                     "looting-property-destruction")
    assert AA not in {iri for iri, _, _ in frame.roles}


def test_they_inside_a_quotation_is_not_the_last_named_group(nlp):
    doc = nlp('The Karenni Army patrolled Demoso on Monday. "They shot at everything that moved," a resident said.')
    shooting = [f for f in doc._.kg_events if f.sentence_index == 1]
    assert all(KA not in {iri for iri, _, _ in f.roles} for f in shooting)


def test_a_group_named_as_the_origin_of_a_faction_takes_no_part(nlp):
    frame = frame_of(nlp, "Fighters of the Karenni Army and a rival Arakan Army dissident faction battled in Demoso.",
                     "armed-clash")
    assert AA not in {iri for iri, _, _ in frame.roles} and KA in {iri for iri, _, _ in frame.roles}


def test_a_definite_noun_points_back_to_the_event_that_named_it(nlp):
    doc = nlp("Rebels of the Karenni Army captured a police outpost in Demoso on Monday. "
              "Junta jets bombed houses in Loikaw on Tuesday. "
              "The Karenni Army said it lost one fighter in the assault on the outpost.")
    last = [f for f in doc._.kg_events if f.sentence_index == 2][0]
    assert places_of(last) == {"demoso"}


def test_group_accused_of_an_attack_is_its_claimed_attacker(nlp):
    frames = events(nlp, "The Arakan Army accused the Karenni Army of killing 11 people in a drone strike on Demoso.")
    assert any((KA, "attacker") in roles(f) for f in frames)


def test_exchanging_fire_is_a_clash_and_an_assault_on_a_name_places_it(nlp):
    doc = nlp("In Sudan, soldiers exchanged fire with insurgents after an assault on Kazgoro on Tuesday.")
    assert "armed-clash" in {event_type(f) for f in doc._.kg_events}
    assert "Kazgoro" in {m.text for m in doc._.kg_mentions if m.kind == "place" and m.iri}


def test_a_name_inside_a_compound_adjective_does_not_act(nlp):
    doc = nlp("The Arakan Army-backed group said its fighters killed 31 soldiers in Demoso.")
    assert all(AA not in {iri for iri, _, _ in f.roles} for f in doc._.kg_events)


def test_a_unit_that_came_under_fire_is_the_target(nlp):
    frame = frame_of(nlp, "In Myanmar, Light Infantry Battalion 269 came under rocket fire from the Karenni Army on Monday.",
                     "shelling-artillery-missile-attack")
    unit = [iri for iri, role, _ in frame.roles if "269" in iri]
    assert unit and all(role == "target" for iri, role, _ in frame.roles if "269" in iri)


def test_gangs_belonging_to_a_coalition_bring_it_into_the_attack(nlp):
    frame = frame_of(nlp, "Gangs belonging to the Karenni Army attacked police positions in Demoso.", "armed-clash")
    assert KA in {iri for iri, _, _ in frame.roles}


def places(frame):
    return [iri.rsplit("/", 1)[-1] for iri in frame.places]


@pytest.mark.parametrize("text", [
    "In January the Arakan Army took Pauktaw, a coastal town.",
    "The Arakan Army entered Pauktaw from three directions.",
    "The Arakan Army drove regime troops out of Pauktaw.",
])
def test_a_verb_with_a_place_object_is_a_seizure(nlp, text):
    seizures = [f for f in events(nlp, text) if event_type(f) == "non-state-actor-overtakes-territory"]
    assert seizures and (AA, "attacker") in roles(seizures[0]) and places(seizures[0]) == ["pauktaw"]


@pytest.mark.parametrize("text", [
    "The Arakan Army took a delegation to talks in Pauktaw.",
    "The delegation entered talks with the Arakan Army.",
])
def test_take_and_enter_without_a_place_object_are_no_event(nlp, text):
    assert events(nlp, text) == []


def test_an_irregular_past_the_tagger_misread_still_triggers(nlp):
    (frame,) = events(nlp, "In January, troops retook Wad Madani, the capital of Gezira state, from the RSF.")
    assert event_type(frame) == "government-regains-territory"
    assert (ACTOR + "rsf", "target") in roles(frame)
    assert frame.places  # "Wad Madani", right after the capture verb, is a place whatever the tagger said


def test_a_nationality_on_the_trigger_names_the_attacking_state(nlp):
    (frame,) = events(nlp, "Ukraine's General Staff reported repeated Russian assaults near Robotyne.")
    assert (ACTOR + "russian-armed-forces", "attacker") in roles(frame)


def test_an_air_strike_with_no_attacker_is_the_only_states(nlp):
    (frame,) = events(nlp, "A fighter jet dropped bombs on a crowd in Pazigyi village, Kanbalu Township, witnesses said.")
    assert roles(frame) == {(MYANMAR_MILITARY, "attacker")}


def test_a_drone_strike_with_no_attacker_stays_without_one(nlp):
    (frame,) = events(nlp, "A drone strike hit a market in Kanbalu Township on Monday, witnesses said.")
    assert roles(frame) == set()


def test_a_units_force_shares_its_role(nlp):
    (frame, *_) = events(nlp, "The KNDF overran the base of Light Infantry Battalion 275 near Loikaw.")
    assert {(ACTOR + "lib-275", "target"), (MYANMAR_MILITARY, "target")} <= roles(frame)


def test_where_a_force_comes_from_is_not_where_it_fought(nlp):
    (frame,) = events(nlp, "Resistance forces in Tanintharyi Region attacked two junta outposts in Launglon Township on Tuesday.")
    assert places(frame) == ["launglon-township"]


def test_places_listed_together_all_count(nlp):
    (frame,) = events(nlp, "In October the KIA seized the mining areas around Pangwa and Chipwi near the border.")
    assert set(places(frame)) >= {"chipwi"} and len(frame.places) == 2


def test_a_capital_standing_for_its_government_is_no_place(nlp):
    frames = events(nlp, "Russian forces captured Bakhmut last May, handing Moscow its biggest gain.")
    assert frames and all("geonames-524901" not in places(f) for f in frames)


@pytest.mark.parametrize("text, attacker", [
    ("A group calling itself the Zorin Warriors claimed the ambush at Kumbo in a video.", "zorin-warriors"),
    ("The Arakan Army is blamed for an attack on farmers near the village of Kyauktaw last month.", "aa"),
])
def test_who_claims_or_is_blamed_for_an_attack_is_its_attacker(nlp, text, attacker):
    frames = [f for f in events(nlp, text) if event_type(f) == "armed-clash"]
    assert frames and (ACTOR + attacker, "attacker") in roles(frames[0])


def test_the_police_blaming_a_group_are_not_its_attacker(nlp):
    frames = events(nlp, "In Loikaw, police blamed the KNDF for the attack on a checkpoint.")
    assert frames and all(r[0] != ACTOR + "myanmar-police-force" or r[1] != "attacker" for f in frames for r in f.roles)


@pytest.mark.parametrize("text, expected_type", [
    ("Hours later, junta jets struck KNDF hideouts near Loikaw.", "air-drone-strike"),
    ("The KNDF said its fighters had targeted a police post at Loikaw.", "armed-clash"),
])
def test_a_strike_verb_on_a_target_is_an_attack(nlp, text, expected_type):
    assert [event_type(f) for f in events(nlp, text)] == [expected_type]


@pytest.mark.parametrize("text", ["Inflation hit Yangon hard this year.", "The two sides struck a deal in Loikaw."])
def test_a_strike_verb_on_no_military_target_is_no_event(nlp, text):
    assert events(nlp, text) == []


def test_a_possessive_object_points_back_to_the_speaker(nlp):
    frames = events(nlp, "The MNDAA said junta drones had struck its positions at Loi Hsang on Monday.")
    assert frames and {(ACTOR + "mndaa", "target"), (MYANMAR_MILITARY, "attacker")} <= roles(frames[0])


def test_the_group_a_source_blames_is_the_attacker(nlp):
    (frame,) = events(nlp, "Shelling of the Abu Shouk displacement camp killed seven people, according to the local "
                           "Emergency Response Room, which blamed the RSF.")
    assert (ACTOR + "rsf", "attacker") in roles(frame)
    assert frame.places  # "the Abu Shouk displacement camp" is a place


def test_a_clause_that_only_dates_the_event_gives_no_place(nlp):
    frames = events(nlp, "The latest fighting comes a week after a UN envoy met Houthi negotiators in Muscat.")
    assert frames and all(not f.places for f in frames)


def test_the_raids_of_a_force_from_elsewhere_happened_where_the_last_event_did(nlp):
    frames = events(nlp, "Resistance forces attacked two junta outposts in Launglon Township on Tuesday. "
                         "Fighters from PDF battalions in Dawei District carried out the raids together.")
    assert places(frames[-1]) == ["launglon-township"]


def test_a_forces_home_stays_its_place_when_nothing_closer_is_named(nlp):
    frames = events(nlp, "Elsewhere in Chin State, a CDF battalion in Matupi Township said its fighters had "
                         "ambushed a military column on Sunday.")
    assert frames and places(frames[0]) == ["matupi-township"]


def test_the_clashes_moving_elsewhere_keep_their_belligerents(nlp):
    frames = events(nlp, "ELN fighters clashed with FARC dissidents near Fortul on Saturday. "
                         "By Sunday the clashes had moved west to La Reforma and El Paraiso.")
    assert frames[-1].places and {r[0] for r in frames[-1].roles} >= {r[0] for r in frames[0].roles} != set()


def test_clashes_reported_right_after_the_sides_fought_are_theirs_later_ones_are_not(nlp):
    text = ("On Tuesday night, fighting broke out again, this time between the 444 Brigade and the Special "
            "Deterrence Force in Tripoli. Heavy clashes were reported in Souq al-Juma and around the airport.")
    first, *_, last = events(nlp, text)
    assert {r[0] for r in first.roles} >= {ACTOR + "444th-brigade", ACTOR + "radaa"}  # "this time between"
    assert last.places and {r[0] for r in last.roles} >= {ACTOR + "444th-brigade", ACTOR + "radaa"}
    text = text.replace(" Heavy clashes", " Residents fled. Officials met. Heavy clashes")
    assert not events(nlp, text)[-1].roles


def test_firing_towards_a_post_attacks_whoever_holds_it(nlp):
    (frame,) = events(nlp, "In a separate incident late on Saturday, suspected militants fired several rounds towards "
                           "a Manipur Police post at Phougakchao Ikhai in Bishnupur district, officials said.")
    assert (ACTOR + "manipur-police", "target") in roles(frame) and places(frame) == ["in-phougakchao-ikhai"]


def test_an_assault_claimed_by_a_hyphen_named_group_is_that_groups(nlp):
    frames = events(nlp, "Militants stormed a police post in Daraban on Monday, killing four officers. That assault was "
                         "claimed by Tehreek-e-Jihad Pakistan, which officials describe as a front for the TTP.")
    assert (ACTOR + "tehreek-e-jihad-pakistan", "attacker") in roles(frames[-1]) and places(frames[-1]) == ["pk-daraban"]


def test_fighting_reported_in_a_place_happened_there(nlp):
    (frame,) = events(nlp, "Heavy fighting was reported in Kyaukme on Sunday.")
    assert places(frame) == ["kyaukme"]


def test_a_bare_claim_of_responsibility_names_the_last_attacker(nlp):
    frames = events(nlp, "Militants attacked an army post in Djoulabougou on Tuesday. JNIM claimed responsibility.")
    assert (ACTOR + "jnim", "attacker") in roles(frames[0])


def test_there_is_the_place_just_named(nlp):
    frames = events(nlp, "Troops pursued the rebels towards Namalala, a fishing settlement. A firefight broke out there on Monday.")
    assert frames and len(frames[-1].places) == 1 and "namalala" in frames[-1].places[0]


def test_a_mediator_is_no_party_to_the_fighting(nlp):
    frames = events(nlp, "A ceasefire brokered by China had paused the fighting around Mogok for several months.")
    assert all(not r[0].endswith("armed-forces-of-china") for f in frames for r in f.roles)


def test_who_trained_a_unit_is_no_party_to_its_fighting(nlp):
    frames = events(nlp, "Officials said the Danab unit, trained by the United States, had clashed with Al-Shabaab "
                         "near Sabiid in Lower Shabelle on Tuesday.")
    assert frames and all(not r[0].endswith("us-armed-forces") for f in frames for r in f.roles)


def test_a_place_followed_by_its_named_area_is_where_it_happened(nlp):
    (frame,) = [f for f in events(nlp, "Three Cameroonian soldiers were killed when separatist fighters attacked a "
                                       "military post in Batibo, Momo Division, on Sunday.") if f.places]
    assert frame.places == [PLACE + "geonames-2234684"]


def test_places_listed_before_an_area_are_side_by_side(nlp):
    (frame,) = events(nlp, "ELN fighters moved into Tibu, El Tarra and Teorama municipality, attacking the dissidents.")[:1]
    assert len(frame.places) == 3


def test_a_group_owning_an_apposition_takes_no_part(nlp):
    frames = events(nlp, "In July 2024, dozens of junta soldiers were killed near Demoso during several days of fighting "
                         "with fighters of the Karenni Nationalities Defense Force (KNDF), the Karenni Army's predecessor.")
    assert frames and all(r[0] != KA for f in frames for r in f.roles)


def test_a_groups_own_members_take_its_part(nlp):
    frames = events(nlp, "KNDF fighters captured five of the Karenni Army's members during a clash at Demoso on Monday.")
    assert any(r[0] == KA for f in frames for r in f.roles)


def test_a_blank_line_ends_a_sentence(nlp):
    doc = nlp("Troops raided a camp in Loikaw last week, the KNDF said.\n\nThe KNDF seized Demoso in 2023.")
    assert len(list(doc.sents)) == 2


def test_a_weak_trigger_in_its_own_main_clause_is_an_event(nlp):
    frames = events(nlp, "KNDF fighters killed dozens of soldiers at Demoso in 2023, and in March the KIA ambushed "
                         "a convoy near Bhamo.")
    assert any("demoso" in places(f) and (ACTOR + "kndf", "attacker") in roles(f) for f in frames)


def test_who_surrenders_is_the_side_that_lost(nlp):
    frames = events(nlp, "The TNLA said dozens of junta soldiers had surrendered in Mogok.")
    assert frames and (MYANMAR_MILITARY, "target") in roles(frames[0])


def test_its_troops_are_the_speakers(nlp):
    (frame, *_) = events(nlp, "The TNLA said its troops captured the last junta base in Mogok on Wednesday.")
    assert (ACTOR + "tnla", "attacker") in roles(frame) and (MYANMAR_MILITARY, "attacker") not in roles(frame)


def test_where_something_was_said_is_no_event_place(nlp):
    frames = events(nlp, "In New York, a U.N. spokesman told reporters the fighting in northern Shan State had intensified.")
    assert frames and all("geonames-5128581" not in places(f) for f in frames)


@pytest.mark.parametrize("text, expected", [
    ("The KNDF took part in talks in Loikaw in June.", 0),
    ("The KNDF took part in the assault on Loikaw in June.", 1),
])
def test_taking_part_counts_only_in_fighting(nlp, text, expected):
    assert len([f for f in events(nlp, text) if f.trigger.weak or event_type(f) == "armed-clash"]) == expected


def test_a_group_blamed_after_the_event_is_its_attacker(nlp):
    frames = events(nlp, "A roadside bomb killed three police reservists near Lamu on Sunday. Police blamed al-Shabaab.")
    assert frames and (ACTOR + "al-shabaab", "attacker") in roles(frames[0])


def test_a_pronoun_carries_a_weak_trigger_across_a_paragraph(nlp):
    frames = events(nlp, "The KNDF said it had captured a junta base in Loikaw on Friday.\n\n"
                         "Its tally of the regime's losses: upward of 200 troops dead.")
    assert places(frames[-1]) == ["loikaw"]


@pytest.mark.parametrize("text, role", [
    ("The main rival of the army is the Arakan Army, which captured Paletwa in January.", "attacker"),
    ("Analysts named the Arakan Army, which was attacked near Paletwa in January.", "target"),
])
def test_the_noun_a_relative_clause_describes_is_its_subject(nlp, text, role):
    (frame,) = events(nlp, text)
    assert (AA, role) in roles(frame) and places(frame) == ["paletwa"]
    assert not any(iri == MYANMAR_MILITARY for iri, _ in roles(frame))


def test_a_relative_clause_on_a_part_of_a_group_is_about_the_group(nlp):
    frames = events(nlp, "Troops fought a unit of the Arakan Army (AA), which later captured Paletwa.")
    seizure = next(f for f in frames if event_type(f) == "non-state-actor-overtakes-territory")
    assert roles(seizure) == {(AA, "attacker")} and places(seizure) == ["paletwa"]


def test_whoever_held_a_taken_place_lost_it(nlp):
    (frame,) = events(nlp, "The Arakan Army captured Paletwa, which had been held by the junta since 2021.")
    assert roles(frame) == {(AA, "attacker"), (MYANMAR_MILITARY, "target")}


def test_a_groups_factions_are_the_group(nlp):
    (frame,) = events(nlp, "On Monday, KIA factions attacked a junta base near Bhamo.")
    assert (ACTOR + "kia", "attacker") in roles(frame)
    (frame,) = events(nlp, "On Monday, a KIA splinter faction attacked a junta base near Bhamo.")
    assert (ACTOR + "kia", "attacker") not in roles(frame)


def test_a_speaker_described_by_a_relative_clause_did_what_it_says(nlp):
    frames = events(nlp, "The Kachin Independence Army, which seized Bhamo last month, said it attacked a junta base.")
    seizure = next(f for f in frames if event_type(f) == "non-state-actor-overtakes-territory")
    assert (ACTOR + "kia", "attacker") in roles(seizure)


def test_where_people_fled_to_is_no_place_of_the_fighting(nlp):
    frames = events(nlp, "Troops clashed with BIFF gunmen near Datu Hoffer Ampatuan on Saturday. Some 600 families "
                         "fled to evacuation centres in Shariff Aguak as the fighting raged.")
    assert not any("ph-shariff-aguak" in places(f) for f in frames)


def test_a_part_of_a_place_named_with_a_possessive_is_that_place(nlp):
    (frame,) = events(nlp, "The KNDF attacked junta positions on Loikaw's southern outskirts on Monday.")
    assert places(frame) == ["loikaw"]
    (frame,) = events(nlp, "The KNDF attacked a junta base in Myitta, a sub-township of Tanintharyi Region's Dawei District.")
    assert places(frame) == ["mm-myitta"]


def test_a_deed_told_after_but_escapes_the_negation_before_it(nlp):
    frames = events(nlp, "The KNDF did not confirm the losses, but said its fighters had repelled junta assaults near Demoso.")
    assert frames and all(places(f) == ["demoso"] for f in frames)
    (frame,) = events(nlp, "The army did not attack Loikaw but shelled Demoso.")
    assert places(frame) == ["demoso"]


def test_the_outskirts_of_a_town_are_where_it_happened(nlp):
    (frame,) = events(nlp, "The KNDF attacked the outskirts of Loikaw on Monday.")
    assert places(frame) == ["loikaw"]


@pytest.mark.parametrize("text", [
    "Three members of the Frontier Corps were killed when TTP fighters attacked a post in Wana.",
    "Two personnel of the Frontier Corps were martyred and four others injured when TTP fighters attacked a post in Wana.",
])
def test_whose_men_fell_when_an_attack_came_was_its_target(nlp, text):
    (frame,) = events(nlp, text)
    assert roles(frame) == {(ACTOR + "frontier-corps", "target"), (ACTOR + "ttp", "attacker")}


def test_a_force_noun_carries_its_owner_into_the_event(nlp):
    (frame,) = events(nlp, "A roadside bomb struck a junta patrol near Loikaw, killing two soldiers.")
    assert (MYANMAR_MILITARY, "target") in roles(frame)


def test_a_place_the_text_puts_inside_another_is_the_specific_one(nlp):
    (frame,) = events(nlp, "The KNDF opened fire on the position outside the village of Daw Ta Ma Gyi, in the Moebye valley, on Sunday.")
    assert places(frame) == ["mm-daw-ta-ma-gyi"]


def test_a_definite_noun_points_back_to_the_event_told_before(nlp):
    frames = events(nlp, "The Arakan Army has claimed an attack on a junta outpost in Rakhine State.\n\n"
                         "Hundreds of fighters attacked the outpost at Kyauk Ta Lone village on Sunday, residents said.")
    assert (AA, "attacker") in roles(frames[-1]) and places(frames[-1]) == ["mm-kyauk-ta-lone-village"]


def test_a_clause_about_another_moment_with_its_own_subject_tells_its_own_event(nlp):
    frames = events(nlp, "Thursday's attack was the worst since January 8, when KNDF fighters killed 28 soldiers "
                         "at a junta position in Nan Nein village, also in Pekon Township.")
    assert any((KNDF, "attacker") in roles(f) and places(f) == ["mm-nan-nein-village"] for f in frames)


def test_an_event_noun_with_a_place_of_its_own_is_its_own_event(nlp):
    frames = events(nlp, "The KNDF has claimed most of the attacks in Kayah State since its first assault on a junta post at Demoso.")
    assert any(places(f) == ["demoso"] and (KNDF, "attacker") in roles(f) for f in frames)


def test_a_bare_post_a_group_struck_is_the_states(nlp):
    (frame,) = events(nlp, "The Arakan Army struck a post near Paletwa on Monday.")
    assert (MYANMAR_MILITARY, "target") in roles(frame)


def test_a_blocking_verb_does_not_block_a_deed_told_beside_it(nlp):
    frames = events(nlp, "KNDF fighters stopped vehicles on a highway in Demoso and shot dead three soldiers.")
    assert any(event_type(f) == "armed-clash" and places(f) == ["demoso"] for f in frames)


def test_a_speaker_who_only_names_the_event_is_no_attacker(nlp):
    frames = events(nlp, "The KNDF said two soldiers were killed near Loikaw in what it described as a foiled attack.")
    assert frames and all((KNDF, "attacker") not in roles(f) for f in frames)


def test_what_is_rammed_into_is_the_target(nlp):
    (frame,) = events(nlp, "A suicide bomber rammed a truck into a convoy of the Karenni Army near Loikaw.")
    assert (KA, "target") in roles(frame)


def test_a_clause_with_its_own_subject_keeps_its_place_from_the_deed_beside_it(nlp):
    frames = events(nlp, "KNDF fighters stopped vehicles on a highway in Demoso and shot dead three soldiers, "
                         "while other fighters stormed a junta camp in Loikaw.")
    assert sorted(places(f)[0] for f in frames if f.places) == ["demoso", "loikaw"]


def test_it_after_a_clause_is_its_subject_not_its_object(nlp):
    frames = events(nlp, "The Arakan Army has seized most of Rakhine State. "
                         "In January it drove junta troops out of Paletwa, and later that month it took Pauktaw.")
    took = next(f for f in frames if places(f) == ["pauktaw"])
    assert (AA, "attacker") in roles(took) and (MYANMAR_MILITARY, "attacker") not in roles(took)


def test_a_nationality_on_a_list_of_strike_kinds_names_the_attacker(nlp):
    frames = events(nlp, "Congolese officials said it began with Ugandan air and artillery strikes on ADF camps near Beni.")
    assert frames and (ACTOR + "updf", "attacker") in roles(frames[0])


def test_where_the_wounded_were_taken_is_no_event_place(nlp):
    frames = events(nlp, "The KNDF attacked Demoso on Sunday; the wounded were shifted to hospitals in Loikaw and Taunggyi.")
    assert all(set(places(f)) <= {"demoso"} for f in frames)


def test_a_hospital_attacked_keeps_its_place(nlp):
    frames = [f for f in events(nlp, "The junta fired on a hospital in Loikaw.") if f.places]
    assert frames and places(frames[0]) == ["loikaw"]


def test_fired_on_a_target_is_an_attack(nlp):
    (frame,) = events(nlp, "KNDF fighters fired at a junta convoy near Loikaw.")
    assert (KNDF, "attacker") in roles(frame) and places(frame) == ["loikaw"]


def test_towns_taken_including_named_ones_is_a_seizure_of_each(nlp):
    frames = events(nlp, "The KIA has seized most of Kachin State. Since then the group has taken several towns, "
                         "including Dawthponeyan in Waingmaw Township and the border trade hub of Lweje.")
    assert any((ACTOR + "kia", "attacker") in roles(f) and places(f) == ["mm-dawthponeyan", "mm-lweje"] for f in frames)


def test_a_groups_political_wing_takes_no_part(nlp):
    frames = events(nlp, "KIA fighters seized Bhamo University on January 12, according to a statement from the "
                         "Kachin Independence Organisation (KIO), the group's political wing.")
    assert frames and all(not any(role == "target" for _, role in roles(f)) for f in frames)


def test_fighters_from_a_group_after_the_agent_share_its_role(nlp):
    (frame,) = events(nlp, "The column was ambushed near Sinkan village by KIA troops and fighters from the "
                           "All Burma Students' Democratic Front (ABSDF), a long-time ally of the Kachin group.")
    assert {(ACTOR + "kia", "attacker"), (ACTOR + "absdf", "attacker")} <= roles(frame)


def test_those_killed_by_an_attack_are_its_target(nlp):
    (frame,) = events(nlp, "Suspected militants attacked security posts in Loikaw, killing two Karenni Army fighters.")
    assert (KA, "target") in roles(frame)


def test_a_station_that_was_overrun_is_the_target_even_with_overrun_read_as_a_noun(nlp):
    doc = nlp("KNDF fighters entered Loikaw on Saturday. The police station was overrun on Sunday and the "
              "township administration office fell on Monday morning, after which the fighters held the town.")
    overrun = next(f for f in doc._.kg_events if doc[f.trigger.start].lower_ == "overrun")
    assert (ACTOR + "myanmar-police-force", "attacker") not in roles(overrun)


def test_the_offensive_of_a_group_is_its_attack(nlp):
    frames = events(nlp, "Loikaw is reeling from the offensive of the KNDF rebels near Demoso.")
    assert frames and (KNDF, "attacker") in roles(frames[0])


def test_it_that_began_is_the_operation_not_a_group(nlp):
    frames = events(nlp, "The KNDF attacked Loikaw in June. It began with junta air strikes on rebel camps near Demoso.")
    strike = next(f for f in frames if event_type(f) == "air-drone-strike")
    assert (KNDF, "attacker") not in roles(strike)


def test_moving_against_a_group_is_an_attack(nlp):
    (frame,) = events(nlp, "Within hours, the KNDF and the Karenni Army moved against junta troops in Loikaw.")
    assert {(KNDF, "attacker"), (KA, "attacker")} <= roles(frame) and places(frame) == ["loikaw"]


def test_all_three_attacks_carried_out_by_a_group_name_the_attacker_of_each(nlp):
    frames = events(nlp, "Gunmen opened fire on a junta base in Demoso on Saturday. Hours later a roadside bomb hit a patrol "
                         "in Loikaw. Officials said all three attacks were carried out by fighters of the KNDF.")
    placed = [f for f in frames if f.places]
    assert placed and all((KNDF, "attacker") in roles(f) for f in placed)


def test_both_attacks_blamed_on_a_group_are_its_attacks_not_where_its_description_says(nlp):
    frames = events(nlp, "Gunmen opened fire on a junta base in Demoso on Saturday. Hours later a roadside bomb hit a "
                         "patrol in Loikaw. The army blamed both attacks on the KNDF, the main armed group fighting for "
                         "autonomy for the townships of Pekon and Mobye.")
    placed = [f for f in frames if f.places]
    assert placed and all((KNDF, "attacker") in roles(f) for f in placed)
    assert not any("pekon" in p or "mobye" in p for f in frames for p in f.places)


def test_an_aircraft_bombing_in_a_one_state_war_is_the_states_strike(nlp):
    frames = events(nlp, "Junta troops shelled Demoso. On Friday an An-12 aircraft bombed a school in Loikaw, residents said.")
    strike = next(f for f in frames if event_type(f) == "air-drone-strike")
    assert (MYANMAR_MILITARY, "attacker") in roles(strike)


def test_its_troops_are_the_speakers_not_its_owners(nlp):
    frames = events(nlp, "The junta's Light Infantry Battalion 12 said its troops had clashed with KNDF fighters in Loikaw.")
    assert any(role == "attacker" and iri.endswith("light-infantry-battalion-12") for iri, role in roles(frames[0]))


def test_a_target_named_inside_nested_modifiers_makes_an_attack(nlp):
    frames = events(nlp, "Junta jets struck KNDF fuel depots and weapons stores in Demoso on Sunday.")
    assert frames and (KNDF, "target") in roles(frames[0]) and places(frames[0]) == ["demoso"]


def test_a_long_name_the_parse_breaks_keeps_its_role(nlp):
    frames = events(nlp, "M23 rebels attacked positions held by the Front pour la liberation des montagnes unies "
                         "(FPLMU) near Walikale.")
    assert any(role == "target" and "montagnes" in iri for iri, role, _ in frames[0].roles)


def test_a_war_between_two_groups_in_a_place_is_a_clash_of_both(nlp):
    (frame,) = events(nlp, "The war between the KNDF and the junta erupted in Loikaw in 2023.")
    assert {(KNDF, "participant"), (MYANMAR_MILITARY, "participant")} <= roles(frame) and places(frame) == ["loikaw"]


def test_coming_under_fire_from_a_group_makes_it_the_attacker(nlp):
    (frame,) = events(nlp, "Junta troops came under fire from KNDF fighters near Demoso on Sunday.")
    assert {(KNDF, "attacker"), (MYANMAR_MILITARY, "target")} <= roles(frame)


def test_they_after_a_list_of_speakers_is_every_one_of_them(nlp):
    frames = events(nlp, "On Sunday, fighters from the KNDF and the Karenni Army said they had repelled a junta "
                         "column near Demoso.")
    assert {(KNDF, "attacker"), (KA, "attacker")} <= roles(frames[0])



def test_a_group_reporting_an_ambush_with_no_one_named_did_it(nlp):
    (frame,) = events(nlp, "A junta convoy was ambushed near Demoso on Friday, a KNDF spokesman said.")
    assert (KNDF, "attacker") in roles(frame)


def test_a_group_reporting_deaths_with_no_one_named_did_not_cause_them(nlp):
    frames = events(nlp, "Five villagers were killed near Demoso on Friday, a KNDF spokesman said.")
    assert all((KNDF, "attacker") not in roles(f) for f in frames)


def test_a_town_named_on_the_hospital_the_wounded_reached_is_no_event_place(nlp):
    frames = events(nlp, "Elders said six KNDF fighters were killed, and that the wounded had been taken to Loikaw hospital.")
    assert all("loikaw" not in places(f) for f in frames)


@pytest.mark.parametrize("text, home", [
    ("KNDF fighters in Demoso attacked a junta outpost.", True),
    ("Junta troops clashed with KNDF fighters in Demoso on Wednesday.", False),
])
def test_the_side_fought_with_in_a_place_is_met_there_not_from_there(nlp, text, home):
    from kg.events import _is_home

    doc = nlp(text)
    demoso = next(t for t in doc if t.text == "Demoso")
    assert demoso.head.head.lower_ == "fighters"  # the parse ties the place to the fighters
    assert _is_home(demoso, {"fighter", "troop", "force"}) is home


def test_a_date_read_as_a_subject_leaves_the_deed_to_the_first_subject(nlp):
    frames = events(nlp, "In June, KNDF fighters overran an outpost near Demoso, and days later seized Loikaw.")
    seizure = next(f for f in frames if places(f) == ["loikaw"])
    assert (KNDF, "attacker") in roles(seizure)


def test_a_main_verb_read_as_a_modifier_keeps_its_subject(nlp):
    frames = events(nlp, "In May, the Red Hill gang, which is allied with the Karenni Army, killed at least 15 people in Demoso.")
    assert any(iri.endswith("red-hill-gang") and role == "attacker" for iri, role in roles(frames[0]))


def test_a_place_put_before_a_group_telling_of_its_deeds_is_where_they_happened(nlp):
    frames = events(nlp, "Further south, at Nan Mae Khon, the KNDF said its fighters had overrun two junta outposts on Monday.")
    assert frames and "nan-mae-khon" in " ".join(frames[0].places) and (KNDF, "attacker") in roles(frames[0])


def test_a_place_put_before_a_spokesman_is_where_he_spoke(nlp):
    frames = events(nlp, "In Bangkok, a U.N. spokesman said fighting had killed 20 people.")
    assert all(not f.places for f in frames)


def test_the_base_of_a_unit_hit_in_a_town_is_hit_there(nlp):
    frames = events(nlp, "Further south, KNDF fighters have launched several assaults on the headquarters of the "
                         "junta's 33rd Light Infantry Division in Demoso, in Karenni State.")
    assert frames and all(places(f) == ["demoso"] for f in frames)


def test_groups_listed_with_an_event_take_the_part_of_its_subject(nlp):
    frames = events(nlp, "PDF units took part in the assault on Demoso, including the KNDF and the Karenni Army.")
    assert {(KNDF, "attacker"), (KA, "attacker")} <= roles(frames[0])


def test_a_shooting_is_a_clash(nlp):
    assert [event_type(f) for f in events(nlp, "The shooting near Demoso lasted two hours.")] == ["armed-clash"]


def test_a_town_listed_among_the_parts_taken_is_where_it_happened(nlp):
    frames = events(nlp, "In 2023 the KNDF captured large parts of Karenni State and two townships, including the town of Demoso.")
    assert "demoso" in places(frames[0])


def test_its_army_after_a_country_acting_is_that_countrys(nlp):
    frames = events(nlp, "Ukrainian troops hold the line near Kupiansk. The front has been quiet since Russia's winter "
                         "offensive in 2023, when its army shelled Kharkiv.")
    shelling = next(f for f in frames if event_type(f).startswith("shelling"))
    assert (ACTOR + "russian-armed-forces", "attacker") in roles(shelling)
    assert (ACTOR + "armed-forces-of-ukraine", "attacker") not in roles(shelling)


def test_a_whole_country_is_no_event_place(nlp):
    frames = events(nlp, "The junta has bombed villages across Myanmar since the coup.")
    assert frames and all("myanmar" not in places(f) for f in frames)


@pytest.mark.parametrize("text", [
    "The KNDF and the Arakan Army clashed near Loikaw on Monday.",
    "The KNDF and the Arakan Army exchanged fire near Loikaw on Monday.",
])
def test_a_listed_subject_of_a_reciprocal_verb_fights_each_other(nlp, text):
    (frame,) = events(nlp, text)
    assert roles(frame) == {(KNDF, "participant"), (AA, "participant")}


def test_a_listed_subject_clashing_with_another_side_attacks_together(nlp):
    (frame,) = events(nlp, "The KNDF and the Arakan Army clashed with junta troops near Loikaw.")
    assert {(KNDF, "attacker"), (AA, "attacker")} <= roles(frame)


@pytest.mark.parametrize("companion", ["alongside", "together with", "along with", "in coordination with"])
def test_a_group_fighting_alongside_the_subject_shares_its_part(nlp, companion):
    (frame,) = events(nlp, f"The KNDF attacked a junta base {companion} the Arakan Army near Loikaw.")
    assert {(KNDF, "attacker"), (AA, "attacker")} <= roles(frame)


def test_a_companion_of_a_verb_used_as_a_preposition_takes_no_part(nlp):
    frames = events(nlp, "Following Friday's ambush, the KNDF, along with the Arakan Army, have intensified patrols "
                         "in Loikaw, a spokesperson said.")
    assert all(not frame.roles for frame in frames)


def test_what_the_subject_is_a_member_of_takes_no_part_in_its_deed(nlp):
    (frame, *_) = events(nlp, "The KNDF, a member of an alliance together with the Arakan Army and the Karenni Army, "
                              "launched its offensive in Loikaw in November.")
    assert roles(frame) == {(KNDF, "attacker")}


def test_groups_acting_in_a_where_clause_fought_in_the_event_that_names_none(nlp):
    frames = events(nlp, "Fighting also flared at the Qara Qozak bridge, about 25km north of the dam, where KNDF "
                         "fighters attempted to cross the river on Monday before being pushed back by Arakan Army "
                         "units, the monitor said.")
    fighting = next(f for f in frames if f.trigger.start == 0)
    assert roles(fighting) == {(KNDF, "participant"), (AA, "participant")}


def test_the_owner_of_an_offensive_named_by_a_possessive_launches_it(nlp):
    frames = events(nlp, "The KNDF held a meeting in Demoso on Monday. Two days later, commanders used the lull "
                         "to launch their own offensive in Loikaw.")
    assert frames and all(roles(f) == {(KNDF, "attacker")} for f in frames if f.sentence_index == 1)


def test_a_town_a_distance_and_direction_away_is_no_place_of_the_event(nlp):
    frames = events(nlp, "The deadliest clashes took place on Sunday in Drodro, a locality in Djugu territory about "
                         "80 kilometres north of the provincial capital Bunia, where CODECO fighters attacked positions "
                         "of the Zaire militia.")
    assert frames and all(PLACE + "geonames-217695" not in f.places for f in frames)  # Bunia


def test_a_pronoun_points_to_the_main_clauses_subject_not_a_subordinate_ones(nlp):
    doc = nlp("The Kachin Independence Army has grown steadily in the north since junta troops left Waingmaw. "
              "In March, its fighters seized the town of Sumprabum.")
    seizure = next(f for f in doc._.kg_events if event_type(f) == "non-state-actor-overtakes-territory")
    assert (ACTOR + "kia", "attacker") in roles(seizure) and MYANMAR_MILITARY not in {i for i, _ in roles(seizure)}


def test_a_place_in_an_apposition_to_the_subject_is_not_where_the_event_was(nlp):
    frames = events(nlp, "The MSA and GATIA, both signatories of the 2015 Algiers peace agreement that Mali's junta tore "
                         "up in January 2024, have fought alongside the army against the jihadists.")
    fought = next(f for f in frames if event_type(f) == "armed-clash")
    assert fought.places == []


def test_both_sides_are_the_two_sides_last_named_together(nlp):
    frames = events(nlp, "The KNDF accused the Arakan Army of shelling villages. "
                         "The next day fighting between the two groups broke out near Demoso.")
    fight = next(f for f in frames if event_type(f) == "armed-clash")
    assert {KNDF, AA} <= {iri for iri, _ in roles(fight)}
    assert not any(role == "attacker" for _, role in roles(fight))


def test_a_place_after_an_apposition_is_where_the_sentence_deed_was(nlp):
    frames = events(nlp, "On Sunday, soldiers clashed with gunmen from the KNDF, the group led by the sons of "
                         "a former commander, in Demoso, according to the ministry.")
    fight = next(f for f in frames if event_type(f) == "armed-clash")
    assert fight.places == [PLACE + "demoso"]


def test_a_group_accused_of_killing_is_its_attacker_not_the_claimant(nlp):
    frames = events(nlp, "KNDF fighters were accused of killing 40 villagers near Demoso in May.")
    killing = next(f for f in frames if f.places)
    assert (KNDF, "attacker") in roles(killing)


def test_them_as_the_object_is_the_group_named_before_not_the_subject(nlp):
    frames = events(nlp, "Karenni Army fighters attacked Demoso on Monday. The junta defeated them near Loikaw.")
    defeat = next(f for f in frames if f.sentence_index == 1)
    assert (KA, "target") in roles(defeat) and (MYANMAR_MILITARY, "attacker") in roles(defeat)


def test_a_nationality_on_the_strike_that_is_the_subject_names_the_attacking_state(nlp):
    (frame,) = events(nlp, "KYIV, Ukraine - Russian strikes on Kharkiv killed four people on Monday, officials said.")
    assert (ACTOR + "russian-armed-forces", "attacker") in roles(frame)


def test_a_nationality_on_the_weapon_of_a_drone_strike_names_the_attacking_state(nlp):
    (frame,) = events(nlp, "Turkish drone strikes near Qamishli killed three SDF fighters on Friday.")
    assert event_type(frame) == "air-drone-strike"
    assert (ACTOR + "turkish-armed-forces", "attacker") in roles(frame)


@pytest.mark.parametrize("text, place", [
    ("KYIV - Russian forces have pushed deeper into Pokrovsk, Ukraine's military said.", "Pokrovsk"),
    ("KYIV - Russian troops advanced into Toretsk on Monday.", "Toretsk"),
    ("KYIV - Russian units briefly broke through Ukrainian lines near the village of Kucheriv Yar.", "Kucheriv Yar"),
])
def test_pushing_into_or_breaking_through_is_fighting_where_it_goes(nlp, text, place):
    doc = nlp(text)
    (frame,) = doc._.kg_events
    assert (ACTOR + "russian-armed-forces", "attacker") in roles(frame)
    assert len(frame.places) == 1 and place in doc._.kg_entities[frame.places[0]].labels


def test_a_count_after_a_place_is_no_part_of_its_name(nlp):
    (frame,) = events(nlp, "Ukraine's General Staff said Russian troops attacked Ukrainian positions near Rodynske "
                           "17 times over the past 24 hours.")
    assert frame.places and all(p.endswith("rodynske") or "geonames" in p for p in frame.places)


def test_a_country_claiming_to_have_captured_a_town_is_its_army_capturing_it(nlp):
    frames = events(nlp, "KYIV - Further east, Russia claimed in February to have captured Toretsk after months of fighting.")
    capture = next(f for f in frames if event_type(f) == "non-state-actor-overtakes-territory")
    assert (ACTOR + "russian-armed-forces", "attacker") in roles(capture)


def test_being_pushed_back_by_the_army_is_fighting_the_army(nlp):
    frames = events(nlp, "ADDIS ABABA - In August 2023, Fano fighters briefly seized the historic town of Lalibela "
                         "before being pushed back by the army.")
    push = next(f for f in frames if event_type(f) == "armed-clash")
    assert (ACTOR + "endf", "attacker") in roles(push) and push.places


def test_an_event_noun_renaming_the_clause_takes_its_subject_however_deep_it_hangs(nlp):
    (frame,) = events(nlp, "In February 2020, Cameroonian soldiers and armed ethnic Fulani killed 21 civilians, including "
                           "13 children, in Ngarbuh village in Donga-Mantung Division, an attack the government first denied.")
    assert (ACTOR + "cameroon-armed-forces", "attacker") in roles(frame)


def test_a_time_of_day_after_before_does_not_hide_the_place_beside_it(nlp):
    frames = events(nlp, "The fighting started before dawn in Demoso, when KNDF fighters attacked a junta camp.")
    assert frames and all(any("demoso" in iri for iri in f.places) for f in frames)


@pytest.mark.parametrize("text, attacker", [
    ("In Taiz, a drone launched by the Houthis struck a house in the al-Rawdah neighbourhood.", ACTOR + "houthis"),
    ("An IED planted by KNDF fighters destroyed a junta truck near Demoso on Monday.", KNDF),
])
def test_the_agent_of_a_weapon_launched_or_planted_is_the_attacker(nlp, text, attacker):
    assert (attacker, "attacker") in roles(events(nlp, text)[0])


def test_a_country_before_an_event_noun_is_its_armed_forces_attacking(nlp):
    (frame,) = events(nlp, "US strikes hit Hodeidah again overnight into Monday, according to Houthi media.")
    assert (ACTOR + "us-armed-forces", "attacker") in roles(frame)


def test_we_in_a_witness_quotation_is_no_group_named_before(nlp):
    frames = events(nlp, "Junta troops in Loikaw said they had shelled KNDF positions in the Demoso area east of the "
                         "town in response.\n\n\"Our children cannot go to school. Every day we hear drones above us,\" "
                         "said Ma Hla, a teacher in Demoso who gave only her first name.")
    assert all(not f.roles for f in frames if f.sentence_index == 2)


def test_a_place_set_off_after_a_short_apposition_is_where_the_deed_was(nlp):
    (frame,) = events(nlp, "Last week, KNDF soldiers backed by local PDFs attacked positions of the Karenni Army (KA), "
                           "another alliance member, near the town of Demoso in Karenni State, a local official said.")
    assert frame.places == [PLACE + "demoso"]


def test_where_attackers_stormed_into_is_where_they_attacked(nlp):
    frames = events(nlp, "Gunmen from the Gran Grif gang stormed into Mirebalais before dawn on Sunday, residents said.")
    assert frames and frames[0].places and frames[0].places[0].startswith(PLACE)


def test_a_countrys_own_spelling_is_no_place_of_an_event(nlp):
    (frame,) = events(nlp, "Fighting spread to Côte d'Ivoire on Sunday.")
    assert frame.places == []


def test_a_noun_the_parser_cut_off_from_the_agent_is_another_agent(nlp):
    frames = events(nlp, "In the southern province of Dhale, a Huthi attack on positions near Murais, in Qataba district, "
                         "was repelled by fighters of the Giants Brigades, also known as Al-Amaliqa, and forces loyal to "
                         "the separatist Southern Transitional Council (STC), according to a statement.")
    assert all((ACTOR + "stc", "attacker") in roles(f) for f in frames)


def test_the_town_a_base_stands_in_is_a_place_of_what_happened_at_the_base(nlp):
    frames = events(nlp, "The AA said its artillery had fired on the Danyawaddy naval base in Kyaukphyu town on Sunday night.")
    assert frames and all(PLACE + "kyaukphyu" in f.places for f in frames)


def test_whoever_responded_by_shelling_shelled(nlp):
    (frame,) = events(nlp, "The regime responded by shelling Taungzun, a town on the highway near Bilin, on Sunday.")
    assert (MYANMAR_MILITARY, "attacker") in roles(frame)
