#!/usr/bin/env python
"""Django's command-line utility.

`site/` is a folder, not a package (`site` is also a standard-library module), so it is put on the
import path here: settings import as `settings.dev`, the shell app as `home`.
"""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
