"""kg_mentions: which spans of a Doc name actors, places and generic references, and how."""

import pytest

from conftest import ACTOR, PLACE


def place_names(nlp, text):
    return {m.text for m in nlp(text)._.kg_mentions if m.kind == "place"}


def mentions(nlp, text):
    return [(m.text, m.kind, m.source) for m in nlp(text)._.kg_mentions]


@pytest.mark.parametrize("text, expected", [
    ("The KNDF attacked an outpost.", ("KNDF", "actor", "gazetteer")),
    ("The Karenni Nationalities Defence Force attacked an outpost.",
     ("Karenni Nationalities Defence Force", "actor", "gazetteer")),
    ("The Tamu People's Defense Force ambushed a convoy.", ("Tamu People's Defense Force", "actor", "pattern")),
    ("Fighting continued in Kawlin on Tuesday.", ("Kawlin", "place", "gazetteer")),
    ("Troops burned Xyzabad village.", ("Xyzabad village", "place", "place-pattern")),
    ("The junta bombed a school.", ("junta", "state", "generic")),
])
def test_mention_kind_and_source(nlp, text, expected):
    assert expected in mentions(nlp, text)


def test_kawlin_is_a_place_not_a_person(nlp):
    doc = nlp("Kawlin was quiet on Sunday after clashes in Kawlin on Saturday.")
    kawlin = [m for m in doc._.kg_mentions if m.text == "Kawlin"]
    assert kawlin and all(m.kind == "place" for m in kawlin)
    assert all(m.iri == PLACE + "kawlin" for m in kawlin)


def test_acronym_defined_in_brackets_binds_later_uses(nlp):
    doc = nlp("Fighters of the Blue River Army (BRA) attacked an outpost. Later the BRA withdrew.")
    assert set(doc._.kg_acronyms) == {"BRA"}
    uses = [m for m in doc._.kg_mentions if m.text == "BRA"]
    assert len(uses) == 2 and {m.source for m in uses} == {"defined"}


def test_mentions_do_not_overlap_and_come_in_text_order(nlp):
    doc = nlp("The Karenni Nationalities Defence Force and the Tamu People's Defense Force attacked Loikaw.")
    found = doc._.kg_mentions
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_a_place_before_a_known_network_makes_a_local_force(nlp):
    (force,) = [m for m in nlp("The Kawlin PDF ambushed a convoy.")._.kg_mentions if m.kind == "actor"]
    assert force.text == "Kawlin PDF"
    assert force.source in ("local", "gazetteer")
    assert force.iri != ACTOR + "pdf"


# ---------------------------------------------------------------- names in no list

@pytest.mark.parametrize("text, expected", [
    ("The Lorvani River Brotherhood, a vigilante outfit, ambushed the convoy.", "Lorvani River Brotherhood"),
    ("The KRLX, a smaller self-defence group, said it joined the attack.", "KRLX"),
    ("Fighters of Katiba Ousmane attacked the post.", "Katiba Ousmane"),
    ("Police blamed the Dan Tanko gang for the raid.", "Dan Tanko gang"),
    ("The Farmers' Hunters' Brotherhood clashed with insurgents.", "Farmers' Hunters' Brotherhood"),
])
def test_group_names_in_no_list_are_actors(nlp, text, expected):
    assert (expected, "actor") in {(t, k) for t, k, _ in mentions(nlp, text)}


def test_a_name_after_a_groups_noun_without_a_comma_is_no_apposition(nlp):
    found = mentions(nlp, 'Officials said the dead were members of a cell linked to Los Chapitos, the faction led by the sons '
                          'of imprisoned drug lord Joaquín "El Chapo" Guzmán.')
    assert not any(k == "actor" and t.startswith("Joaqu") for t, k, _ in found)


@pytest.mark.parametrize("text, expected", [
    ("Gunmen attacked the village of Tolomka in Burkina Faso.", "Tolomka"),
    ("Insurgents stormed Dagassi-Kora, a farming hamlet in Burkina Faso.", "Dagassi-Kora"),
    ("Myanmar troops said a Zin Kyar Taw resident was killed.", "Zin Kyar Taw"),
    ("Kyet Shwe Lin village in Myanmar was raided by soldiers.", "Kyet Shwe Lin village"),
    ("Myanmar junta troops moved on to Htan Pin Gon and Thar Yar Kone.", "Thar Yar Kone"),
])
def test_unknown_places_are_found_by_their_syntax(nlp, text, expected):
    doc = nlp(text)
    found = {m.text: m for m in doc._.kg_mentions if m.kind == "place"}
    assert expected in found and found[expected].iri


