"""Demo and benchmark data, outside the apps: `manage.py load_demo`, `generate_services`, `bench_search` and
`bench_report`, and the builders the tests share. It imports the apps; the apps never import it."""
