"""``python -m appraisal``: the same as the ``appraisal`` command."""

from appraisal.cli import main_entry

if __name__ == "__main__":
    main_entry()