def test_a_place_introduced_once_is_the_same_place_later(nlp):
    doc = nlp("Myanmar troops raided Ngar Pyaw Kone village on Monday. Residents of Ngar Pyaw Kone fled after the raid.")
    places = [m for m in doc._.kg_mentions if m.kind == "place" and "Ngar" in m.text]
    assert len(places) == 2 and len({m.iri for m in places}) == 1


def test_sentence_initial_the_is_not_a_place_name(nlp):
    doc = nlp("Sudan's army said El Fasher was calm. The division said it repelled an attack.")
    assert "The division" not in {m.text for m in doc._.kg_mentions}


def test_demonym_before_a_generic_names_that_countrys_force(nlp):
    doc = nlp("Ukrainian troops said Russian forces shelled Kharkiv on Monday.")
    covering = {token: m.iri for m in doc._.kg_mentions for token in m.text.split()}
    assert covering["forces"] == ACTOR + "russian-armed-forces"
    assert covering["troops"] == ACTOR + "armed-forces-of-ukraine"


def test_bracketed_acronym_spells_out_an_unknown_group(nlp):
    doc = nlp("Fighters of the League of Free Herders for the Defence of Tarvo (LFHDT) raided a camp.")
    actors = {m.text for m in doc._.kg_mentions if m.kind == "actor"}
    assert "League of Free Herders for the Defence of Tarvo" in actors and "LFHDT" in actors


def test_acronym_after_a_place_whose_initials_differ_is_not_that_place(nlp):
    doc = nlp("Traders of Butembo (UPDTX) met on Monday. The UPDTX, a self-defence group, said it attacked rebels.")
    assert all(m.kind != "place" for m in doc._.kg_mentions if m.text == "UPDTX")


def test_coordinated_nationalities_each_name_their_force(nlp):
    doc = nlp("In Syria, Russian and Syrian warplanes bombed Idlib on Monday.")
    forces = {m.iri for m in doc._.kg_mentions if m.kind == "state"}
    assert {ACTOR + "russian-armed-forces", ACTOR + "syrian-arab-army"} <= forces


def test_a_nationality_before_village_is_no_village_name(nlp):
    doc = nlp("Militants attacked an army post in the central Malian village of Djoulabougou.")
    places = {m.text for m in doc._.kg_mentions if m.kind == "place"}
    assert "Djoulabougou" in places and not any("Malian" in p for p in places)


def test_names_before_a_plural_place_noun_are_each_a_place(nlp):
    doc = nlp("Gangs attacked police positions in the Solino and Nazon neighbourhoods of Haiti's capital.")
    places = {m.text: m.iri for m in doc._.kg_mentions if m.kind == "place"}
    assert places.get("Solino") and places.get("Nazon")


def test_a_group_described_before_its_name_is_an_actor(nlp):
    doc = nlp("A smaller armed group allied to the coalition, Baz Kreyol Pen, torched homes on Sunday.")
    assert "Baz Kreyol Pen" in {m.text for m in doc._.kg_mentions if m.kind == "actor"}


def test_a_known_network_with_a_hyphenated_place_is_its_own_branch(nlp):
    doc = nlp("The Chinland Defense Force-Tonzang overran bunkers near Tonzang.")
    branch = [m for m in doc._.kg_mentions if m.text == "Chinland Defense Force-Tonzang"]
    assert branch and branch[0].kind == "actor" and branch[0].iri.endswith("chinland-defense-force-tonzang")
    assert doc._.kg_entities[branch[0].iri].parent == ACTOR + "cdf"


@pytest.mark.parametrize("text, expected", [
    ("A group calling itself the Zorin Warriors claimed the ambush at Kumbo.", "Zorin Warriors"),
    ("A militia known as the Red Hand attacked Kumbo.", "Red Hand"),
])
def test_a_name_a_group_goes_by_is_an_actor(nlp, text, expected):
    assert (expected, "actor", "pattern") in mentions(nlp, text)


