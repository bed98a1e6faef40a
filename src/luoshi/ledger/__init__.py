"""The ledger: commitments, departments, progress reports and their computed status."""
