"""tqa score: BLEU/chrF/TER per article or entry, with clear misalignment errors."""

from conftest import SEED

HEADER = 'msgid ""\nmsgstr "Language: ru\\n"\n\n'


def test_identical_texts_score_perfectly(tqa):
    report = tqa("score", "-f", "json", SEED, SEED).json()
    assert len(report["units"]) == 10
    assert report["corpus"]["bleu"] == 100.0 and report["corpus"]["ter"] == 0.0


def test_edited_article_scores_lower_and_table_lists_it(tqa, tmp_path):
    mt = tmp_path / "mt.txt"
    final = tmp_path / "final.txt"
    mt.write_text("Title\n\nPresident arrived to New York for working visit.\n", encoding="utf-8")
    final.write_text("Title\n\nThe President arrived in New York for a working visit.\n", encoding="utf-8")
    report = tqa("score", "-f", "json", mt, final).json()
    [unit] = report["units"]
    assert 0 < unit["bleu"] < 100 and 0 < unit["ter"] < 100 and unit["chrf"] > 50
    table = tqa("score", mt, final)
    assert table.code == 0 and "corpus (1)" in table.out and "BLEU" in table.out


def test_catalogs_align_by_msgid(tqa, tmp_path):
    a, b = tmp_path / "a.po", tmp_path / "b.po"
    a.write_text(HEADER + 'msgid "Save"\nmsgstr "Сохранить"\n\nmsgid "Open"\nmsgstr "Открыть"\n', encoding="utf-8")
    b.write_text(
        HEADER + 'msgid "Open"\nmsgstr "Открыть"\n\nmsgid "Save"\nmsgstr "Сохранить"\n\n'
        'msgid "Close"\nmsgstr "Закрыть"\n',
        encoding="utf-8",
    )
    run = tqa("score", "-f", "json", a, b)
    assert run.code == 0 and run.json()["corpus"]["units"] == 2 and run.json()["corpus"]["chrf"] == 100.0
    assert "1 only in" in run.err


def test_misaligned_inputs_are_clear_errors(tqa, tmp_path):
    one = tmp_path / "one.txt"
    one.write_text("Title\n\nText.\n", encoding="utf-8")
    run = tqa("score", one, SEED)
    assert run.code == 2 and "misaligned" in run.err and "10" in run.err
    po = tmp_path / "x.po"
    po.write_text(HEADER + 'msgid "Save"\nmsgstr "Сохранить"\n', encoding="utf-8")
    assert "same kind" in tqa("score", po, one).err