@pytest.mark.parametrize("text, expected", [
    ("Two Zorin Liberation Army fighters were killed.", "Zorin Liberation Army"),
    ("Some Zorin Liberation Army units withdrew.", "Zorin Liberation Army"),
])
def test_a_number_or_determiner_opening_the_sentence_is_no_part_of_a_name(nlp, text, expected):
    names = [m[0] for m in mentions(nlp, text) if m[1] == "actor"]
    assert names and all(name.startswith(expected) for name in names)


def test_a_place_name_before_a_lowercase_facility_word_is_a_facility(nlp):
    found = mentions(nlp, "Fighting flared at the Qara Qozak bridge on Monday near the KNDF camp.")
    assert ("Qara Qozak bridge", "place", "place-pattern") in found
    assert not any(text == "KNDF camp" for text, _, _ in found)


def test_a_name_before_a_police_station_or_post_is_a_place_but_a_newspaper_is_not(nlp):
    found = mentions(nlp, "Gunmen attacked the Borobekra police station and the Kamla army post.")
    assert ("Borobekra", "place", "place-pattern") in found and ("Kamla", "place", "place-pattern") in found
    assert ("police", "state", "generic") in found  # whose station it is takes part in what happens there
    assert not [m for m in mentions(nlp, "The Washington Post said gunmen attacked the town.") if m[1] == "place"]


def test_a_column_or_front_named_after_a_person_is_a_group_but_a_front_line_is_not(nlp):
    assert ("Dagoberto Ramos column", "actor", "pattern") in mentions(
        nlp, "The police station in Toribio was attacked by the Dagoberto Ramos column late Sunday.")
    assert not [m for m in mentions(nlp, "Russian troops advanced on the Kherson front.") if m[1] == "actor"]


def test_an_ordinal_division_is_a_unit_not_a_place(nlp):
    found = mentions(nlp, "Rebels opened fire on troops of the army's Third Division near Argelia.")
    assert not any(kind == "place" and "Division" in text for text, kind, _ in found)
    assert ("Third Division", "actor", "pattern") in found


def test_a_numbered_lowercase_unit_is_a_group(nlp):
    found = mentions(nlp, "Police died in an attack the authorities attributed to the 36th front of the dissidents.")
    assert ("36th front", "actor", "pattern") in found


def test_a_known_name_with_lowercase_particles_still_matches(nlp):
    found = mentions(nlp, "Fighters from Jama'at Nusrat al-Islam wal-Muslimin (JNIM) stormed a post in Djibo.")
    assert ("Jama'at Nusrat al-Islam wal-Muslimin", "actor", "gazetteer") in found
    assert ("JNIM", "actor", "defined") in found


def test_a_lowercase_word_between_names_ends_a_place(nlp):
    texts = [m[0] for m in mentions(nlp, "UPDL fighters fought alongside the Mai-Mai at Lwemba on Monday.")]
    assert not any(" at " in text for text in texts)


def test_a_place_name_may_hold_a_particle(nlp):
    assert ("Maguindanao del Sur province", "place", "place-pattern") in mentions(
        nlp, "Soldiers clashed with rebels in Maguindanao del Sur province.")


def test_a_demonym_is_no_place(nlp):
    assert not any(kind == "place" for text, kind, _ in mentions(nlp, "Ukrainian officials did not comment."))


def test_the_name_after_a_capture_verb_is_a_place(nlp):
    assert ("Bakhmut", "place", "locative") in mentions(nlp, "Russian forces captured Bakhmut last May.")


def test_alliance_forces_point_back_to_the_alliance(nlp):
    doc = nlp("The Three Brotherhood Alliance launched an offensive. Within days alliance forces went on to capture Hsenwi.")
    forces = next(m for m in doc._.kg_mentions if m.text == "alliance forces")
    assert forces.iri == ACTOR + "three-brotherhood-alliance"


def test_a_lowercase_word_tagged_as_a_name_gets_a_nouns_lemma(nlp):
    doc = nlp("Further north, the MNDAA said junta drones had struck its positions.")
    drones = next(t for t in doc if t.text == "drones")
    assert (drones.pos_, drones.lemma_) == ("NOUN", "drone")


