"""The text checks' thresholds, each with the reason for its value (part of `DEFAULT_SETTINGS`;
a spec may override any of them). Their false-alarm rates and power are measured by
benchmarks/calibration_text.py: set on some families of generated tickets, reported on others."""

from __future__ import annotations

TEXT_SETTINGS: dict[str, float] = {
    # Rows read for the word statistics (both parts, sampled): enough for a word in 1% of rows to
    # occur 200 times, bounded for large data (as the checks that fit models). A word or two-word
    # phrase counts from 10 rows.
    "text_max_rows": 20_000,
    "text_min_rows": 10,
    # Words that give the label away. A word's impurity is the share of its rows in other classes
    # than its own, over the share an unrelated word would have there (1 - its class's share):
    # 0 for a word only one class ever has. Honest words are judged against the data's own
    # topical words (in 30 rows or more, tied to a class beyond chance, found in another class at
    # least once): the purest 5% of them, and never purer than 0.02 (a customer's word follows
    # the team 98% of the time at most: tickets are re-routed, customers mention several
    # things). A word is telling when it is at most half as impure as that, and at most 0.05 (a
    # twentieth of an unrelated word's share: the purest honest word of a weak text may stand
    # out from the others, it still turns up in other classes far more often), significantly so
    # (binomial, p below 1e-6).
    "label_word_quantile": 0.05,
    "label_word_reference_rows": 30,
    "label_word_floor": 0.02,
    "label_word_ratio": 0.5,
    "label_word_max_impurity": 0.05,
    "label_word_p_value": 1e-6,
    # Share of test rows holding such a word: 0.5% is worth a look, 2% decides part of the
    # holdout by the label written in the text.
    "label_words_warning": 0.005,
    "label_words_critical": 0.02,
    # In a column of repeated phrases (notes picked from a list), a giveaway word must occur in
    # five of its distinct phrases or more: a line appended to many notes, not one pure phrase
    # (a category level, which the subset checks judge).
    "phrase_word_min_values": 5,
    # Text written after the outcome: words telling the class (as above) that sit in the last
    # third of the text in 90% of their rows or more, significantly more than words do there
    # (binomial against the larger of one half and the typical word's share, p below 1e-6).
    "late_text_share": 0.9,
    "late_text_p_value": 1e-6,
    "late_text_warning": 0.005,
    "late_text_critical": 0.02,
    # Copies: a test text whose rare word triples (those in at most 5 rows: not a template, not a
    # phrase everyone writes; 4 of them at least, what a one-sentence ticket holds) are 80%
    # contained in a training text, or the other way round. Copies count when they agree with
    # their twin's outcome beyond chance (p below 0.001); 2% of the holdout copying a training
    # text of the same outcome is worth a look, 5% is a broken split (as for repeated rows).
    "text_copy_containment": 0.8,
    "text_copy_min_shingles": 4,
    "text_copy_max_rows": 5,
    "text_copies_warning": 0.02,
    "text_copies_critical": 0.05,
    "text_copies_p_value": 0.001,
    # Training texts compared with each test text, at most (sampled beyond).
    "text_copy_reference_rows": 200_000,
}
