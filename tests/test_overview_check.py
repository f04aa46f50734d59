from summarizer.checks.overview_check import check_overview, unknown_names

# Written by the team after MUC-4 dev summaries that named "Portillo" for PORTH and put the Miraflores
# district in California; the article below is wire copy in capitals, as those were.
ARTICLE = (
    "SAN SALVADOR, 9 JUN 89 -- [TEXT] PRESIDENCY MINISTER ANTONIO RODRIGUEZ PORTH WAS KILLED TODAY "
    "IN THE MIRAFLORES DISTRICT. SALVADORAN POLICE BLAMED URBAN GUERRILLAS."
)


def test_names_are_checked_against_the_article_with_its_inflections_and_month_abbreviations() -> None:
    prose = "On 9 June the Salvadoran police blamed guerrillas. Rodriguez Porth died in Miraflores, California."
    assert unknown_names(prose, ARTICLE) == ["California"]
    assert unknown_names("In January, Portillo was killed.", ARTICLE) == ["January", "Portillo"]
    assert unknown_names("In June, Porth was killed.", ARTICLE) == []
    # Found in MUC-4 summaries: a name one letter off the article's, or sharing only its first letters.
    assert unknown_names("Police blamed the Presidential guard of Rodrigo Porth.", ARTICLE) == ["Rodrigo"]
    assert unknown_names("Police blamed the President.", ARTICLE) == []  # PRESIDENCY: eight letters shared
    assert unknown_names("Police blamed the Miraflorez district.", ARTICLE) == []  # the limit: past the eighth letter


def test_a_summary_sentence_naming_what_the_article_lacks_is_removed_and_reported() -> None:
    headline, summary, dropped = check_overview(
        "Minister Porth Killed in San Salvador",
        "Minister Antonio Rodriguez Porth was killed. Police blamed President Portillo's guards.",
        ARTICLE,
    )
    assert headline == "Minister Porth Killed in San Salvador"
    assert summary == "Minister Antonio Rodriguez Porth was killed."
    assert [d.reason for d in dropped] == ["summary sentence removed: it names 'Portillo', which the article does not"]
    assert dropped[0].section == "overview" and "Portillo" in dropped[0].item["summary"]


def test_a_headline_naming_what_the_article_lacks_becomes_the_summarys_first_sentence() -> None:
    long_sentence = "Antonio Rodriguez Porth was killed in the Miraflores district " + "and police said so " * 10 + "."
    headline, summary, dropped = check_overview("Porth Killed in Guatemala", long_sentence, ARTICLE)
    assert summary == long_sentence
    assert headline.startswith("Antonio Rodriguez Porth was killed") and headline.endswith("…")
    assert len(headline) <= 160
    assert "headline replaced: it names 'Guatemala'" in dropped[0].reason
    assert dropped[0].item == {"headline": "Porth Killed in Guatemala"}


def test_when_no_summary_sentence_is_safe_the_articles_first_sentence_stands_in() -> None:
    headline, summary, _ = check_overview("Killing in Guatemala", "Portillo was shot in Guatemala.", ARTICLE)
    assert summary.startswith("SAN SALVADOR, 9 JUN 89") and summary in ARTICLE
    assert headline == summary[:160] or headline.endswith("…")


def test_a_title_case_headline_may_inflect_the_articles_words_or_use_the_summarys() -> None:
    summary = "Police blamed urban guerrillas for the attack on the minister."
    # "Killing" is the article's KILLED, "Attack" is written in lower case by the summary itself.
    assert check_overview("Urban Guerrillas Blamed for Killing: Attack in Miraflores", summary, ARTICLE)[2] == []
    headline, _, dropped = check_overview("Attack on Minister Porth in Guatemala", summary, ARTICLE)
    assert headline == summary and "'Guatemala'" in dropped[0].reason  # a name is still a name


def test_a_name_that_starts_a_sentence_is_checked_a_function_word_is_not() -> None:
    assert unknown_names("Guatemala police blamed guerrillas. Three died in Miraflores.", ARTICLE) == ["Guatemala"]