def test_a_hyphenated_name_and_its_hyphenated_acronym(nlp):
    found = mentions(nlp, "Fighters of the Zorin People's Liberation Army-In Opposition (ZPLA-IO) withdrew. "
                          "A ZPLA-IO spokesman disputed that.")
    assert ("Zorin People's Liberation Army-In Opposition", "actor", "pattern") in found
    assert found.count(("ZPLA-IO", "actor", "defined")) == 2
    assert not any(kind == "place" for _, kind, _ in found)


@pytest.mark.parametrize("name", ["Kivo Valley Cartel", "Dorin Hill Rifles", "Zorin State Police"])
def test_cartels_rifles_and_police_are_organisation_heads(nlp, name):
    assert (name, "actor", "pattern") in mentions(nlp, f"The {name} clashed with rivals on Monday.")


@pytest.mark.parametrize("text, expected", [
    ("The unit struck a checkpoint in the village of Qol-e-Sangi on Sunday.", "Qol-e-Sangi"),
    ("The AFF attacked a post in Khost-o-Fereng district of Baghlan.", "Khost-o-Fereng district"),
    ("Fighters attacked a post in Paryan district on Sunday.", "Paryan district"),
    ("Troops shelled positions in the al-Hawban area east of the city.", "al-Hawban area"),
    ("Gang members attacked the town of Petite-Rivière-de-l'Artibonite late Thursday.", "Petite-Rivière-de-l'Artibonite"),
])
def test_place_names_joined_by_hyphens_and_particles(nlp, text, expected):
    assert (expected, "place", "place-pattern") in mentions(nlp, text)


def test_a_known_name_is_cased_as_its_label(nlp):
    assert ("Saudi-led coalition", "actor", "gazetteer") in mentions(nlp, "Aircraft of the Saudi-led coalition struck Marib.")
    assert not any(kind == "actor" for _, kind, _ in mentions(nlp, "aircraft of the saudi-led coalition struck marib."))


@pytest.mark.parametrize("text, name", [
    ("Militants struck a post near the Koudou Falls on Monday.", "Koudou Falls"),
    ("Fighting spread to Kourfa in the Banibangou department.", "Banibangou department"),
])
def test_a_place_word_after_a_name_makes_it_a_place(nlp, text, name):
    assert name in place_names(nlp, text)


def test_a_name_listed_with_a_taken_town_is_a_place(nlp):
    assert "Bukavu" in place_names(nlp, "Eastern Congo is reeling from the offensive of the M23 rebels, who seized Goma and Bukavu earlier this year.")


def test_a_place_with_group_after_it_describes_a_group_it_does_not_name_one(nlp):
    doc = nlp("The ABSDF is a long-time ally of the Kachin group.")
    assert not any(m.kind == "actor" and m.text == "Kachin group" for m in doc._.kg_mentions)


def test_a_capitalised_article_before_a_place_word_names_no_place(nlp):
    doc = nlp('Analysts said: "The state holds the town centres by day." Rebels attacked Loikaw.')
    assert not any(m.kind == "place" and m.text.startswith("The") for m in doc._.kg_mentions)


def test_a_name_in_sentence_case_is_spelled_out_by_its_acronym(nlp):
    found = mentions(nlp, "Rebels attacked the Front pour la liberation des montagnes unies (FPLMU) near Walikale.")
    assert ("Front pour la liberation des montagnes unies", "actor", "pattern") in found


def test_a_place_name_with_a_particle_inside_is_whole(nlp):
    assert ("Santa Cruz del Monte", "place", "place-pattern") in mentions(
        nlp, "Troops patrolled near the small town of Santa Cruz del Monte on Monday.")


def test_capitalised_generic_force_words_are_no_new_group(nlp):
    doc = nlp("The M23 accused the Armed Forces of the Democratic Republic of Congo of bombing Mushaki.")
    forces = next(m for m in doc._.kg_mentions if m.text == "Armed Forces")
    assert forces.kind == "state" and not forces.iri.endswith("/armed-forces")


@pytest.mark.parametrize("text, name", [
    ("Fighting broke out in rural Tamelo on Monday.", "Tamelo"),
    ("Gunmen killed five people in remote areas of Mese, Ywathit and Nan Mae Khon.", "Nan Mae Khon"),
])
def test_places_after_an_adjective_or_an_area_word_and_in_their_lists(nlp, text, name):
    assert name in place_names(nlp, text)


