"""A learned reader of a figure's indicator: a CRF tagger trained on the gold records.

An experiment beside the rules (issue 12 §3): ``scripts/indicator_model.py`` builds the
training data from the gold, trains the model shipped here and compares it with the rules by
cross-validation by report (``scripts/indicator_model_data/cv-results.md``). It lost on
arrival and costs many times the rules' time, so ``luoshi.extract`` does not use it.
"""
