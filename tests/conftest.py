"""Root conftest: registers the Bolt test-server fixture (`bolt_settings`) for every test directory."""

pytest_plugins = ["tests.neo4j_server"]