@pytest.mark.parametrize("text, name", [
    ("Troops fought the rebels in border villages including Demoso and Kfar Tamelo.", "Kfar Tamelo"),
    ("Troops pounded rebel positions in the marshland of Tamelo Ywa with artillery.", "Tamelo Ywa"),
    ("The junta answered with artillery fire on Seng Tamelo and nearby villages.", "Seng Tamelo"),
])
def test_names_listed_with_an_included_place_or_after_terrain_or_fire_are_places(nlp, text, name):
    assert name in place_names(nlp, text)


@pytest.mark.parametrize("text, name", [
    ("Separatists attacked a military post in Batibo, Momo Division of the North West Region.", "Momo Division"),
    ("Soldiers killed 21 civilians in Ngarbuh, a village in Donga-Mantung Division.", "Donga-Mantung Division"),
    ("Fighters of the ADF ambushed a military convoy near Ekona in Fako Division on Sunday.", "Fako Division"),
])
def test_a_division_placed_as_an_area_is_a_place_not_a_unit(nlp, text, name):
    assert name in place_names(nlp, text)


def test_soldiers_in_a_numbered_division_are_of_the_unit(nlp):
    doc = nlp("Soldiers in the 33rd Light Infantry Division torched Chaung Gyi.")
    assert any(m.text == "33rd Light Infantry Division" and m.kind == "actor" for m in doc._.kg_mentions)


def test_a_fronted_district_described_as_a_force_is_no_force(nlp):
    doc = nlp("Further north in Katha District, a combined force of the KIA and several PDF battalions attacked Banmauk.")
    assert "Katha District" in place_names(nlp, doc.text)
    assert not any(m.text == "Katha District" and m.kind == "actor" for m in doc._.kg_mentions)


def test_every_name_listed_after_a_shelled_place_is_a_place(nlp):
    assert "Nantaraw" in place_names(nlp, "Troops launched an assault on the border, shelling Demoso, Hpruso and Nantaraw.")


def test_a_listed_place_name_runs_on_through_a_hyphenated_particle(nlp):
    assert "Bawla al-Kheir" in place_names(nlp, "Junta troops and KNDF fighters fought near Demoso and Bawla al-Kheir on Monday.")


@pytest.mark.parametrize("text", ["Insurgents seized Mocímboa da Praia in 2020.",
                                  "Fighting raged near Mocímboa da Praia in 2020."])
def test_a_place_name_runs_on_through_a_lower_case_particle(nlp, text):
    assert "Mocímboa da Praia" in place_names(nlp, text)


def test_a_listed_place_name_runs_on_after_its_first_word(nlp):
    assert "Aita al-Shaab" in place_names(nlp, "Junta troops and KNDF fighters fought near Demoso and Aita al-Shaab on Monday.")


@pytest.mark.parametrize("text, place, not_place", [
    ("Rebels attacked the mostly Alawite village of Beit Yashout.", "Beit Yashout", "Alawite village"),
    ("Militants stormed the mainly Hazara town of Jaghori on Friday.", "Jaghori", "Hazara town"),
])
def test_a_people_before_town_of_describes_the_town_the_name_after_of_is_the_place(nlp, text, place, not_place):
    names = place_names(nlp, text)
    assert place in names and not_place not in names


def test_a_region_of_a_country_keeps_its_own_name(nlp):
    assert "Amhara region" in place_names(nlp, "Fano militiamen attacked the Amhara region of Ethiopia.")


@pytest.mark.parametrize("text", [
    "Militants killed 12 soldiers at a post known as Kilometre Sept on Sunday.",
    "Militants attacked a camp near Kandi and another at the so-called Kilometre Sept on Sunday.",
])
def test_a_position_known_as_a_name_is_a_place(nlp, text):
    assert "Kilometre Sept" in place_names(nlp, text)


def test_a_group_known_as_a_name_is_no_place(nlp):
    assert not place_names(nlp, "A faction known as Katiba Serma claimed the attack.")


