"""A learned reader of a figure's indicator: a CRF tagger trained on the gold records.

An experiment beside the rules (issue 12 §3): ``scripts/indicator_model.py`` builds the
training data from the gold, trains the model shipped here and compares it with the rules by
cross-validation by report. See ``NOTES-crf.md`` for the results and whether it is used.
"""
