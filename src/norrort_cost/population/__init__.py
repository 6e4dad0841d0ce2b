"""Population figures: planning an SCB import into a dataset (``importing``) and the
plausibility warnings that ``validate`` shows (``plausibility``). Pure: loading reads the files.
"""
