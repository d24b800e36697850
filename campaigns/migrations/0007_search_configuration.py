"""PostgreSQL only: the full-text configuration of the site's search (Wagtail's backend, SEARCH_CONFIG in
settings): words without accents ("cocaine" finds "cocaïne"), no stemming (the index holds French and Dutch pages,
and Wagtail's backend takes one configuration for both). Other databases: nothing to do.
After this migration on an existing PostgreSQL database, rebuild the index once: `manage.py update_index`."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'prevention_search') THEN
    CREATE TEXT SEARCH CONFIGURATION prevention_search (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION prevention_search
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
  END IF;
END
$$;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS prevention_search;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0006_knowledge_review_and_mix_advice")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
