"""kg_verb_forms: tagger slips corrected after the parse."""


def test_an_upper_case_is_before_a_verb_is_a_name_not_the_auxiliary(nlp):
    doc = nlp("IS seized a third of Iraq in 2014.")
    assert (doc[0].pos_, doc[0].dep_) == ("PROPN", "nsubj")


def test_a_shouted_headline_keeps_its_auxiliary(nlp):
    doc = nlp("TROOPS IS SEIZED IN RAID")
    assert doc[1].pos_ != "PROPN" or doc[1].dep_ != "nsubj"
