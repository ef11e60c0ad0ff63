"""Model × feature cells (issue 5 §5): tiny random-weight models per architecture and one oracle
per feature column. `runner.run_feature_cell` is the entry point."""
