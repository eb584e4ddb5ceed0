from parsing.text import cid_ratio, clean_text, fix_detached_diacritics, fold


def test_ligatures_become_letters():
    assert clean_text("ﬁnance and ﬃrm ﬂow") == "finance and ffirm flow"


def test_ligature_inside_an_email_is_repaired():
    assert clean_text("jane.ﬁsher@example.com") == "jane.fisher@example.com"


def test_soft_hyphen_as_dash_and_at_line_end():
    assert clean_text("Mar. 2010 \u00ad Aug. 2017") == "Mar. 2010 - Aug. 2017"
    assert clean_text("Back\u00adend") == "Back-end"
    assert clean_text("experi\u00ad\nence") == "experience"


def test_zero_width_and_bom_are_removed():
    assert clean_text("\ufeffJa\u200bne Do\u200de") == "Jane Doe"


def test_tabs_and_odd_spaces_collapse_but_lines_stay():
    assert (
        clean_text("Senior\tSoftware\u00a0\u2009Engineer\n\n\n\nBerlin")
        == "Senior Software Engineer\n\nBerlin"
    )


def test_cid_placeholders_are_removed():
    assert clean_text("(cid:127) Python (cid:3)") == "Python"


def test_detached_diacritics_are_composed():
    assert fix_detached_diacritics("Z\u00a8urich") == "Zürich"
    assert fix_detached_diacritics("Mu\u00a8ller") == "Müller"
    assert fix_detached_diacritics("Jos\u00b4e") == "José"
    assert fix_detached_diacritics("\u00b4Ecole") == "École"
    assert fix_detached_diacritics("Fran\u00b8cois") == "François"


def test_detached_diacritic_guard_leaves_code_and_urls_alone():
    assert clean_text("`echo` ~/bin cornell.edu/~ashesh") == "`echo` ~/bin cornell.edu/~ashesh"


def test_cid_ratio():
    assert cid_ratio("plain text") == 0.0
    assert cid_ratio("(cid:1)(cid:2)(cid:3)") == 1.0
    assert 0.4 < cid_ratio("(cid:1)(cid:2) ab") < 0.6


def test_fold_for_comparison():
    assert fold("Ürün Çelik") == "urun celik"


def test_plain_ascii_still_loses_its_breaks_controls_and_detached_accents():
    # ASCII text skips the steps that cannot change it; these are the ASCII that they do change.
    assert clean_text("Anna\r\nSmith\x0cPage two\x0bend") == "Anna\nSmith\nPage two\nend"
    assert clean_text("Py\x00th\x07on\x1f SQL\x7f") == "Python SQL"
    assert clean_text("Jos`E (cid:12)Lima") == "JosÈ Lima"
    assert clean_text("  Data   engineer \n\n\n\n Berlin  ") == "Data engineer\n\nBerlin"


def test_ascii_spellings_of_a_word_as_addresses_type_it():
    from parsing.text import ascii_spellings

    assert ascii_spellings("Michał") == ("michal",)
    assert ascii_spellings("Müller") == ("muller", "mueller")
    assert ascii_spellings("Søren") == ("soren",) and ascii_spellings("Yılmaz") == ("yilmaz",)
    assert ascii_spellings("Straße") == ("strasse",)
    assert {"yuliya", "iuliia", "julija"} <= set(ascii_spellings("Юлия"))


def test_western_text_in_windows_1252_is_not_read_as_central_european():
    from parsing.formats import decode_text

    icelandic = "Guðrún Einarsdóttir\nReykjavík, Ísland\nMarkaðsstjóri hjá Ölgerðinni\n"
    assert decode_text(icelandic.encode("cp1252")) == icelandic
    polish = "Małgorzata Żółkiewska\nul. Długa 5, Kraków\nKsięgowa w firmie Żabka\n"
    assert decode_text(polish.encode("cp1250")) == polish


def test_romanian_text_in_windows_1250_stays_central_european():
    from parsing.formats import decode_text

    romanian = (
        "Nume: Ana Ţurcanu\nAdresă: Timişoara, Str. Ştefan cel Mare 3\nExperienţă în vânzări\n"
    )
    assert decode_text(romanian.encode("cp1250")) == romanian