def test_the_plural_of_a_defined_or_known_acronym_is_that_group(nlp):
    found = mentions(nlp, "The Kachin Independence Army (KIA) said KIAs had joined. Police said NDFs fled.")
    assert ("KIAs", "actor", "acronym") in found


def test_an_arabic_particle_joined_by_a_hyphen_stays_inside_the_place_name(nlp):
    names = place_names(nlp, "Tribal fighters attacked posts in Deir ez-Zor province and near Jisr ash-Shughur.")
    assert {"Deir ez-Zor province", "Jisr ash-Shughur"} <= names
    assert "Loikaw at Demoso" not in str(place_names(nlp, "Troops shelled Loikaw at Demoso township on Monday."))


def test_each_name_a_plural_place_noun_is_of_is_a_place(nlp):
    names = place_names(nlp, "Rebels attacked the villages of Kyauk Ni Maw, Hpa Yar and Thet Kei, residents said.")
    assert {"Kyauk Ni Maw", "Hpa Yar", "Thet Kei"} <= names


def test_a_place_name_may_open_with_a_lowercase_particle(nlp):
    names = place_names(nlp, "Gunmen struck posts in the village of al-Shuhayl and near ad-Dana on Monday.")
    assert {"al-Shuhayl", "ad-Dana"} <= names


@pytest.mark.parametrize("text, name", [
    ("Troops seized the Gaza side of the Rafah crossing on May 7.", "Rafah crossing"),
    ("Fighters captured the military's camp on Rung Tlang hill on Sunday.", "Rung Tlang hill"),
    ("Fighting broke out in the Bella Rica mining district on Saturday.", "Bella Rica mining district"),
    ("Soldiers clashed with gang members in the rural parish of El Carmen de Pijili.", "El Carmen de Pijili"),
    ("Clashes between the EMC and the EMBF in rural El Retorno killed 20 people.", "El Retorno"),
])
def test_place_names_of_every_shape(nlp, text, name):
    assert name in place_names(nlp, text)


def test_a_camp_named_for_its_owner_or_a_place_noun_describing_a_town_is_no_place(nlp):
    assert not place_names(nlp, "KNDF fighters overran the KNDF camp on Monday.")
    names = place_names(nlp, "Fighting reached Kyaukphyu, the Rakhine State port town, on Monday.")
    assert "Rakhine State port" not in names


def test_a_name_describing_the_object_or_a_continent_adjective_is_no_place(nlp):
    assert not place_names(nlp, "The brigade has vowed to defend Alawite areas against sectarian attacks.")
    assert not place_names(nlp, "Karen forces overran a military camp on the Asian Highway on Thursday.")


def test_each_name_listed_before_a_plural_gang_noun_is_a_gang(nlp):
    found = mentions(nlp, "The Grand Ravine, Village de Dieu and 5 Segonn gangs attacked Solino. "
                          "In late March, Viv Ansanm gangs overran the town of Mirebalais.")
    names = {text for text, kind, _ in found if kind == "actor"}
    assert {"Grand Ravine gang", "Village de Dieu gang", "5 Segonn gang"} <= names
    assert not any("March" in name for name in names)


def test_one_name_before_plural_villages_says_whose_they_are(nlp):
    assert place_names(nlp, "Meitei armed groups had first attacked Kuki-Zo villages near Kangchup on Sunday.") == {"Kangchup"}
    assert {"Pauk", "Gangaw"} <= place_names(nlp, "The army shelled Pauk and Gangaw townships.")


def test_a_civil_body_spelled_out_by_its_acronym_is_no_actor(nlp):
    found = mentions(nlp, "The injured were taken to the Regional Institute of Medical Sciences (RIMS) in Imphal. "
                          "The Union of Patriots for the Defence of Lubero (UPDL) attacked Lubero.")
    actors = {text for text, kind, _ in found if kind == "actor"}
    assert "Union of Patriots for the Defence of Lubero" in actors and not any("Medical" in a for a in actors)


def test_an_unknown_name_before_base_is_its_place_even_when_ner_calls_it_an_organisation(nlp):
    assert "Chinagodrar base" in place_names(nlp, "The ISSP was behind an attack on the Chinagodrar base in January 2020.")
    assert "KNDF camp" not in place_names(nlp, "Junta jets bombed a KNDF camp near Demoso.")
